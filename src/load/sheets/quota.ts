/**
 * Google's per-user quotas (60 write and 60 read requests per minute) and the sink's own
 * retries: googleapis does not retry POST, so every Sheets write goes through `withRetries`.
 * A retry is only made when it cannot apply a change twice: 429 means nothing was applied; an
 * ambiguous failure (5xx, connection lost) is retried only for requests that are idempotent
 * (values written at fixed ranges) or after `verify` confirms the change is not there yet.
 */
import type { Logger } from '../../shared/logger.js';
import { withRetries as retryEngine } from '../../shared/retry.js';
import type { RetryPolicy, Sleep } from '../../shared/retry.js';
import type { SheetsError } from './errors.js';

export { realSleep } from '../../shared/retry.js';
export type { RetryPolicy, Sleep } from '../../shared/retry.js';

/**
 * A sliding-window limiter: at most `perMinute` requests start in any 60 s. One instance per
 * run and per kind (writes, reads), shared by every report and spreadsheet of the run.
 */
export class MinuteLimiter {
  private readonly starts: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {}

  /** Waits for a free slot; resolves with the ms waited. */
  take(): Promise<number> {
    const result = this.tail.then(() => this.waitForSlot());
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async waitForSlot(): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.now();
      while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - 60_000) this.starts.shift();
      if (this.starts.length < this.perMinute) {
        this.starts.push(now);
        return waited;
      }
      const delay = (this.starts[0] ?? now) + 60_000 - now;
      waited += delay;
      await this.sleep(delay);
    }
  }
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 7,
  baseDelayMs: 1_000,
  maxDelayMs: 64_000,
  maxRetryAfterMs: 120_000,
  // Google's Retry-After is when its quota refills: wait exactly that.
  retryAfterFloorMs: 0,
};

export interface RetryContext {
  policy: RetryPolicy;
  sleep: Sleep;
  logger: Logger;
  random?: () => number;
}

export interface AttemptOptions<T> {
  what: string;
  /** True when sending the request twice has the same effect as once. */
  idempotent: boolean;
  /** After an ambiguous failure of a non-idempotent request: its result if it was applied. */
  verify?: () => Promise<T | undefined>;
}

export function withRetries<T>(
  attempt: () => Promise<T>,
  context: RetryContext,
  options: AttemptOptions<T>,
): Promise<T> {
  const { verify } = options;
  return retryEngine(() => attempt(), {
    policy: context.policy,
    sleep: context.sleep,
    random: context.random,
    idempotent: options.idempotent,
    classify: (caught) => {
      const error = caught as SheetsError;
      return {
        retryable: error.retryable,
        ambiguous: error.ambiguous,
        retryAfterMs: error.retryAfterMs,
      };
    },
    resolveAmbiguous: verify ? () => verify() : undefined,
    onRetry: ({ attempt: n, maxAttempts, delayMs, error }) => {
      const status = (error as SheetsError).status;
      context.logger.warn(
        { status, attempt: n, maxAttempts, delayMs },
        `${options.what} failed (${status ?? 'network'}); retrying in ${delayMs} ms`,
      );
    },
  });
}
