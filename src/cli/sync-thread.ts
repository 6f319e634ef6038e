/**
 * `recipe-ops sync` does its work in a sync thread: fetching, validating and writing a fleet's
 * jobs allocates hundreds of MB a minute, and Node can bound the V8 heaps of a worker thread
 * (shared/worker-threads.ts) but not of the main thread, whose heap under V8's defaults grew to
 * twice what the sync needs. The main thread only supervises (sync-supervisor.ts). The sync a
 * report runs first goes the same way.
 */
import { Worker } from 'node:worker_threads';

import type { ClientStats } from '../extract/workato/api.js';
import { threadAnswer } from '../shared/thread-answer.js';
import { SYNC_THREAD_LIMITS, workerScript } from '../shared/worker-threads.js';
import type { SyncProgressEvent } from '../store/sync/types.js';
import type { ReportSyncOutcome } from './report-sync.js';
import type {
  ReportSyncJob,
  SyncJob,
  SyncProgressMessage,
  SyncResult,
  SyncStopMessage,
  SyncThreadJob,
} from './sync-messages.js';

export interface SyncThreadOptions {
  /** The thread's environment (tokens, RECIPE_OPS_* settings). */
  env: NodeJS.ProcessEnv;
  /** Aborted: the thread stops after its current transaction and answers as usual. */
  signal: AbortSignal;
  onProgress?: (event: SyncProgressEvent, stats: ClientStats) => void;
}

/** Runs the sync job in a sync thread; throws what the job threw there. */
export function syncOffThread(job: SyncJob, options: SyncThreadOptions): Promise<SyncResult> {
  return inSyncThread<SyncResult>({ kind: 'sync', job }, options);
}

/** The sync a report runs first, in a sync thread. */
export function reportSyncOffThread(
  job: ReportSyncJob,
  options: SyncThreadOptions,
): Promise<ReportSyncOutcome> {
  return inSyncThread<ReportSyncOutcome>({ kind: 'report', job }, options);
}

function inSyncThread<T>(job: SyncThreadJob, options: SyncThreadOptions): Promise<T> {
  const worker = new Worker(workerScript('./sync-worker.js', import.meta.url), {
    workerData: job,
    env: options.env,
    resourceLimits: SYNC_THREAD_LIMITS,
  });
  const stop = () => worker.postMessage({ type: 'stop' } satisfies SyncStopMessage);
  if (options.signal.aborted) stop();
  else options.signal.addEventListener('abort', stop, { once: true });
  const progress = (message: unknown) => {
    const sent = message as SyncProgressMessage;
    if (sent.type === 'progress') options.onProgress?.(sent.event, sent.stats);
  };
  return threadAnswer<T>(worker, 'syncing the accounts', progress).finally(() =>
    options.signal.removeEventListener('abort', stop),
  );
}
