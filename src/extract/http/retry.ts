/**
 * All retry policy of the client, in one place. Retried: 408, 429, 5xx, network errors
 * (reset, refused, timeout) and truncated or invalid JSON bodies. Idempotent calls are retried
 * blindly; a non-idempotent call (recipe start/stop) is retried blindly only when the request
 * surely had no effect (429, connection refused) and otherwise asks `resolveAmbiguous` first,
 * which reads the state the call meant to change.
 */
import { isWorkatoApiError, NetworkError, RateLimitedError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before attempt n+1 is min(maxDelayMs, baseDelayMs * 2^(n-1)), with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

export interface RetryEvent {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions<T> {
  policy: RetryPolicy;
  idempotent: boolean;
  sleep: Sleep;
  random?: () => number;
  /** For non-idempotent calls: after an ambiguous failure, a value if the call took effect. */
  resolveAmbiguous?: (error: unknown) => Promise<T | undefined>;
  onRetry?: (event: RetryEvent) => void;
}

/** Parses Retry-After: delta seconds or an HTTP date. Returns ms, or null when absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Exponential backoff with full jitter, capped. `attempt` is the attempt that just failed. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function isRetryable(error: unknown): boolean {
  return isWorkatoApiError(error) && error.retryable;
}

/** True when the failed request surely did not change anything on the server. */
function surelyNotApplied(error: unknown): boolean {
  if (error instanceof RateLimitedError) return true;
  return error instanceof NetworkError && error.notSent;
}

/** Runs `attempt(n)` until it succeeds, fails for good, or the attempts run out. */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions<T>,
): Promise<T> {
  const { policy } = options;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!isRetryable(error) || n >= policy.maxAttempts) throw error;
      if (!options.idempotent && !surelyNotApplied(error)) {
        if (!options.resolveAmbiguous) throw error;
        const settled = await options.resolveAmbiguous(error);
        if (settled !== undefined) return settled;
      }
      const delayMs = retryDelay(error, n, options);
      if (delayMs === null) throw error;
      options.onRetry?.({ attempt: n, maxAttempts: policy.maxAttempts, delayMs, error });
      await options.sleep(delayMs);
    }
  }
}

function retryDelay<T>(error: unknown, n: number, options: RetryOptions<T>): number | null {
  const backoff = backoffDelay(n, options.policy, options.random);
  if (error instanceof RateLimitedError && error.retryAfterMs !== null) {
    if (error.retryAfterMs > options.policy.maxRetryAfterMs) return null;
    // Retry-After is the server's floor; never wait less than it says.
    return Math.max(error.retryAfterMs, Math.min(backoff, 1000));
  }
  return backoff;
}
