/**
 * Sliding-window rate limits (reference §8.2): a log of request instants per bucket; a request
 * is refused when the window already holds `limit` of them, with the seconds until the oldest
 * one leaves the window as Retry-After. Uses the real clock, not the sandbox clock: limits are
 * about how fast a client calls, not about the simulated date.
 */
export interface LimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  take(key: string, limit: number): LimitDecision {
    const now = this.clock();
    let log = this.windows.get(key);
    if (!log) {
      log = [];
      this.windows.set(key, log);
    }
    let expired = 0;
    while (expired < log.length && (log[expired] ?? 0) <= now - this.windowMs) expired += 1;
    if (expired > 0) log.splice(0, expired);
    if (log.length >= limit) {
      const waitMs = (log[0] ?? now) + this.windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    log.push(now);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  reset(): void {
    this.windows.clear();
  }
}
