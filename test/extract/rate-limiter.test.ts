import { afterEach, describe, expect, it } from 'vitest';

import { recordSleeps } from './client-helpers.js';
import { clientFor } from './client-helpers.js';
import { recipeJson, sendJson, startFakeServer } from './fake-server.js';
import type { FakeServer } from './fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that allows `limit` requests in any `windowMs` and answers 429 beyond. */
async function limitedServer(limit: number, windowMs: number) {
  const arrivals: number[] = [];
  let refused = 0;
  const fake = await startFakeServer((_req, res) => {
    const now = performance.now();
    while (arrivals.length && arrivals[0]! <= now - windowMs) arrivals.shift();
    if (arrivals.length >= limit) {
      refused += 1;
      sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '1' });
      return;
    }
    arrivals.push(now);
    sendJson(res, 200, recipeJson(1));
  });
  return { fake, refused: () => refused };
}

describe('client-side rate limiter', () => {
  it('keeps a burst under the server limit: no 429', async () => {
    const { fake, refused } = await limitedServer(5, 300);
    server = fake;
    const client = clientFor(fake.baseUrl, {
      rateLimit: { enabled: true, perMinute: 5, windowMs: 300 },
    });
    await Promise.all(Array.from({ length: 20 }, () => client.api.getRecipe(1)));
    expect(refused()).toBe(0);
    expect(fake.requests).toHaveLength(20);
    expect(client.stats.rateLimited).toBe(0);
    expect(client.stats.rateLimitWaitMs).toBeGreaterThan(0);
  });

  it('without it the same burst is refused (control)', async () => {
    const { fake, refused } = await limitedServer(5, 300);
    server = fake;
    const sleeps = recordSleeps();
    const client = clientFor(fake.baseUrl, {
      rateLimit: { enabled: false },
      sleep: sleeps.sleep,
      retry: { maxAttempts: 1 },
    });
    await Promise.allSettled(Array.from({ length: 20 }, () => client.api.getRecipe(1)));
    expect(refused()).toBe(15);
  });

  it('keeps one bucket per endpoint family', async () => {
    const { fake, refused } = await limitedServer(100, 60_000);
    server = fake;
    const client = clientFor(fake.baseUrl, {
      rateLimit: { enabled: true, perMinute: 3, windowMs: 60_000 },
    });
    // 3 recipe reads fill the recipes bucket; a jobs-family call must not wait a minute for it.
    await Promise.all([1, 2, 3].map(() => client.api.getRecipe(1)));
    await client.api.getJob(1, 'j-1').catch(() => undefined);
    expect(fake.requests).toHaveLength(4);
    expect(refused()).toBe(0);
  });
});
