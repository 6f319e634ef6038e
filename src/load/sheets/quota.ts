/**
 * Google's per-user quotas (60 write and 60 read requests per minute) and the sink's own
 * retries: googleapis does not retry POST, so every Sheets write goes through `withRetries`.
 * A retry is only made when it cannot apply a change twice: 429 means nothing was applied; an
 * ambiguous failure (5xx, connection lost) is retried only for requests that are idempotent
 * (values written at fixed ranges) or after `verify` confirms the change is not there yet.
 */
import type { Logger } from '../../shared/logger.js';
import type { SheetsError } from './errors.js';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

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

export interface RetryPolicy {
  maxAttempts: number;
  /** Backoff before attempt n+1: min(maxDelayMs, baseDelayMs * 2^(n-1)), half of it jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails the request instead of being waited out. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 7,
  baseDelayMs: 1_000,
  maxDelayMs: 64_000,
  maxRetryAfterMs: 120_000,
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

export async function withRetries<T>(
  attempt: () => Promise<T>,
  context: RetryContext,
  options: AttemptOptions<T>,
): Promise<T> {
  const { policy } = context;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (caught) {
      const error = caught as SheetsError;
      if (!error.retryable || n >= policy.maxAttempts) throw error;
      if (error.ambiguous && !options.idempotent) {
        if (!options.verify) throw error;
        const applied = await options.verify();
        if (applied !== undefined) return applied;
      }
      const delayMs = retryDelay(error, n, context);
      if (delayMs === null) throw error;
      context.logger.warn(
        { status: error.status, attempt: n, maxAttempts: policy.maxAttempts, delayMs },
        `${options.what} failed (${error.status ?? 'network'}); retrying in ${delayMs} ms`,
      );
      await context.sleep(delayMs);
    }
  }
}

function retryDelay(error: SheetsError, n: number, context: RetryContext): number | null {
  const { policy } = context;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  const backoff = Math.round(ceiling / 2 + ((context.random ?? Math.random)() * ceiling) / 2);
  if (error.retryAfterMs !== null) {
    if (error.retryAfterMs > policy.maxRetryAfterMs) return null;
    return error.retryAfterMs; // the server's word: it knows when its quota refills
  }
  return backoff;
}
