import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './api.js';
import type { Envelope, Json, JobsEnvelope, ResultEnvelope } from './api.js';

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 7,
    accounts: 4,
    recipesPerAccount: 10,
    days: 5,
    rateLimit: false,
  });
});
afterAll(() => sandbox.close());

describe('sandbox envelopes and bodies', () => {
  it('GET /api/users/me is a bare object named as sandbox, with the sandbox header', async () => {
    const admin = await call<Json>(sandbox, '/api/users/me');
    expect(admin.status).toBe(200);
    expect(admin.headers.get('x-recipe-ops-sandbox')).toBe('1');
    expect(admin.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(admin.body.id).toBe(sandbox.admin.id);
    expect(String(admin.body.name)).toMatch(/^Sandbox/);
    expect(admin.body).toHaveProperty('plan_id');
    expect(admin.body).not.toHaveProperty('task_count');
    for (const customer of sandbox.customers) {
      const me = await call<Json>(sandbox, '/api/users/me', { token: customer.token });
      expect(me.body.id).toBe(customer.id);
      expect(String(me.body.name).toLowerCase()).toContain('sandbox');
    }
  });

  it('GET /api/recipes wraps recipes in {items}, newest id first, with integer ids', async () => {
    const { body } = await call<Envelope>(sandbox, '/api/recipes', {
      token: sandbox.customers[0]!.token,
    });
    expect(Object.keys(body)).toEqual(['items']);
    const ids = body.items.map((r) => r.id as number);
    expect(ids.every(Number.isInteger)).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids).toHaveLength(10);
    const recipe = body.items[0]!;
    for (const field of ['config', 'code', 'stop_cause', 'lifetime_task_count', 'version_no']) {
      expect(recipe).toHaveProperty(field);
    }
    expect(typeof recipe.code).toBe('string');
  });

  it('connections: bare array with application; embedded {result} with provider', async () => {
    const customer = sandbox.customers[1]!;
    const direct = await call<Json[]>(sandbox, '/api/connections', { token: customer.token });
    expect(Array.isArray(direct.body)).toBe(true);
    expect(direct.body[0]).toHaveProperty('application');
    const statuses = new Set(direct.body.map((c) => c.authorization_status));
    expect(statuses).toEqual(new Set(['success', 'failed', 'exception']));
    const failed = direct.body.find((c) => c.authorization_status === 'failed');
    expect(failed?.authorization_error).toEqual(expect.any(String));
    const embedded = await call<ResultEnvelope>(
      sandbox,
      `/api/managed_users/${customer.id}/connections`,
    );
    expect(Object.keys(embedded.body)).toEqual(['result']);
    expect(embedded.body.result.map((c) => c.id)).toEqual(direct.body.map((c) => c.id));
    expect(embedded.body.result[0]).toHaveProperty('provider', direct.body[0]!.application);
    expect(embedded.body.result[0]).not.toHaveProperty('application');
  });

  it('GET /api/managed_users is {result} with the billing and task fields', async () => {
    const { body } = await call<ResultEnvelope>(sandbox, '/api/managed_users');
    expect(body.result.map((c) => c.id)).toEqual(sandbox.customers.map((c) => c.id));
    for (const customer of body.result) {
      expect(customer.task_limit).toEqual(expect.any(Number));
      expect(customer.task_count).toEqual(expect.any(Number));
      expect(customer).toHaveProperty('task_limit_adjustment');
      expect(customer).toHaveProperty('plan_id');
      expect(Date.parse(String(customer.current_billing_period_start))).toBeLessThanOrEqual(
        Date.parse(sandbox.now()),
      );
    }
    const paged = await call<ResultEnvelope>(sandbox, '/api/managed_users?per_page=3&page=2');
    expect(paged.body.result.map((c) => c.id)).toEqual([sandbox.customers[3]!.id]);
  });

  it('addresses a customer by numeric id or by E + URL-encoded external id', async () => {
    const withExternal = sandbox.customers.filter((c) => c.externalId !== null);
    expect(withExternal.some((c) => /[^A-Za-z0-9-]/.test(c.externalId!))).toBe(true);
    for (const customer of withExternal) {
      const byExternal = await call<Json>(
        sandbox,
        `/api/managed_users/E${encodeURIComponent(customer.externalId!)}`,
      );
      expect(byExternal.status).toBe(200);
      expect(byExternal.body).toMatchObject({ id: customer.id, external_id: customer.externalId });
      const recipes = await call<ResultEnvelope>(
        sandbox,
        `/api/managed_users/E${encodeURIComponent(customer.externalId!)}/recipes`,
      );
      expect(recipes.body.result.every((r) => r.user_id === customer.id)).toBe(true);
    }
    const byId = await call<Json>(sandbox, `/api/managed_users/${sandbox.customers[0]!.id}`);
    expect(byId.body.name).toBe(sandbox.customers[0]!.name);
  });

  it('serves the per-customer recipe, start/stop and jobs variants', async () => {
    const customer = sandbox.customers[2]!;
    const base = `/api/managed_users/${customer.id}`;
    const list = await call<ResultEnvelope>(sandbox, `${base}/recipes`);
    expect(Object.keys(list.body)).toEqual(['result']);
    const running = sandbox.world().customers[2]!.recipes.find((r) => r.running)!;
    const one = await call<Json>(sandbox, `${base}/recipes/${running.id}`);
    expect(one.body).toMatchObject({ id: running.id, running: true });
    const jobs = await call<JobsEnvelope>(sandbox, `${base}/recipes/${running.id}/jobs`);
    expect(Object.keys(jobs.body).sort()).toEqual([
      'items',
      'job_count',
      'job_failed_count',
      'job_scope_count',
      'job_succeeded_count',
    ]);
    const job = jobs.body.items[0]!;
    expect(job.id).toMatch(/^j-[0-9A-Za-z]{8}-[0-9A-Za-z]{6}$/);
    const detail = await call<Json>(
      sandbox,
      `${base}/recipes/${running.id}/jobs/${String(job.id)}`,
    );
    expect(detail.body).toMatchObject({ id: job.id, handle: job.id, recipe_id: running.id });
    expect(detail.body).toHaveProperty('lines');
    const stop = await call<Json>(sandbox, `${base}/recipes/${running.id}/stop`, { method: 'PUT' });
    expect(stop.body).toEqual({ success: true });
    const after = await call<Json>(sandbox, `/api/recipes/${running.id}`, {
      token: customer.token,
    });
    expect(after.body.running).toBe(false);
  });

  it('job items: documented fields plus status, is_repeat, handle, master_job_id', async () => {
    const recipe = sandbox.world().admin.recipes.find((r) => r.running)!;
    const { body } = await call<JobsEnvelope>(sandbox, `/api/recipes/${recipe.id}/jobs`);
    for (const job of body.items) {
      for (const field of [
        'id',
        'flow_run_id',
        'started_at',
        'completed_at',
        'title',
        'is_poll_error',
        'error',
        'is_error',
        'status',
        'is_repeat',
        'handle',
        'master_job_id',
      ]) {
        expect(job).toHaveProperty(field);
      }
      expect(typeof job.id).toBe('string');
      expect(Number.isInteger(job.flow_run_id)).toBe(true);
    }
  });

  it('answers 401 Unauthorized to a bad token and to customers on managed_users', async () => {
    const missing = await call(sandbox, '/api/recipes', { token: null });
    const wrong = await call(sandbox, '/api/recipes', { token: 'wrkaus-nope' });
    const customer = await call(sandbox, '/api/managed_users', {
      token: sandbox.customers[0]!.token,
    });
    for (const answer of [missing, wrong, customer]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ message: 'Unauthorized' });
      expect(answer.headers.get('x-recipe-ops-sandbox')).toBe('1');
    }
  });

  it('answers 404 {"message":"Not found"} to unknown ids and paths', async () => {
    const recipe = sandbox.world().admin.recipes[0]!;
    const otherCustomerRecipe = sandbox.world().customers[0]!.recipes[0]!;
    const paths = [
      '/api/recipes/999999999',
      `/api/recipes/${otherCustomerRecipe.id}`,
      `/api/recipes/${recipe.id}/jobs/j-00000000-000000`,
      `/api/recipes/${recipe.id}/jobs/not-a-job`,
      '/api/managed_users/1',
      '/api/managed_users/Eno-such-external/recipes',
      '/api/nothing/here',
    ];
    for (const path of paths) {
      const answer = await call(sandbox, path);
      expect([path, answer.status, answer.body]).toEqual([path, 404, { message: 'Not found' }]);
    }
  });

  it('accepts the legacy X-USER-EMAIL + X-USER-TOKEN pair', async () => {
    const customer = sandbox.customers[0]!;
    const ok = await call<Json>(sandbox, '/api/users/me', {
      token: null,
      headers: { 'x-user-email': customer.email, 'x-user-token': customer.apiKey },
    });
    expect(ok.body.id).toBe(customer.id);
    const bad = await call(sandbox, '/api/users/me', {
      token: null,
      headers: { 'x-user-email': customer.email, 'x-user-token': 'wrong' },
    });
    expect(bad.status).toBe(401);
    const query = `user_email=${encodeURIComponent(customer.email)}&user_token=${customer.apiKey}`;
    const viaQuery = await call<Json>(sandbox, `/api/users/me?${query}`, { token: null });
    expect(viaQuery.body.id).toBe(customer.id);
  });
});
