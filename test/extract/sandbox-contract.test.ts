/**
 * Contract tests: the client against the sandbox Workato server, for every endpoint. Expected
 * values come from the sandbox's own snapshot (`handle.world()`); request counts from its
 * counters.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  accountFromEnvironment,
  AuthError,
  BadResponseError,
  createAccountClient,
  ServerError,
} from '../../src/extract/workato/index.js';
import type {
  AccountConfig,
  ClientOptions,
  WorkatoAdmin,
} from '../../src/extract/workato/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { recordSleeps } from './client-helpers.js';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 7,
    accounts: 3,
    recipesPerAccount: 230,
    days: 10,
    jobsPerRecipePerDay: 24,
    rateLimit: false,
  });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.setFaults({});
  sandbox.resetCounters();
});

function account(token: string, extra: Partial<AccountConfig> = {}): AccountConfig {
  return {
    ...accountFromEnvironment({ WORKATO_BASE_URL: sandbox.baseUrl, WORKATO_API_TOKEN: token }),
    ...extra,
  };
}

function adminClient(options: ClientOptions = {}) {
  const client = createAccountClient(account(sandbox.adminToken, { managed: true }), {
    rateLimit: { enabled: false },
    sleep: recordSleeps().sleep,
    ...options,
  });
  return { ...client, admin: client.api as WorkatoAdmin };
}

/** A customer workspace reached directly with its own token (developer API). */
function workspaceClient(options: ClientOptions = {}) {
  return createAccountClient(account(sandbox.customers[0]!.token), {
    rateLimit: { enabled: false },
    sleep: recordSleeps().sleep,
    ...options,
  });
}

const direct = () => sandbox.world().customers[0]!;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const count = (key: string): number => sandbox.counters().byEndpoint[key] ?? 0;

