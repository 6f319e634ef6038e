/**
 * CSV and XLSX reports are written off the main thread: a file report thread builds the reports
 * (its report worker reads the archive on another core) and writes them. Both threads run with
 * bounded V8 heaps (shared/worker-threads.ts), which Node can give a worker thread but not the
 * main thread (only command-line flags size that one): so the main thread, whose heap follows
 * V8's defaults, just waits. Sinks and transforms are the same code as in the main thread; only
 * where they run changes.
 */
import { Worker } from 'node:worker_threads';

import type { WriteOutcome } from '../load/sink.js';
import { threadAnswer } from '../shared/thread-answer.js';
import { SINK_THREAD_LIMITS, workerScript } from '../shared/worker-threads.js';
import type { FileReportJob } from './file-report-messages.js';

/** Writes the job's reports in a file report thread; throws what the sink or reader threw. */
export function writeFileReportsOffThread(job: FileReportJob): Promise<WriteOutcome> {
  const worker = new Worker(workerScript('./file-report-worker.js', import.meta.url), {
    workerData: job,
    resourceLimits: SINK_THREAD_LIMITS,
  });
  return threadAnswer<WriteOutcome>(worker, 'writing the reports');
}
