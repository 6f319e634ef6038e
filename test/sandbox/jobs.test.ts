import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxRecipeView } from '../../src/sandbox/index.js';
import { call } from './api.js';
import type { Json, JobsEnvelope } from './api.js';

const HOUR = 3_600_000;
let sandbox: SandboxHandle;
let recipe: SandboxRecipeView;

beforeAll(async () => {
  // accounts: 0 → one plain workspace, reached with its own token.
  sandbox = await startSandbox({
    seed: 5,
    accounts: 0,
    recipesPerAccount: 10,
    days: 10,
    jobsPerRecipePerDay: 48,
    jobsPageSize: 25,
    rateLimit: false,
  });
  recipe = sandbox.world().admin.recipes.find((r) => r.running)!;
});
afterAll(() => sandbox.close());

const jobsPath = (id: number, query = '') => `/api/recipes/${id}/jobs${query ? `?${query}` : ''}`;
async function page(id: number, query = ''): Promise<JobsEnvelope> {
  const answer = await call<JobsEnvelope>(sandbox, jobsPath(id, query));
  expect(answer.status).toBe(200);
  return answer.body;
}
/** Follows offset_job_id (prev=false) to the end; returns every page's ids. */
async function walk(id: number, extra = ''): Promise<string[][]> {
  const pages: string[][] = [];
  let query = extra;
  for (let n = 0; n < 1000; n += 1) {
    const { items } = await page(id, query);
    if (items.length === 0) break;
    pages.push(items.map((j) => String(j.id)));
    query = `${extra}${extra ? '&' : ''}offset_job_id=${String(items[items.length - 1]!.id)}`;
  }
  return pages;
}

describe('sandbox jobs list', () => {
  it('a single workspace has no customers and its name says Sandbox', () => {
    const world = sandbox.world();
    expect(world.customers).toEqual([]);
    expect(world.admin.kind).toBe('single');
    expect(world.admin.info.name).toMatch(/^Sandbox/);
  });

  it('pages newest first by offset_job_id, jobsPageSize a page, over all jobs', async () => {
    const expected = recipe.jobs().map((j) => j.id);
    expect(expected.length).toBeGreaterThan(200);
    const pages = await walk(recipe.id);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === 25)).toBe(true);
    expect(pages[pages.length - 1]!.length).toBeLessThanOrEqual(25);
    const starts = recipe.jobs().map((j) => Date.parse(j.started_at));
    expect(starts.every((t, n) => n === 0 || t < starts[n - 1]!)).toBe(true);
  });

  it('list items are exactly what world() reports for the same jobs', async () => {
    const { items } = await page(recipe.id);
    expect(items).toEqual(recipe.jobs().slice(0, 25));
    const detail = (
      await call<Json>(sandbox, `/api/recipes/${recipe.id}/jobs/${String(items[3]!.id)}`)
    ).body;
    expect(detail).toMatchObject(items[3]!);
  });

  it('filters by status; job_scope_count = matching jobs; lifetime counts unchanged', async () => {
    const jobs = recipe.jobs();
    const all = await page(recipe.id);
    expect(all.job_scope_count).toBe(jobs.length);
    for (const status of ['succeeded', 'failed', 'pending'] as const) {
      const expected = jobs.filter((j) => j.status === status).map((j) => j.id);
      const body = await page(recipe.id, `status=${status}`);
      expect(body.job_scope_count).toBe(expected.length);
      expect(body.job_succeeded_count).toBe(all.job_succeeded_count);
      expect((await walk(recipe.id, `status=${status}`)).flat()).toEqual(expected);
    }
    expect((await call(sandbox, jobsPath(recipe.id, 'status=weird'))).status).toBe(400);
  });

  it('counts in the envelope match the jobs and the recipe (whole history retained)', async () => {
    const jobs = recipe.jobs();
    const body = await page(recipe.id);
    const count = (s: string) => jobs.filter((j) => j.status === s).length;
    expect(body.job_succeeded_count).toBe(count('succeeded'));
    expect(body.job_failed_count).toBe(count('failed'));
    expect(body.job_count).toBe(jobs.length);
    const detail = (await call<Json>(sandbox, `/api/recipes/${recipe.id}`)).body;
    expect(detail.job_succeeded_count).toBe(count('succeeded'));
    expect(detail.last_run_at).toBe(jobs[0]!.started_at);
  });

  it('rerun_only=true lists only re-runs (is_repeat), each naming its master job', async () => {
    const expected = recipe.jobs().filter((j) => j.is_repeat);
    expect(expected.length).toBeGreaterThan(0);
    const body = await page(recipe.id, 'rerun_only=true');
    expect(body.job_scope_count).toBe(expected.length);
    expect((await walk(recipe.id, 'rerun_only=true')).flat()).toEqual(expected.map((j) => j.id));
    expect(expected.every((j) => typeof j.master_job_id === 'string')).toBe(true);
  });

  it('prev=true gives the jobs just newer than the cursor', async () => {
    const ids = recipe.jobs().map((j) => j.id);
    const cursor = ids[60]!;
    const body = await page(recipe.id, `offset_job_id=${cursor}&prev=true`);
    expect(new Set(body.items.map((j) => j.id))).toEqual(new Set(ids.slice(35, 60)));
  });

  it('rejects a cursor or job id of another recipe with 404', async () => {
    const other = sandbox.world().admin.recipes.find((r) => r.running && r.id !== recipe.id)!;
    const foreign = other.jobs()[0]!.id;
    expect((await call(sandbox, jobsPath(recipe.id, `offset_job_id=${foreign}`))).status).toBe(404);
    expect((await call(sandbox, `/api/recipes/${recipe.id}/jobs/${foreign}`)).status).toBe(404);
    const own = await call<Json>(sandbox, `/api/recipes/${other.id}/jobs/${foreign}`);
    expect(own.body).toMatchObject({
      id: foreign,
      recipe_id: other.id,
      status: other.jobs()[0]!.status,
    });
  });

  it('failed jobs carry pooled errors that repeat with varying values; one is 40,000 chars', () => {
    const failed = sandbox
      .world()
      .admin.recipes.flatMap((r) => r.jobs())
      .filter((j) => j.status === 'failed');
    expect(failed.every((j) => j.is_error && typeof j.error === 'string')).toBe(true);
    expect(failed.some((j) => j.is_poll_error)).toBe(true);
    expect(Math.max(...failed.map((j) => j.error!.length))).toBeGreaterThanOrEqual(40_000);
    const shape = (e: string) => e.replace(/\d+/g, '#').replace(/user#@ex.mple\.com/g, '@');
    const byShape = new Map<string, Set<string>>();
    for (const job of failed) {
      const set = byShape.get(shape(job.error!)) ?? new Set();
      set.add(job.error!);
      byShape.set(shape(job.error!), set);
    }
    expect([...byShape.values()].some((texts) => texts.size >= 3)).toBe(true);
  });
});

