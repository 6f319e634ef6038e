/**
 * The client-side limiter against the sandbox's enforced limits: at matching settings a run of
 * concurrent calls over the developer and embedded APIs sees no 429. A short window keeps the
 * test quick; the assertions are on the sandbox's counters.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  accountFromEnvironment,
  createAccountClient,
  RateLimiter,
} from '../../src/extract/workato/index.js';
import type { ClientOptions, WorkatoAdmin } from '../../src/extract/workato/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { recordSleeps } from './client-helpers.js';

const WINDOW_MS = 400;
const LIMITS = { developerPerMinute: 4, embeddedPerMinute: 6, managedUsersPerMinute: 3 };

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 3,
    accounts: 3,
    recipesPerAccount: 8,
    days: 2,
    rateLimit: { ...LIMITS, windowMs: WINDOW_MS },
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetCounters());

async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A nightly-sync-like burst: own recipes and details, then every customer in parallel. */
async function burst(options: ClientOptions): Promise<{ calls: number; failures: number }> {
  const account = {
    ...accountFromEnvironment({
      WORKATO_BASE_URL: sandbox.baseUrl,
      WORKATO_API_TOKEN: sandbox.adminToken,
    }),
    managed: true,
  };
  const client = createAccountClient(account, options);
  const admin = client.api as WorkatoAdmin;
  let calls = 0;
  const work: Promise<unknown>[] = [];
  const failures: unknown[] = [];
  // Handlers are attached at once: a refusal while other calls run is recorded, not unhandled.
  const track = (p: Promise<unknown>) => work.push(p.catch((e: unknown) => failures.push(e)));
  for (let i = 0; i < 6; i += 1) track(admin.describe().then(() => (calls += 1)));
  // (in the control run this may be refused: the other calls must still be awaited)
  const customers = await drain(admin.listCustomers()).catch(() => []);
  calls += 1;
  for (const customer of customers) {
    const api = admin.customer(customer.id);
    track(api.describe().then(() => (calls += 1)));
    track(
      drain(api.listRecipes()).then(async (recipes) => {
        calls += 1;
        for (const recipe of recipes.slice(0, 3)) {
          await drain(api.listJobs(recipe.id, { maxPages: 1 }));
          calls += 1;
        }
      }),
    );
    track(api.listConnections().then(() => (calls += 1)));
  }
  await Promise.all(work);
  return { calls, failures: failures.length };
}

describe('rate limiter against the sandbox', () => {
  it('sees no 429 at the sandbox limits', async () => {
    const { calls, failures } = await burst({
      limiter: new RateLimiter(),
      rateLimit: {
        enabled: true,
        perMinute: LIMITS.developerPerMinute,
        embeddedPerMinute: LIMITS.embeddedPerMinute,
        managedUsersPerMinute: LIMITS.managedUsersPerMinute,
        windowMs: WINDOW_MS,
      },
    });
    const counters = sandbox.counters();
    expect(failures).toBe(0);
    expect(calls).toBe(6 + 1 + 3 * (1 + 1 + 3 + 1));
    expect(counters.rateLimited).toBe(0);
    expect(counters.total).toBe(calls);
  });

  it('without the limiter the same burst is refused (control)', async () => {
    await burst({
      rateLimit: { enabled: false },
      retry: { maxAttempts: 1 },
      sleep: recordSleeps().sleep,
    });
    expect(sandbox.counters().rateLimited).toBeGreaterThan(0);
  });
});
