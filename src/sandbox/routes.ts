/**
 * Maps a request path to an endpoint: its counter key (e.g. `GET /api/recipes/:id/jobs`), the
 * rate-limit bucket it draws from, and the handler. Developer-API paths act on the caller's
 * own workspace; `/api/managed_users/:id/...` paths act on a customer of the admin workspace.
 */
import { getJob, getRecipe, listConnections, listJobs, listRecipes } from './handlers.js';
import { NOT_FOUND, startRecipe, stopRecipe } from './handlers.js';
import type { ApiResponse } from './handlers.js';
import type { WorkspaceModel, WorldModel } from './model.js';
import { customerJson, workspaceJson } from './serialize.js';

/** Developer-API families (60/min per token each) and the embedded admin's shared buckets. */
export type Bucket = 'users' | 'recipes' | 'jobs' | 'connections' | 'managed_users' | 'customers';

export interface RouteMatch {
  key: string;
  bucket: Bucket;
  /** Only the embedded admin workspace may call it. */
  adminOnly: boolean;
  handle(world: WorldModel, caller: WorkspaceModel, query: URLSearchParams): ApiResponse;
}

export function matchRoute(method: string, segments: readonly string[]): RouteMatch | null {
  if (segments[0] !== 'api') return null;
  const rest = segments.slice(1);
  if (rest[0] === 'managed_users') return matchManaged(method, rest.slice(1));
  if (method === 'GET' && rest.length === 2 && rest[0] === 'users' && rest[1] === 'me') {
    return {
      key: 'GET /api/users/me',
      bucket: 'users',
      adminOnly: false,
      handle: (world, caller) => ({ status: 200, body: workspaceJson(caller, world.clock.now) }),
    };
  }
  const inner = matchWorkspace(method, rest);
  if (!inner) return null;
  return {
    key: `${method} /api/${inner.pattern}`,
    bucket: inner.bucket,
    adminOnly: false,
    handle: (world, caller, query) => inner.handle(world, caller, query, false),
  };
}

function matchManaged(method: string, rest: readonly string[]): RouteMatch | null {
  if (method === 'GET' && rest.length <= 1) {
    const id = rest[0];
    return {
      key: id === undefined ? 'GET /api/managed_users' : 'GET /api/managed_users/:id',
      bucket: 'managed_users',
      adminOnly: true,
      handle: (world, _caller, query) => {
        if (id === undefined) return listCustomers(world, query);
        const customer = findCustomer(world, id);
        return customer
          ? { status: 200, body: customerJson(customer, world.clock.now) }
          : NOT_FOUND;
      },
    };
  }
  const id = rest[0];
  const inner = matchWorkspace(method, rest.slice(1));
  if (id === undefined || !inner) return null;
  return {
    key: `${method} /api/managed_users/:id/${inner.pattern.replace(':id', ':rid')}`,
    bucket: 'customers',
    adminOnly: true,
    handle: (world, _caller, query) => {
      const customer = findCustomer(world, id);
      return customer ? inner.handle(world, customer, query, true) : NOT_FOUND;
    },
  };
}

interface WorkspaceMatch {
  pattern: string;
  bucket: Bucket;
  handle(
    world: WorldModel,
    ws: WorkspaceModel,
    query: URLSearchParams,
    embedded: boolean,
  ): ApiResponse;
}

function matchWorkspace(method: string, rest: readonly string[]): WorkspaceMatch | null {
  const [resource, id, sub, jobId, extra] = rest;
  if (resource === 'connections' && rest.length === 1 && method === 'GET') {
    return {
      pattern: 'connections',
      bucket: 'connections',
      handle: (_world, ws, _query, embedded) => listConnections(ws, embedded),
    };
  }
  if (resource !== 'recipes' || extra !== undefined) return null;
  if (id === undefined) {
    if (method !== 'GET') return null;
    return {
      pattern: 'recipes',
      bucket: 'recipes',
      handle: (world, ws, query, embedded) => listRecipes(world, ws, query, embedded),
    };
  }
  const recipeOf = (ws: WorkspaceModel) =>
    /^\d+$/.test(id) ? ws.recipeById.get(Number(id)) : undefined;
  const on = (pattern: string, bucket: Bucket, act: WorkspaceMatch['handle']): WorkspaceMatch => ({
    pattern,
    bucket,
    handle: (world, ws, query, embedded) =>
      recipeOf(ws) ? act(world, ws, query, embedded) : NOT_FOUND,
  });
  if (sub === undefined && method === 'GET') {
    return on('recipes/:id', 'recipes', (world, ws, query) =>
      getRecipe(world, recipeOf(ws)!, query),
    );
  }
  if ((sub === 'start' || sub === 'stop') && jobId === undefined && method === 'PUT') {
    return on(`recipes/:id/${sub}`, 'recipes', (world, ws) =>
      sub === 'start' ? startRecipe(world, ws, recipeOf(ws)!) : stopRecipe(world, recipeOf(ws)!),
    );
  }
  if (sub === 'jobs' && method === 'GET') {
    if (jobId === undefined) {
      return on('recipes/:id/jobs', 'jobs', (world, ws, query) =>
        listJobs(world, recipeOf(ws)!, query),
      );
    }
    return on('recipes/:id/jobs/:job_id', 'jobs', (world, ws) =>
      getJob(world, recipeOf(ws)!, jobId),
    );
  }
  return null;
}

/** A customer by numeric id, or by `E` + external id (the path segment is already decoded). */
export function findCustomer(world: WorldModel, id: string): WorkspaceModel | undefined {
  if (/^\d+$/.test(id)) return world.customers.find((c) => c.id === Number(id));
  if (id.startsWith('E')) {
    const external = id.slice(1);
    return world.customers.find((c) => c.customer?.externalId === external);
  }
  return undefined;
}

function listCustomers(world: WorldModel, query: URLSearchParams): ApiResponse {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const result = world.customers
    .slice((page - 1) * perPage, page * perPage)
    .map((customer) => customerJson(customer, world.clock.now));
  return { status: 200, body: { result } };
}
