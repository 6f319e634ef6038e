/**
 * The sandbox HTTP server: node:http on 127.0.0.1. Order of a request: count it, inject
 * faults, authenticate, apply rate limits, route, render. Every response carries
 * `x-recipe-ops-sandbox: 1` so clients can label what came from here.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { handleControl } from './control.js';
import type { FaultInjector } from './faults.js';
import { wrongTypeBody } from './faults.js';
import type { ApiResponse } from './handlers.js';
import type { WorkspaceModel, WorldModel } from './model.js';
import type { SlidingWindowLimiter } from './rate-limit.js';
import { matchRoute } from './routes.js';
import type { Bucket } from './routes.js';
import type { SandboxRateLimit } from './types.js';

export interface Counters {
  total: number;
  byEndpoint: Record<string, number>;
  rateLimited: number;
}

export interface ServerState {
  world: WorldModel;
  counters: Counters;
  faults: FaultInjector;
  limiter: SlidingWindowLimiter;
  limits: Required<Omit<SandboxRateLimit, 'windowMs'>> | null;
  legacyAuth: boolean;
  tokens: Map<string, WorkspaceModel>;
}

const BASE_HEADERS = { 'x-recipe-ops-sandbox': '1' };

export async function listen(state: ServerState, host: string, port: number) {
  const server = createServer((req, res) => {
    // A bug in the sandbox answers like Workato's own 500 (reference §8.3), with a fresh id.
    handle(state, req, res).catch(() => {
      send(res, { status: 500, body: { message: 'Server error', id: randomUUID() } }, 'none');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, baseUrl: `http://${host}:${address.port}` };
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const method = req.method ?? 'GET';
  if (path.startsWith('/__sandbox/')) {
    send(res, await handleControl(state, method, path, req), 'none');
    return;
  }
  req.resume();
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    segments = [];
  }
  const route = matchRoute(method, segments);
  const counters = state.counters;
  const key = route?.key ?? `${method} (unknown)`;
  counters.total += 1;
  counters.byEndpoint[key] = (counters.byEndpoint[key] ?? 0) + 1;

  for (const action of state.faults.before(path)) {
    if (action.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, action.ms));
    if (action.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (action.kind === 'status') {
      const headers: Record<string, string> = {};
      if (action.retryAfter !== undefined) headers['retry-after'] = String(action.retryAfter);
      const body = {
        message: action.status >= 500 ? 'Server error' : 'Injected fault',
        id: 'sbx-fault',
      };
      send(res, { status: action.status, body, headers }, 'none');
      return;
    }
  }
  const caller = authenticate(state, req, query);
  if (!caller || (route?.adminOnly && caller.kind !== 'admin')) {
    send(res, { status: 401, body: { message: 'Unauthorized' } }, 'none');
    return;
  }
  if (!route) {
    send(res, { status: 404, body: { message: 'Not found' } }, 'none');
    return;
  }
  const limited = rateLimit(state, caller, route.bucket);
  if (limited) {
    counters.rateLimited += 1;
    send(res, limited, 'none');
    return;
  }
  const response = route.handle(state.world, caller, query);
  send(res, response, response.status === 200 ? state.faults.body() : 'none');
}

function authenticate(state: ServerState, req: IncomingMessage, query: URLSearchParams) {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return state.tokens.get(authorization.slice(7).trim());
  if (!state.legacyAuth) return undefined;
  const email = header(req, 'x-user-email') ?? query.get('user_email');
  const key = header(req, 'x-user-token') ?? query.get('user_token');
  if (!email || !key) return undefined;
  const workspace = state.tokens.get(`legacy:${email}`);
  return workspace?.apiKey === key ? workspace : undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Developer API: one window per token and endpoint family. Embedded API: the quota belongs to
 * the admin workspace, so every customer call shares one bucket, and listing customers another.
 */
function rateLimit(state: ServerState, caller: WorkspaceModel, bucket: Bucket): ApiResponse | null {
  const limits = state.limits;
  if (!limits) return null;
  let key: string;
  let limit: number;
  if (bucket === 'customers') {
    [key, limit] = [`admin:${caller.id}:customers`, limits.embeddedPerMinute];
  } else if (bucket === 'managed_users') {
    [key, limit] = [`admin:${caller.id}:managed_users`, limits.managedUsersPerMinute];
  } else {
    [key, limit] = [`token:${caller.token}:${bucket}`, limits.developerPerMinute];
  }
  const decision = state.limiter.take(key, limit);
  if (decision.allowed) return null;
  return {
    status: 429,
    body: { message: `Rate limit exceeded: ${limit} requests per window. Retry later.` },
    headers: { 'retry-after': String(decision.retryAfterSeconds) },
  };
}

function send(
  res: ServerResponse,
  response: ApiResponse,
  fault: 'none' | 'truncate' | 'wrong-type',
) {
  if (res.headersSent || res.destroyed) return;
  let text = response.text ?? JSON.stringify(response.body);
  if (fault === 'wrong-type') text = JSON.stringify(wrongTypeBody(JSON.parse(text)));
  if (fault === 'truncate') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(response.status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    ...response.headers,
  });
  res.end(payload);
}