describe('workspace (developer API)', () => {
  it('describes the workspace', async () => {
    const details = await workspaceClient().api.describe();
    const expected = direct().details;
    expect(details.kind).toBe('workspace');
    if (details.kind !== 'workspace') return;
    expect(details.workspace.name).toBe(expected.name);
    expect(details.workspace.plan_id).toBe(expected.plan_id);
    expect(details.workspace.recipes_count).toBe(expected.recipes_count);
  });

  it('lists every recipe across page boundaries, newest id first', async () => {
    const recipes = await collect(workspaceClient().api.listRecipes());
    const expected = direct()
      .recipes.map((r) => r.id)
      .reverse();
    expect(expected.length).toBeGreaterThan(200);
    expect(recipes.map((r) => r.id)).toEqual(expected);
    expect(count('GET /api/recipes')).toBe(Math.floor(expected.length / 100) + 1);
  });

  it('applies every filter the sandbox implements', async () => {
    const api = workspaceClient().api;
    const world = direct().recipes;
    const ids = async (filter: Parameters<typeof api.listRecipes>[0]) =>
      (await collect(api.listRecipes(filter))).map((r) => r.id).sort((a, b) => a - b);
    const expectIds = (pick: (r: (typeof world)[number]) => boolean) =>
      world.filter(pick).map((r) => r.id);

    expect(await ids({ running: true })).toEqual(expectIds((r) => r.running));
    expect(await ids({ running: false })).toEqual(expectIds((r) => !r.running));
    const stopCause = world.find((r) => r.stopCause)!.stopCause!;
    expect(await ids({ stopCause })).toEqual(expectIds((r) => r.stopCause === stopCause));
    const folderId = world[3]!.folderId;
    expect(await ids({ folderId })).toEqual(expectIds((r) => r.folderId === folderId));
    const app = world[5]!.applications[1] ?? world[5]!.applications[0]!;
    expect(await ids({ adapterNamesAny: [app] })).toEqual(
      expectIds((r) => r.applications.includes(app)),
    );
    expect(await ids({ sinceId: world[10]!.id })).toEqual(world.slice(0, 10).map((r) => r.id));
    const some = await ids({ running: true, adapterNamesAny: [app] });
    expect(some).toEqual(expectIds((r) => r.running && r.applications.includes(app)));
  });

  it('gets one recipe, and a missing one is a not-found error', async () => {
    const api = workspaceClient().api;
    const expected = direct().recipes[0]!;
    const recipe = await api.getRecipe(expected.id);
    expect(recipe.name).toBe(expected.name);
    expect(recipe.running).toBe(expected.running);
    await expect(api.getRecipe(999_999_999)).rejects.toThrow('GET /api/recipes/999999999 → 404');
  });

  it('lists the connections with application filled in', async () => {
    const connections = await workspaceClient().api.listConnections();
    const expected = direct().connections;
    expect(connections.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(connections.every((c) => typeof c.application === 'string')).toBe(true);
  });
});

describe('jobs', () => {
  // The recipe with the most jobs, and its jobs newest first (computed once: it is costly).
  let recipe: { id: number };
  let expectedJobs: { id: string; status: string; is_error: boolean }[];
  beforeAll(() => {
    let best = { id: 0, jobs: [] as typeof expectedJobs };
    for (const r of direct().recipes.slice(0, 40)) {
      const jobs = r.jobs();
      if (jobs.length > best.jobs.length) best = { id: r.id, jobs };
    }
    recipe = { id: best.id };
    expectedJobs = best.jobs;
  });

  it('pages newest first with offset_job_id across page boundaries', async () => {
    const expected = expectedJobs;
    expect(expected.length).toBeGreaterThan(200);
    const jobs = await collect(workspaceClient().api.listJobs(recipe.id));
    expect(jobs.map((j) => j.id)).toEqual(expected.map((j) => j.id));
    expect(jobs.map((j) => j.status)).toEqual(expected.map((j) => j.status));
    const pages = Math.ceil(expected.length / 100) + (expected.length % 100 === 0 ? 1 : 0);
    expect(count('GET /api/recipes/:id/jobs')).toBe(pages);
  });

  it('filters by status', async () => {
    const failed = await collect(workspaceClient().api.listJobs(recipe.id, { status: 'failed' }));
    const expected = expectedJobs.filter((j) => j.status === 'failed');
    expect(failed.map((j) => j.id)).toEqual(expected.map((j) => j.id));
    expect(failed.every((j) => j.is_error)).toBe(true);
  });

  it('pages towards newer jobs with prev=true', async () => {
    const all = expectedJobs;
    const offset = all[all.length - 5]!.id; // a job near the oldest end
    const newer = await collect(
      workspaceClient().api.listJobs(recipe.id, { prev: true, offsetJobId: offset }),
    );
    const expected = all.slice(0, all.length - 5).map((j) => j.id);
    expect(new Set(newer.map((j) => j.id))).toEqual(new Set(expected));
    expect(newer).toHaveLength(expected.length);
  });

  it('gives sync pages with the next cursor, and one job by id', async () => {
    const api = workspaceClient().api;
    const pages = await collect(api.jobPages(recipe.id));
    expect(pages.at(-1)!.nextOffsetJobId).toBeNull();
    expect(pages[0]!.nextOffsetJobId).toBe(pages[0]!.jobs.at(-1)!.id);
    const wanted = expectedJobs[3]!;
    const job = await api.getJob(recipe.id, wanted.id);
    expect(job).toMatchObject({ id: wanted.id, status: wanted.status });
  });
});

describe('customers (embedded API)', () => {
  it('lists customers and reaches one by numeric id and by E-prefixed external id', async () => {
    const { admin } = adminClient();
    const customers = await collect(admin.listCustomers());
    expect(customers.map((c) => c.id)).toEqual(sandbox.customers.map((c) => c.id));
    const info = sandbox.world().customers[1]!;
    const byId = admin.customer(info.info.id);
    const byExternal = admin.customer(`E${info.info.externalId}`);
    const a = await collect(byId.listRecipes());
    const b = await collect(byExternal.listRecipes());
    expect(a.map((r) => r.id)).toEqual(info.recipes.map((r) => r.id).reverse());
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    const details = await byExternal.describe();
    expect(details).toMatchObject({ kind: 'customer', customer: { id: info.info.id } });
    const connections = await byId.listConnections();
    expect(connections).toHaveLength(info.connections.length);
    expect(connections.every((c) => c.application !== null)).toBe(true);
    expect(count('GET /api/managed_users/:id/recipes')).toBe(2 * (Math.floor(a.length / 100) + 1));
  });

  it('lists a customer recipe jobs and reads one job', async () => {
    const { admin } = adminClient();
    const info = sandbox.world().customers[0]!;
    const recipe = info.recipes.find((r) => r.jobs().length > 0)!;
    const jobs = await collect(admin.customer(info.info.id).listJobs(recipe.id));
    expect(jobs.map((j) => j.id)).toEqual(recipe.jobs().map((j) => j.id));
    const one = await admin.customer(info.info.id).getJob(recipe.id, jobs[0]!.id);
    expect(one.id).toBe(jobs[0]!.id);
  });
});

describe('start and stop', () => {
  it('reports a start refused with config or code errors as a failure', async () => {
    const recipe = direct().recipes.find((r) => r.startFails && !r.running)!;
    const outcome = await workspaceClient().api.startRecipe(recipe.id);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^start refused by Workato: (config|code) errors: step \d+: /);
    expect(direct().recipes.find((r) => r.id === recipe.id)!.running).toBe(false);
  });

  it('starts and stops a recipe', async () => {
    const recipe = direct().recipes.find((r) => !r.startFails && !r.running)!;
    const api = workspaceClient().api;
    expect(await api.startRecipe(recipe.id)).toMatchObject({ ok: true, message: null });
    expect((await api.getRecipe(recipe.id)).running).toBe(true);
    expect(await api.stopRecipe(recipe.id)).toMatchObject({ ok: true });
    expect((await api.getRecipe(recipe.id)).running).toBe(false);
  });

  it('reads the state instead of resending a start after a 502', async () => {
    const recipe = direct().recipes.find((r) => !r.startFails && !r.running)!;
    sandbox.setFaults({ failNext: { count: 1, status: 502, pathIncludes: '/start' } });
    const outcome = await workspaceClient().api.startRecipe(recipe.id);
    // The 502 came before the start was applied, so the read shows stopped and the PUT is resent.
    expect(outcome.ok).toBe(true);
    expect(count('PUT /api/recipes/:id/start')).toBe(2);
    expect(count('GET /api/recipes/:id')).toBe(1);
    await workspaceClient().api.stopRecipe(recipe.id);
  });
});

