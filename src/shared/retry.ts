/**
 * The retry engine shared by the Workato client and the Google Sheets sink: exponential backoff
 * with jitter, `Retry-After` honoured, a bounded number of attempts, and no blind retry of a
 * request that may already have changed something. Each caller says, per error, whether it is
 * worth retrying and whether the failed request may have been applied.
 */

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before attempt n+1: min(maxDelayMs, baseDelayMs * 2^(n-1)), half of it jittered. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails instead. */
  maxRetryAfterMs: number;
  /**
   * A Retry-After shorter than the backoff is raised to the backoff, up to this many ms (a
   * `Retry-After: 0` must not make a tight loop). 0: wait exactly what the server said.
   */
  retryAfterFloorMs: number;
}

/** What a caller knows of one failure. */
export interface RetryVerdict {
  retryable: boolean;
  /** The failed request may have been applied (a 5xx, a connection lost after sending). */
  ambiguous: boolean;
  /** The server's Retry-After in ms, or null. */
  retryAfterMs: number | null;
}

export interface RetryEvent {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions<T> {
  policy: RetryPolicy;
  sleep: Sleep;
  random?: () => number;
  classify: (error: unknown) => RetryVerdict;
  /** True when sending the request twice has the same effect as once. */
  idempotent: boolean;
  /** After an ambiguous failure of a non-idempotent call: its result if it took effect. */
  resolveAmbiguous?: (error: unknown) => Promise<T | undefined>;
  onRetry?: (event: RetryEvent) => void;
}

/** Parses Retry-After: delta seconds or an HTTP date. Returns ms, or null when absent/invalid. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Exponential backoff, capped, half of it jittered. `attempt` is the attempt that failed. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
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
      const verdict = options.classify(error);
      if (!verdict.retryable || n >= policy.maxAttempts) throw error;
      if (verdict.ambiguous && !options.idempotent) {
        if (!options.resolveAmbiguous) throw error;
        const settled = await options.resolveAmbiguous(error);
        if (settled !== undefined) return settled;
      }
      const delayMs = retryDelay(verdict, n, options);
      if (delayMs === null) throw error;
      options.onRetry?.({ attempt: n, maxAttempts: policy.maxAttempts, delayMs, error });
      await options.sleep(delayMs);
    }
  }
}

function retryDelay<T>(verdict: RetryVerdict, n: number, options: RetryOptions<T>): number | null {
  const { policy } = options;
  const random = options.random ?? Math.random;
  if (verdict.retryAfterMs !== null) {
    if (verdict.retryAfterMs > policy.maxRetryAfterMs) return null;
    // Retry-After is the server's floor: never wait less than it says.
    const backoff = backoffDelay(n, policy, random);
    return Math.max(verdict.retryAfterMs, Math.min(backoff, policy.retryAfterFloorMs));
  }
  return backoffDelay(n, policy, random);
}
