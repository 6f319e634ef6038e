/**
 * The answer of a worker thread that does one job: its result or its error, sent once at the
 * end, and taken by the starting thread only once the worker has exited (so that nothing of it
 * outlives the job). Any other message (progress) goes to the caller as it comes.
 */
import type { Worker } from 'node:worker_threads';

import { RecipeOpsError } from './errors.js';
import { receivedError, sendableError } from './thread-errors.js';
import type { SentError } from './thread-errors.js';

export type ThreadAnswer<T> = { type: 'answer'; value: T } | { type: 'failed'; error: SentError };

/** In the worker: what `work` returned, or what it threw, ready to post. */
export async function answerOf<T>(work: () => Promise<T>): Promise<ThreadAnswer<T>> {
  try {
    return { type: 'answer', value: await work() };
  } catch (error) {
    return { type: 'failed', error: sendableError(error) };
  }
}

/**
 * In the starting thread: the worker's answer once it has exited; rejects with the error it
 * threw, or names `what` the thread was doing when it died without answering.
 */
export function threadAnswer<T>(
  worker: Worker,
  what: string,
  onOther: (message: unknown) => void = () => undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let answer: ThreadAnswer<T> | undefined;
    let crash: Error | undefined;
    worker.on('message', (message: { type?: unknown }) => {
      if (message.type === 'answer' || message.type === 'failed') {
        answer = message as ThreadAnswer<T>;
      } else onOther(message);
    });
    worker.on('error', (error) => (crash = error));
    worker.once('exit', (code) => {
      if (answer?.type === 'answer') resolve(answer.value);
      else if (answer?.type === 'failed') reject(receivedError(answer.error));
      else {
        const how = crash ? `failed: ${crash.message}` : `stopped unexpectedly (exit ${code})`;
        reject(new RecipeOpsError(`the thread ${what} ${how}`, { cause: crash }));
      }
    });
  });
}
