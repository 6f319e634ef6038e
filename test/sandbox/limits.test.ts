import { afterEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxOptions } from '../../src/sandbox/index.js';
import { call } from './api.js';

let sandbox: SandboxHandle | undefined;
async function start(options: SandboxOptions): Promise<SandboxHandle> {
  sandbox = await startSandbox({ seed: 3, accounts: 3, recipesPerAccount: 4, days: 2, ...options });
  return sandbox;
}
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('sandbox rate limits', () => {
  it('answers 429 with Retry-After and a message once a token exceeds its limit', async () => {
    const s = await start({ rateLimit: { developerPerMinute: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let n = 0; n < 5; n += 1) statuses.push((await call(s, '/api/recipes')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call<{ message: string }>(s, '/api/recipes');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.message).toEqual(expect.any(String));
    // Another family, and another token, have their own windows.
    expect((await call(s, '/api/connections')).status).toBe(200);
    expect((await call(s, '/api/recipes', { token: s.customers[0]!.token })).status).toBe(200);
    expect(s.counters()).toMatchObject({ total: 8, rateLimited: 3 });
    expect(s.counters().byEndpoint['GET /api/recipes']).toBe(7);
  });

  it('shares one bucket across every customer of the embedded admin', async () => {
    const s = await start({ rateLimit: { embeddedPerMinute: 4, windowMs: 60_000 } });
    const [a, b, c] = s.customers;
    const paths = [a, b, c, a].map((x) => `/api/managed_users/${x!.id}/recipes`);
    for (const path of paths) expect((await call(s, path)).status).toBe(200);
    expect((await call(s, `/api/managed_users/${b!.id}/connections`)).status).toBe(429);
    // The customers' own tokens (developer API) are not part of that bucket.
    expect((await call(s, '/api/recipes', { token: b!.token })).status).toBe(200);
    expect(s.counters().rateLimited).toBe(1);
  });

  it('the window slides: requests are allowed again once old ones leave it', async () => {
    const s = await start({ rateLimit: { developerPerMinute: 2, windowMs: 200 } });
    expect((await call(s, '/api/users/me')).status).toBe(200);
    expect((await call(s, '/api/users/me')).status).toBe(200);
    expect((await call(s, '/api/users/me')).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await call(s, '/api/users/me')).status).toBe(200);
  });

  it('rateLimit: false serves everything', async () => {
    const s = await start({ rateLimit: false });
    for (let n = 0; n < 80; n += 1) expect((await call(s, '/api/users/me')).status).toBe(200);
    expect(s.counters()).toEqual({
      total: 80,
      byEndpoint: { 'GET /api/users/me': 80 },
      rateLimited: 0,
    });
  });
});

describe('sandbox counters', () => {
  it('counts per endpoint family key, 401s and unknown paths included, and resets', async () => {
    const s = await start({ rateLimit: false });
    const customer = s.customers[1]!;
    const recipe = s.world().customers[1]!.recipes.find((r) => r.running)!;
    await call(s, `/api/managed_users/${customer.id}/recipes/${recipe.id}/jobs`);
    await call(s, `/api/managed_users/${customer.id}/recipes/${recipe.id}/jobs`);
    await call(s, `/api/recipes/${recipe.id}/jobs`, { token: customer.token });
    await call(s, '/api/recipes', { token: 'bad' });
    await call(s, '/api/nope');
    await call(s, '/__sandbox/now', { token: null });
    expect(s.counters()).toEqual({
      total: 5,
      rateLimited: 0,
      byEndpoint: {
        'GET /api/managed_users/:id/recipes/:rid/jobs': 2,
        'GET /api/recipes/:id/jobs': 1,
        'GET /api/recipes': 1,
        'GET (unknown)': 1,
      },
    });
    const remote = await call(s, '/__sandbox/counters', { token: null });
    expect(remote.body).toMatchObject({ total: 5 });
    s.resetCounters();
    expect(s.counters()).toEqual({ total: 0, byEndpoint: {}, rateLimited: 0 });
  });
});

describe('sandbox options', () => {
  it('legacyAuth: false refuses the X-USER-EMAIL + X-USER-TOKEN pair', async () => {
    const s = await start({ rateLimit: false, legacyAuth: false });
    const headers = { 'x-user-email': s.admin.email, 'x-user-token': s.admin.apiKey };
    const answer = await call(s, '/api/users/me', { token: null, headers });
    expect(answer.status).toBe(401);
    expect((await call(s, '/api/users/me')).status).toBe(200);
  });

  it('startStopIdempotent: false answers 400 to starting a running recipe', async () => {
    const s = await start({ rateLimit: false, startStopIdempotent: false });
    const running = s.world().admin.recipes.find((r) => r.running)!;
    const again = await call(s, `/api/recipes/${running.id}/start`, { method: 'PUT' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: expect.stringContaining('already running') as string });
    expect((await call(s, `/api/recipes/${running.id}/stop`, { method: 'PUT' })).body).toEqual({
      success: true,
    });
    expect((await call(s, `/api/recipes/${running.id}/stop`, { method: 'PUT' })).status).toBe(400);
  });
});