describe('retries and errors', () => {
  const recipeId = () => direct().recipes[0]!.id;

  it('waits out a 429 for its Retry-After', async () => {
    sandbox.setFaults({ failNext: { count: 1, status: 429, retryAfter: 2 } });
    const sleeps = recordSleeps();
    const client = workspaceClient({ sleep: sleeps.sleep });
    await client.api.getRecipe(recipeId());
    expect(sleeps.delays).toEqual([2000]);
    expect(sandbox.counters().total).toBe(2);
    expect(client.stats.rateLimited).toBe(1);
  });

  it('survives three 503s', async () => {
    sandbox.setFaults({ failNext: { count: 3, status: 503 } });
    const client = workspaceClient();
    await expect(client.api.getRecipe(recipeId())).resolves.toMatchObject({ id: recipeId() });
    expect(sandbox.counters().total).toBe(4);
    expect(client.stats.retries).toBe(3);
  });

  it('gives up after the attempt limit with a clear error', async () => {
    sandbox.setFaults({ failNext: { count: 10, status: 500 } });
    const error = await workspaceClient({ retry: { maxAttempts: 3 } })
      .api.getRecipe(recipeId())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toBe(
      `default: GET /api/recipes/${recipeId()} → 500 server error (gave up after 3 attempts): ` +
        'Server error',
    );
    expect(sandbox.counters().total).toBe(3);
  });

  it('retries truncated bodies and then names the problem', async () => {
    sandbox.setFaults({ truncatedJson: 1 });
    const error = await workspaceClient({ retry: { maxAttempts: 2 } })
      .api.getRecipe(recipeId())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as Error).message).toContain('invalid JSON in the answer');
    expect(sandbox.counters().total).toBe(2);
  });

  it('rejects a field of the wrong type, naming it', async () => {
    sandbox.setFaults({ wrongType: 1 });
    const error = await workspaceClient()
      .api.getRecipe(recipeId())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).field).toBe('id');
    expect((error as Error).message).toContain(
      `default: GET /api/recipes/${recipeId()} → 200 ` +
        'the answer does not fit the API reference at id:',
    );
  });

  it('answers a wrong token with the 401 hint', async () => {
    const client = createAccountClient(account('wrong-token-123'), {
      rateLimit: { enabled: false },
    });
    const error = await client.api.describe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).hint).toBe(
      'token rejected: check WORKATO_API_TOKEN and that it belongs to the workspace at ' +
        sandbox.baseUrl,
    );
    expect(sandbox.counters().total).toBe(1);
  });

  it('authenticates with the legacy e-mail and API key', async () => {
    const info = sandbox.world().customers[0]!.info;
    const legacy = accountFromEnvironment({
      WORKATO_BASE_URL: sandbox.baseUrl,
      WORKATO_EMAIL: info.email,
      WORKATO_API_KEY: info.apiKey,
    });
    const client = createAccountClient(legacy, { rateLimit: { enabled: false } });
    const details = await client.api.describe();
    expect(details).toMatchObject({ kind: 'workspace', workspace: { id: info.id } });
    expect(client.http.sawSandboxHeader).toBe(true);
  });
});
