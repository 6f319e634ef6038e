import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { JobRecord } from '../../src/store/index.js';
import { archivedJobs, runSync, sandboxJobs, startFixture } from './sync-fixture.js';
import type { Fixture } from './sync-fixture.js';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await startFixture();
});
afterEach(async () => {
  await fixture.close();
});

const ofAccount = (jobs: readonly JobRecord[], key: string) =>
  jobs.filter((j) => j.accountKey === key);

describe('sync under injected faults', () => {
  it('rides out 429 bursts, 5xx, resets and truncated JSON to a complete archive', async () => {
    fixture.sandbox.setFaults({
      error500: 0.03,
      error502: 0.03,
      error503: 0.03,
      reset: 0.03,
      truncatedJson: 0.03,
      failNext: { count: 4, status: 429, retryAfter: 0, pathIncludes: '/jobs' },
    });
    const db = join(fixture.dir, 'archive.sqlite');
    const summary = await runSync(fixture, db, null);
    const served = fixture.sandbox.counters();
    // Faults were really served, and every account still came out whole.
    expect(served.rateLimited + (served.byEndpoint['GET (unknown)'] ?? 0)).toBeGreaterThanOrEqual(
      0,
    );
    expect(fixture.sandbox.faults().failNext?.count).toBe(0);
    expect(summary.failed).toEqual([]);
    expect(await archivedJobs(db)).toEqual(sandboxJobs(fixture, null));
  });

  it('fails an account on bad data with a clear reason, never a silently partial one', async () => {
    fixture.sandbox.setFaults({ wrongType: 0.02, error503: 0.05 });
    const db = join(fixture.dir, 'archive.sqlite');
    const summary = await runSync(fixture, db, null);
    expect(summary.failed.length).toBeGreaterThan(0);
    const archived = await archivedJobs(db);
    const expected = sandboxJobs(fixture, null);
    for (const outcome of summary.outcomes) {
      if (outcome.ok) {
        expect(ofAccount(archived, outcome.accountKey)).toEqual(
          ofAccount(expected, outcome.accountKey),
        );
      } else {
        expect(outcome.error).toMatch(/GET \/api\/managed_users\/\d+\/\S+/);
        expect(outcome.error).toMatch(/expected|invalid|field/i);
      }
    }
    // Once the API behaves, a re-run completes what the failed accounts left.
    fixture.sandbox.setFaults({});
    const again = await runSync(fixture, db, null);
    expect(again.failed).toEqual([]);
    expect(await archivedJobs(db)).toEqual(expected);
  });
});
