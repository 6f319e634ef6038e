import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxRecipeView } from '../../src/sandbox/index.js';
import { call } from './api.js';
import type { Envelope, Json, ResultEnvelope } from './api.js';

let sandbox: SandboxHandle;
let token: string;
let recipes: readonly SandboxRecipeView[];

const STOP_CAUSES = [
  'trigger_errors_limit',
  'action_quota_limit',
  'trial_expired',
  'txn_quota_limit',
];

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 11,
    accounts: 2,
    recipesPerAccount: 130,
    days: 3,
    rateLimit: false,
  });
  token = sandbox.customers[0]!.token;
  recipes = sandbox.world().customers[0]!.recipes;
});
afterAll(() => sandbox.close());

const idsDesc = (list: readonly { id: number }[]): number[] =>
  list.map((r) => r.id).sort((a, b) => b - a);
async function listPage(query: string): Promise<number[]> {
  const { status, body } = await call<Envelope>(sandbox, `/api/recipes?${query}`, { token });
  expect(status).toBe(200);
  return body.items.map((r) => r.id as number);
}
/** Every page of a filtered list, until a short page. */
async function listIds(query: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page < 20; page += 1) {
    const items = await listPage(`${query}&per_page=50&page=${page}`);
    ids.push(...items);
    if (items.length < 50) break;
  }
  return ids;
}

describe('sandbox recipes list', () => {
  it('pages with page/per_page: default 100, clamped to 100, short last page', async () => {
    const all = idsDesc(recipes);
    expect(await listPage('')).toEqual(all.slice(0, 100));
    expect(await listPage('per_page=500')).toEqual(all.slice(0, 100));
    expect(await listPage('page=2')).toEqual(all.slice(100));
    const pages: number[] = [];
    for (let page = 1; page <= 14; page += 1)
      pages.push(...(await listPage(`per_page=10&page=${page}`)));
    expect(pages).toEqual(all);
    expect(await listPage('per_page=10&page=14')).toEqual([]);
  });

  it('filters running, stop_cause, folder_id, since_id', async () => {
    expect(await listIds('running=true')).toEqual(idsDesc(recipes.filter((r) => r.running)));
    expect(await listIds('running=false')).toEqual(idsDesc(recipes.filter((r) => !r.running)));
    for (const cause of STOP_CAUSES) {
      const expected = idsDesc(recipes.filter((r) => r.stopCause === cause));
      expect(expected.length).toBeGreaterThan(0);
      expect(await listIds(`stop_cause=${cause}`)).toEqual(expected);
    }
    const folder = recipes[5]!.folderId;
    expect(await listIds(`folder_id=${folder}`)).toEqual(
      idsDesc(recipes.filter((r) => r.folderId === folder)),
    );
    const pivot = recipes[60]!.id;
    expect(await listIds(`since_id=${pivot}`)).toEqual(
      idsDesc(recipes.filter((r) => r.id < pivot)),
    );
  });

  it('filters adapter_names_any and adapter_names_all', async () => {
    const any = recipes.filter(
      (r) => r.applications.includes('slack') || r.applications.includes('jira'),
    );
    expect(await listIds('adapter_names_any=slack,jira')).toEqual(idsDesc(any));
    const all = recipes.filter(
      (r) => r.applications.includes('salesforce') && r.applications.includes('slack'),
    );
    expect(all.length).toBeGreaterThan(0);
    expect(await listIds('adapter_names_all=salesforce,slack')).toEqual(idsDesc(all));
  });

  it('filters updated_after and stopped_after (excludes recipes stopped after it)', async () => {
    const times = recipes.map((r) => Date.parse(String(r.json.updated_at))).sort((a, b) => a - b);
    const middle = times[Math.floor(times.length / 2)]!;
    const iso = new Date(middle).toISOString();
    const updated = recipes.filter((r) => Date.parse(String(r.json.updated_at)) > middle);
    expect(await listIds(`updated_after=${iso}`)).toEqual(idsDesc(updated));
    const stopTimes = recipes.flatMap((r) =>
      r.json.stopped_at ? [Date.parse(r.json.stopped_at as string)] : [],
    );
    const pivot = stopTimes.sort((a, b) => a - b)[Math.floor(stopTimes.length / 2)]!;
    const kept = recipes.filter(
      (r) => !r.json.stopped_at || Date.parse(r.json.stopped_at as string) <= pivot,
    );
    expect(await listIds(`stopped_after=${new Date(pivot).toISOString()}`)).toEqual(idsDesc(kept));
    expect((await call(sandbox, '/api/recipes?updated_after=yesterday', { token })).status).toBe(
      400,
    );
  });

  it('orders by activity (last run, newest first) on request', async () => {
    const { body } = await call<Envelope>(sandbox, '/api/recipes?order=activity', { token });
    const lastRuns = body.items.map((r) =>
      r.last_run_at ? Date.parse(r.last_run_at as string) : -Infinity,
    );
    expect(lastRuns).toEqual([...lastRuns].sort((a, b) => b - a));
  });

  it('adds tags with includes[]=tags and drops code with exclude_code', async () => {
    const { body } = await call<Envelope>(
      sandbox,
      '/api/recipes?includes[]=tags&exclude_code=true',
      { token },
    );
    expect(body.items.every((r) => Array.isArray(r.tags) && !('code' in r))).toBe(true);
    const plain = await call<Envelope>(sandbox, '/api/recipes?per_page=1', { token });
    expect(plain.body.items[0]).not.toHaveProperty('tags');
  });

  it('embedded list takes the same filters and answers {result}', async () => {
    const customer = sandbox.customers[0]!;
    const { body } = await call<ResultEnvelope>(
      sandbox,
      `/api/managed_users/${customer.id}/recipes?running=true&per_page=7&page=2`,
    );
    expect(body.result.map((r) => r.id)).toEqual(
      idsDesc(recipes.filter((r) => r.running)).slice(7, 14),
    );
  });
});

