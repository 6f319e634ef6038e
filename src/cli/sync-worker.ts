/**
 * The sync thread (see sync-thread.ts): runs the sync job it was started with (`recipe-ops
 * sync`'s, or the one a report runs first), sends progress while it runs if asked to, stops
 * after the current transaction when the main thread says stop, and answers with the result or
 * the error.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type { ClientStats } from '../extract/workato/api.js';
import { createLogger } from '../shared/logger.js';
import { answerOf } from '../shared/thread-answer.js';
import type { SyncProgressEvent } from '../store/sync/types.js';
import { runReportSyncJob, runSyncJob } from './sync-job.js';
import type { SyncJobHooks } from './sync-job.js';
import type { SyncProgressMessage, SyncStopMessage, SyncThreadJob } from './sync-messages.js';

function hooksFor(job: SyncThreadJob['job']): SyncJobHooks {
  const controller = new AbortController();
  parentPort?.on('message', (message: SyncStopMessage) => {
    if (message.type === 'stop') controller.abort();
  });
  const post = (message: SyncProgressMessage) => parentPort?.postMessage(message);
  const progress = (event: SyncProgressEvent, stats: ClientStats) =>
    post({ type: 'progress', event, stats });
  return {
    env: process.env,
    // Straight to fd 2: through this thread's process.stderr, lines would come out late.
    logger: createLogger({ ...job.log, destination: 2 }),
    signal: controller.signal,
    ...(job.progress ? { onProgress: progress } : {}),
  };
}

function run(started: SyncThreadJob): Promise<unknown> {
  const hooks = hooksFor(started.job);
  return started.kind === 'sync'
    ? runSyncJob(started.job, hooks)
    : runReportSyncJob(started.job, hooks);
}

if (parentPort !== null) {
  const started = workerData as SyncThreadJob;
  parentPort.postMessage(await answerOf(() => run(started)));
  // The stop listener would keep the thread alive: nothing more is coming.
  parentPort.close();
}
