/**
 * Client-side rate limiter: a sliding-window log per bucket. A request takes a slot when it is
 * sent; the slot counts as "now" until its answer arrives and then keeps the arrival time, so a
 * server that counts requests on arrival in any window of `windowMs` never sees more than
 * `limit` of them from us. Callers are served first come, first served per bucket.
 */
export interface BucketLimit {
  limit: number;
  windowMs: number;
}

export interface Permit {
  /** Ms this caller waited for its slot. */
  waitedMs: number;
  /** Call when the answer (or the failure) arrived. */
  release(): void;
}

interface Bucket {
  /** Requests in the window; `end` is Infinity while a request is in flight. */
  slots: { end: number }[];
  tail: Promise<void>;
  blockedUntil: number;
  wake: (() => void) | null;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Waits until `key` has a free slot under `limit`, then takes it. */
  async acquire(key: string, limit: BucketLimit): Promise<Permit> {
    const bucket = this.bucket(key);
    const started = this.now();
    const previous = bucket.tail;
    let done!: () => void;
    bucket.tail = new Promise((resolve) => {
      done = resolve;
    });
    try {
      await previous;
      await this.waitForSlot(bucket, limit);
      const slot = { end: Infinity };
      bucket.slots.push(slot);
      const release = (): void => {
        if (slot.end !== Infinity) return;
        slot.end = this.now();
        bucket.wake?.();
      };
      return { waitedMs: this.now() - started, release };
    } finally {
      done();
    }
  }

  /** After a 429 with Retry-After: nobody in this bucket sends before `ms` have passed. */
  pause(key: string, ms: number): void {
    const bucket = this.bucket(key);
    bucket.blockedUntil = Math.max(bucket.blockedUntil, this.now() + ms);
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { slots: [], tail: Promise.resolve(), blockedUntil: 0, wake: null };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private async waitForSlot(bucket: Bucket, limit: BucketLimit): Promise<void> {
    for (;;) {
      const now = this.now();
      bucket.slots = bucket.slots.filter((slot) => slot.end > now - limit.windowMs);
      if (now < bucket.blockedUntil) {
        await this.pauseFor(bucket, bucket.blockedUntil - now);
        continue;
      }
      if (bucket.slots.length < Math.max(1, limit.limit)) return;
      const oldest = Math.min(...bucket.slots.map((slot) => slot.end));
      // All slots in flight: wait for an answer; otherwise until the oldest leaves the window.
      const ms = Number.isFinite(oldest) ? oldest + limit.windowMs - now + 1 : 60_000;
      await this.pauseFor(bucket, ms);
    }
  }

  private pauseFor(bucket: Bucket, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, Math.max(1, ms));
      function finish(): void {
        clearTimeout(timer);
        bucket.wake = null;
        resolve();
      }
      bucket.wake = finish;
    });
  }
}