describe('sandbox start and stop', () => {
  it('start with config errors: HTTP 200 success:false in the documented nesting', async () => {
    const failing = recipes.filter((r) => r.startFails);
    expect(failing.length).toBeGreaterThan(1);
    let sawConfig = false;
    let sawCode = false;
    for (const recipe of failing) {
      const answer = await call<Json>(sandbox, `/api/recipes/${recipe.id}/start`, {
        token,
        method: 'PUT',
      });
      expect(answer.status).toBe(200);
      expect(answer.body.success).toBe(false);
      const config = answer.body.config_errors as unknown[];
      const code = answer.body.code_errors as unknown[];
      for (const entry of [...config, ...code]) {
        // [step_number, [[field, account_id, message, field_path], ...]]
        expect(entry).toEqual([expect.any(Number), expect.any(Array)]);
        const [, issues] = entry as [number, unknown[][]];
        expect(issues[0]).toEqual([
          expect.any(String),
          null,
          expect.any(String),
          expect.any(String),
        ]);
      }
      sawConfig ||= config.length > 0;
      sawCode ||= code.length > 0;
      const after = await call<Json>(sandbox, `/api/recipes/${recipe.id}`, { token });
      expect(after.body.running).toBe(false);
    }
    expect([sawConfig, sawCode]).toEqual([true, true]);
  });

  it('a config-error recipe has a config entry whose connection is null', () => {
    const failing = recipes.find(
      (r) =>
        r.startFails &&
        r.json.config &&
        (r.json.config as Json[]).some(
          (c) =>
            c.account_id === null &&
            !['workato_webhooks', 'scheduler', 'email'].includes(String(c.provider)),
        ),
    );
    expect(failing).toBeDefined();
  });

  it('stop then start change state; both are idempotent 200 success:true', async () => {
    const recipe = recipes.find((r) => r.running)!;
    const put = (action: string) =>
      call<Json>(sandbox, `/api/recipes/${recipe.id}/${action}`, { token, method: 'PUT' });
    expect((await put('stop')).body).toEqual({ success: true });
    let state = (await call<Json>(sandbox, `/api/recipes/${recipe.id}`, { token })).body;
    expect(state).toMatchObject({ running: false, stop_cause: null, stopped_at: sandbox.now() });
    expect((await put('stop')).body).toEqual({ success: true });
    expect(await listIds('running=true')).not.toContain(recipe.id);
    expect((await put('start')).body).toEqual({ success: true });
    state = (await call<Json>(sandbox, `/api/recipes/${recipe.id}`, { token })).body;
    expect(state).toMatchObject({ running: true, stop_cause: null, stopped_at: null });
    expect((await put('start')).body).toEqual({ success: true });
  });

  it('a stopped recipe gets no new jobs while stopped, and gets them once started', async () => {
    const recipe = sandbox.world().customers[1]!.recipes.find((r) => r.running)!;
    const base = `/api/managed_users/${sandbox.customers[1]!.id}/recipes/${recipe.id}`;
    const newest = async () =>
      ((await call<Envelope>(sandbox, `${base}/jobs`)).body.items[0]?.started_at as string) ?? null;
    await call(sandbox, `${base}/stop`, { method: 'PUT' });
    const before = await newest();
    sandbox.advance(2 * 86_400_000);
    expect(await newest()).toBe(before);
    await call(sandbox, `${base}/start`, { method: 'PUT' });
    const restart = Date.parse(sandbox.now());
    sandbox.advance(2 * 86_400_000);
    expect(Date.parse(String(await newest()))).toBeGreaterThanOrEqual(restart);
  });
});
