/**
 * The sync thread (see sync-thread.ts): runs the sync job it was started with, sends progress
 * while it runs if asked to, stops after the current transaction when the main thread says
 * stop, and answers with the result or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { createLogger } from '../shared/logger.js';
import { answerOf } from '../shared/thread-answer.js';
import { runSyncJob } from './sync-job.js';
import type { SyncJob, SyncProgressMessage, SyncResult, SyncStopMessage } from './sync-messages.js';

function runJob(job: SyncJob): Promise<SyncResult> {
  const controller = new AbortController();
  parentPort?.on('message', (message: SyncStopMessage) => {
    if (message.type === 'stop') controller.abort();
  });
  const post = (message: SyncProgressMessage) => parentPort?.postMessage(message);
  return runSyncJob(job, {
    env: process.env,
    // Straight to fd 2: through this thread's process.stderr, lines would come out late.
    logger: createLogger({ ...job.log, destination: 2 }),
    signal: controller.signal,
    ...(job.progress
      ? { onProgress: (event, stats) => post({ type: 'progress', event, stats }) }
      : {}),
  });
}

if (parentPort !== null) {
  const job = workerData as SyncJob;
  parentPort.postMessage(await answerOf(() => runJob(job)));
  // The stop listener would keep the thread alive: nothing more is coming.
  parentPort.close();
}
