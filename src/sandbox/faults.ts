/**
 * Fault injection. Each request draws from a generator seeded by the sandbox seed, in request
 * order, so a client that sends the same requests in the same order sees the same faults.
 */
import { createRng } from './rng.js';
import type { Rng } from './rng.js';
import type { SandboxFaults } from './types.js';

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number };

/** What to do to a successful body before sending it. */
export type BodyFault = 'none' | 'truncate' | 'wrong-type';

export class FaultInjector {
  private faults: SandboxFaults = {};
  private rng: Rng;
  private failNextLeft = 0;

  constructor(private readonly seed: number) {
    this.rng = createRng(seed ^ 0xfa017);
  }

  set(faults: SandboxFaults): void {
    this.faults = { ...faults };
    this.failNextLeft = faults.failNext?.count ?? 0;
    this.rng = createRng(this.seed ^ 0xfa017);
  }

  get(): SandboxFaults {
    const failNext = this.faults.failNext;
    return failNext
      ? { ...this.faults, failNext: { ...failNext, count: this.failNextLeft } }
      : { ...this.faults };
  }

  /** Decided before the request is handled; several may apply (a slow 503). */
  before(path: string): FaultAction[] {
    const f = this.faults;
    const failNext = f.failNext;
    if (failNext && this.failNextLeft > 0 && path.includes(failNext.pathIncludes ?? '')) {
      this.failNextLeft -= 1;
      const action: FaultAction = { kind: 'status', status: failNext.status };
      if (failNext.retryAfter !== undefined) action.retryAfter = failNext.retryAfter;
      return [action];
    }
    const actions: FaultAction[] = [];
    // One draw per knob and request keeps the sequence stable when other knobs change.
    const draws = [
      this.rng.next(),
      this.rng.next(),
      this.rng.next(),
      this.rng.next(),
      this.rng.next(),
    ];
    if (draws[0]! < (f.slow ?? 0)) actions.push({ kind: 'slow', ms: f.slowMs ?? 1_000 });
    if (draws[1]! < (f.reset ?? 0)) actions.push({ kind: 'reset' });
    else if (draws[2]! < (f.error500 ?? 0)) actions.push({ kind: 'status', status: 500 });
    else if (draws[3]! < (f.error502 ?? 0)) actions.push({ kind: 'status', status: 502 });
    else if (draws[4]! < (f.error503 ?? 0)) actions.push({ kind: 'status', status: 503 });
    return actions;
  }

  body(): BodyFault {
    const f = this.faults;
    const truncate = this.rng.next();
    const wrong = this.rng.next();
    if (truncate < (f.truncatedJson ?? 0)) return 'truncate';
    if (wrong < (f.wrongType ?? 0)) return 'wrong-type';
    return 'none';
  }
}

/**
 * Gives one field of the response the wrong type: the `id` of the first object found (the first
 * item of a list or envelope, or the object itself) turns from number to string or back.
 */
export function wrongTypeBody(body: unknown): unknown {
  const copy = structuredClone<unknown>(body);
  const target = firstObject(copy);
  if (target && 'id' in target) {
    target.id = typeof target.id === 'number' ? String(target.id) : 12345;
  } else if (target && 'success' in target) {
    target.success = 'yes';
  } else if (target) {
    for (const key of ['items', 'result']) if (key in target) target[key] = 'not-a-list';
  }
  return copy;
}

function firstObject(value: unknown): Record<string, unknown> | null {
  if (Array.isArray(value)) return firstObject(value[0]);
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  for (const key of ['items', 'result']) {
    const list = record[key];
    if (Array.isArray(list) && list.length > 0) return firstObject(list);
  }
  return record;
}
