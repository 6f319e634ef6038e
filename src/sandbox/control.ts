/**
 * `/__sandbox/*`: the control endpoints (no auth, not counted, no faults), for clients and
 * scripts that cannot reach the programmatic handle.
 *   POST /__sandbox/advance  {"ms": n} or {"hours": n}  → {"now"}
 *   GET  /__sandbox/now                                  → {"now"}
 *   GET|POST /__sandbox/faults  (POST body: SandboxFaults, replaces the knobs)
 *   GET  /__sandbox/counters, POST /__sandbox/reset-counters
 */
import type { IncomingMessage } from 'node:http';

import type { ApiResponse } from './handlers.js';
import { HOUR_MS } from './model.js';
import type { ServerState } from './server.js';
import type { SandboxFaults } from './types.js';

export async function handleControl(
  state: ServerState,
  method: string,
  path: string,
  req: IncomingMessage,
): Promise<ApiResponse> {
  const body = method === 'POST' ? await readJson(req) : null;
  if (method === 'POST' && body === undefined) return badRequest('body is not JSON');
  const now = (): ApiResponse => ({
    status: 200,
    body: { now: new Date(state.world.clock.now).toISOString() },
  });
  switch (`${method} ${path}`) {
    case 'POST /__sandbox/advance': {
      const { ms, hours } = (body ?? {}) as { ms?: unknown; hours?: unknown };
      const delta = typeof ms === 'number' ? ms : typeof hours === 'number' ? hours * HOUR_MS : NaN;
      if (!Number.isFinite(delta) || delta < 0)
        return badRequest('give {"ms": n} or {"hours": n}, n ≥ 0');
      advanceClock(state, delta);
      return now();
    }
    case 'GET /__sandbox/now':
      return now();
    case 'GET /__sandbox/faults':
      return { status: 200, body: state.faults.get() };
    case 'POST /__sandbox/faults': {
      const faults = parseFaults(body ?? {});
      if (typeof faults === 'string') return badRequest(faults);
      state.faults.set(faults);
      return { status: 200, body: state.faults.get() };
    }
    case 'GET /__sandbox/counters':
      return { status: 200, body: state.counters };
    case 'POST /__sandbox/reset-counters':
      resetCounters(state);
      return { status: 200, body: state.counters };
    default:
      return { status: 404, body: { message: 'Not found' } };
  }
}

export function advanceClock(state: ServerState, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: ms must be ≥ 0, got ${ms}`);
  state.world.clock.now += Math.floor(ms);
}

export function resetCounters(state: ServerState): void {
  state.counters.total = 0;
  state.counters.rateLimited = 0;
  state.counters.byEndpoint = {};
}

const PROBABILITIES = [
  'error500',
  'error502',
  'error503',
  'reset',
  'slow',
  'truncatedJson',
  'wrongType',
];

/** The knobs from a JSON body, or what is wrong with it. */
export function parseFaults(body: unknown): SandboxFaults | string {
  if (typeof body !== 'object' || body === null) return 'faults: expected an object';
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (PROBABILITIES.includes(key)) {
      if (typeof value !== 'number' || value < 0 || value > 1) return `${key}: expected 0..1`;
    } else if (key === 'slowMs') {
      if (typeof value !== 'number' || value < 0) return 'slowMs: expected a number ≥ 0';
    } else if (key === 'failNext') {
      const f = value as Record<string, unknown> | null;
      if (typeof f?.count !== 'number' || typeof f.status !== 'number') {
        return 'failNext: expected {count, status, retryAfter?, pathIncludes?}';
      }
    } else {
      return `unknown fault knob: ${key}`;
    }
  }
  return record;
}

function badRequest(message: string): ApiResponse {
  return { status: 400, body: { message } };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