describe('sandbox clock and retention', () => {
  it('pending jobs complete and new jobs appear when the clock advances', async () => {
    const world = sandbox.world();
    const withPending = world.admin.recipes.find((r) =>
      r.jobs().some((j) => j.status === 'pending'),
    );
    expect(withPending).toBeDefined();
    const target = withPending!;
    const pending = target.jobs().filter((j) => j.status === 'pending');
    expect(pending.every((j) => j.completed_at === null)).toBe(true);
    const before = await page(target.id);
    const nowBefore = Date.parse(sandbox.now());
    const answer = await call<Json>(sandbox, '/__sandbox/advance', {
      method: 'POST',
      body: { hours: 4 },
      token: null,
    });
    expect(answer.body).toEqual({ now: new Date(nowBefore + 4 * HOUR).toISOString() });
    for (const job of pending) {
      const detail = (await call<Json>(sandbox, `/api/recipes/${target.id}/jobs/${job.id}`)).body;
      expect(detail.status).not.toBe('pending');
      expect(detail.completed_at).toEqual(expect.any(String));
    }
    const after = await page(target.id);
    expect(after.job_count).toBeGreaterThan(before.job_count);
    expect(after.job_succeeded_count + after.job_failed_count).toBeGreaterThan(
      before.job_succeeded_count + before.job_failed_count,
    );
    expect(Date.parse(String(after.items[0]!.started_at))).toBeGreaterThan(nowBefore);
  });

  it('stops serving jobs older than retentionDays', async () => {
    const short = await startSandbox({
      seed: 5,
      accounts: 0,
      recipesPerAccount: 3,
      days: 6,
      retentionDays: 2,
      rateLimit: false,
    });
    try {
      const target = short.world().admin.recipes.find((r) => r.running)!;
      const jobs = target.jobs();
      const cutoff = Date.parse(short.now()) - 2 * 24 * HOUR;
      expect(jobs.every((j) => Date.parse(j.started_at) >= cutoff)).toBe(true);
      const oldest = jobs[jobs.length - 1]!;
      const first = await call<JobsEnvelope>(short, jobsPath(target.id), {
        token: short.adminToken,
      });
      expect(first.body.job_count).toBeGreaterThan(jobs.length);
      expect(first.body.job_scope_count).toBe(jobs.length);
      expect(
        (
          await call(short, `/api/recipes/${target.id}/jobs/${oldest.id}`, {
            token: short.adminToken,
          })
        ).status,
      ).toBe(200);
      short.advance(24 * HOUR);
      expect(
        (
          await call(short, `/api/recipes/${target.id}/jobs/${oldest.id}`, {
            token: short.adminToken,
          })
        ).status,
      ).toBe(404);
    } finally {
      await short.close();
    }
  });

  it('rejects a negative or malformed advance', async () => {
    const now = sandbox.now();
    const bad = await call(sandbox, '/__sandbox/advance', {
      method: 'POST',
      body: { ms: -5 },
      token: null,
    });
    expect(bad.status).toBe(400);
    expect(() => sandbox.advance(-1)).toThrow(RangeError);
    expect(sandbox.now()).toBe(now);
  });
});
