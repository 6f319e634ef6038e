import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './api.js';
import type { Envelope, Json } from './api.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 8,
    accounts: 1,
    recipesPerAccount: 4,
    days: 2,
    rateLimit: false,
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.setFaults({}));

describe('sandbox fault injection', () => {
  it('failNext fails the next N matching requests, with Retry-After, then recovers', async () => {
    sandbox.setFaults({
      failNext: { count: 2, status: 503, retryAfter: 7, pathIncludes: '/jobs' },
    });
    const recipe = sandbox.world().admin.recipes[0]!;
    expect((await call(sandbox, '/api/recipes')).status).toBe(200);
    const first = await call(sandbox, `/api/recipes/${recipe.id}/jobs`);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(typeof (first.body as Json).message).toBe('string');
    expect(sandbox.faults().failNext?.count).toBe(1);
    expect((await call(sandbox, `/api/recipes/${recipe.id}/jobs`)).status).toBe(503);
    expect((await call(sandbox, `/api/recipes/${recipe.id}/jobs`)).status).toBe(200);
  });

  it('error500/502/503 at probability 1 answer that status; 500 has {message, id}', async () => {
    for (const [knob, status] of [
      ['error500', 500],
      ['error502', 502],
      ['error503', 503],
    ] as const) {
      sandbox.setFaults({ [knob]: 1 });
      const answer = await call<Json>(sandbox, '/api/users/me');
      expect(answer.status).toBe(status);
      expect(answer.headers.get('x-recipe-ops-sandbox')).toBe('1');
      expect(Object.keys(answer.body).sort()).toEqual(['id', 'message']);
      expect(typeof answer.body.message).toBe('string');
    }
  });

  it('reset destroys the connection without an answer', async () => {
    sandbox.setFaults({ reset: 1 });
    await expect(call(sandbox, '/api/users/me')).rejects.toThrow();
    sandbox.setFaults({});
    expect((await call(sandbox, '/api/users/me')).status).toBe(200);
  });

  it('truncatedJson sends a body that does not parse', async () => {
    sandbox.setFaults({ truncatedJson: 1 });
    const answer = await call(sandbox, '/api/recipes');
    expect(answer.status).toBe(200);
    expect(answer.body).toBeUndefined();
    expect(() => JSON.parse(answer.text) as unknown).toThrow(SyntaxError);
  });

  it('wrongType gives a field the wrong type', async () => {
    sandbox.setFaults({ wrongType: 1 });
    const recipes = await call<Envelope>(sandbox, '/api/recipes');
    expect(typeof recipes.body.items[0]!.id).toBe('string');
    const me = await call<Json>(sandbox, '/api/users/me');
    expect(typeof me.body.id).toBe('string');
    const recipe = sandbox.world().admin.recipes.find((r) => r.running)!;
    const jobs = await call<Envelope>(sandbox, `/api/recipes/${recipe.id}/jobs`);
    expect(typeof jobs.body.items[0]!.id).toBe('number');
  });

  it('slow delays the answer past a client timeout', async () => {
    sandbox.setFaults({ slow: 1, slowMs: 3_000 });
    const signal = AbortSignal.timeout(300);
    const request = fetch(`${sandbox.baseUrl}/api/users/me`, {
      headers: { authorization: `Bearer ${sandbox.adminToken}` },
      signal,
    });
    await expect(request).rejects.toThrow();
  });

  it('probabilistic faults are deterministic for a seed and request order', async () => {
    const pattern = async (s: SandboxHandle) => {
      s.setFaults({ error500: 0.3, error503: 0.3 });
      const out: number[] = [];
      for (let n = 0; n < 30; n += 1)
        out.push((await call(s, '/api/users/me', { token: s.adminToken })).status);
      return out;
    };
    const twin = await startSandbox({
      seed: 8,
      accounts: 1,
      recipesPerAccount: 4,
      days: 2,
      rateLimit: false,
    });
    try {
      const a = await pattern(sandbox);
      const b = await pattern(twin);
      expect(a).toEqual(b);
      expect(new Set(a)).toEqual(new Set([200, 500, 503]));
    } finally {
      await twin.close();
    }
  });

  it('POST /__sandbox/faults sets the knobs at runtime and rejects bad ones', async () => {
    const set = await call(sandbox, '/__sandbox/faults', {
      method: 'POST',
      body: { error502: 1 },
      token: null,
    });
    expect(set.status).toBe(200);
    expect((await call(sandbox, '/api/users/me')).status).toBe(502);
    const bad = await call(sandbox, '/__sandbox/faults', {
      method: 'POST',
      body: { error502: 7 },
      token: null,
    });
    expect(bad.status).toBe(400);
    const current = await call(sandbox, '/__sandbox/faults', { token: null });
    expect(current.body).toEqual({ error502: 1 });
    await call(sandbox, '/__sandbox/faults', { method: 'POST', body: {}, token: null });
    expect((await call(sandbox, '/api/users/me')).status).toBe(200);
  });
});
