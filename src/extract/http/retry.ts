/**
 * The Workato client's retry policy, on the shared engine (src/shared/retry.ts). Retried: 408,
 * 429, 5xx, network errors (reset, refused, timeout) and truncated or invalid JSON bodies.
 * Idempotent calls are retried blindly; a non-idempotent call (recipe start/stop) is retried
 * blindly only when the request surely had no effect (429, connection refused) and otherwise
 * asks `resolveAmbiguous` first, which reads the state the call meant to change.
 */
import { withRetries as retryEngine } from '../../shared/retry.js';
import type { RetryEvent, RetryPolicy, RetryVerdict, Sleep } from '../../shared/retry.js';
import { isWorkatoApiError, NetworkError, RateLimitedError } from './errors.js';

export { backoffDelay, parseRetryAfter, realSleep } from '../../shared/retry.js';
export type { RetryEvent, RetryPolicy, Sleep } from '../../shared/retry.js';

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  retryAfterFloorMs: 1_000,
};

export interface RetryOptions<T> {
  policy: RetryPolicy;
  idempotent: boolean;
  sleep: Sleep;
  random?: () => number;
  /** For non-idempotent calls: after an ambiguous failure, a value if the call took effect. */
  resolveAmbiguous?: (error: unknown) => Promise<T | undefined>;
  onRetry?: (event: RetryEvent) => void;
}

function classify(error: unknown): RetryVerdict {
  // A 429 was not applied; a connection refused was never sent. Anything else may have been.
  const surelyNotApplied =
    error instanceof RateLimitedError || (error instanceof NetworkError && error.notSent);
  return {
    retryable: isWorkatoApiError(error) && error.retryable,
    ambiguous: !surelyNotApplied,
    retryAfterMs: error instanceof RateLimitedError ? error.retryAfterMs : null,
  };
}

/** Runs `attempt(n)` until it succeeds, fails for good, or the attempts run out. */
export function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions<T>,
): Promise<T> {
  return retryEngine(attempt, { ...options, classify });
}
