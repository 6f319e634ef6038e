import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openArchive } from '../../src/store/index.js';
import type { JobRecord } from '../../src/store/index.js';
import {
  archivedJobs,
  customerKey,
  DAY_MS,
  dumpTable,
  runSync,
  sandboxJobs,
  startFixture,
} from './sync-fixture.js';
import type { Fixture } from './sync-fixture.js';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await startFixture();
});
afterEach(async () => {
  await fixture.close();
});

const JOBS_ENDPOINT = 'GET /api/managed_users/:id/recipes/:rid/jobs';
const JOB_ENDPOINT = 'GET /api/managed_users/:id/recipes/:rid/jobs/:job_id';

function recipeCounters(json: Readonly<Record<string, unknown>>): unknown[] {
  return [json.last_run_at, json.job_succeeded_count, json.job_failed_count];
}

describe('sync against the sandbox', () => {
  it('archives every job since the bound field by field, recipes and connections', async () => {
    const db = join(fixture.dir, 'archive.sqlite');
    const since = Date.parse(fixture.sandbox.now()) - 4 * DAY_MS;
    const summary = await runSync(fixture, db, since);
    expect(summary.failed).toEqual([]);

    const expected = sandboxJobs(fixture, since);
    expect(expected.length).toBeGreaterThan(500);
    expect(expected.some((j) => j.status === 'pending')).toBe(true);
    expect(expected.some((j) => j.status === 'failed')).toBe(true);
    expect(await archivedJobs(db)).toEqual(expected);

    const world = fixture.sandbox.world();
    const archive = openArchive(db);
    const recipes = await archive.listRecipes();
    const expectedRecipes = world.customers.flatMap((c) =>
      c.recipes.map((r) => ({
        accountKey: customerKey(c.info.id),
        id: r.id,
        name: r.name,
        running: r.running,
        stopCause: r.stopCause,
        lastRunAt: typeof r.json.last_run_at === 'string' ? Date.parse(r.json.last_run_at) : null,
        jobSucceededCount: r.json.job_succeeded_count,
      })),
    );
    expect(
      recipes.map((r) => ({
        accountKey: r.accountKey,
        id: r.id,
        name: r.name,
        running: r.running,
        stopCause: r.stopCause,
        lastRunAt: r.lastRunAt,
        jobSucceededCount: r.jobSucceededCount,
      })),
    ).toEqual(
      expectedRecipes.sort((a, b) => a.accountKey.localeCompare(b.accountKey) || a.id - b.id),
    );
    const connections = await archive.listConnections();
    expect(connections.map((c) => `${c.accountKey}:${c.id}`).sort()).toEqual(
      world.customers
        .flatMap((c) => c.connections.map((x) => `${customerKey(c.info.id)}:${String(x.id)}`))
        .sort(),
    );
    const accounts = await archive.listAccounts();
    expect(accounts.map((a) => [a.key, a.kind, a.dataSource])).toEqual(
      world.customers
        .map((c) => [customerKey(c.info.id), 'customer', 'sandbox'])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await archive.runOutcomes(summary.runId)).every((o) => o.ok)).toBe(true);
    await archive.close();
  });

  it('re-syncs after the clock moves: exactly the new jobs, completed ones updated', async () => {
    const db = join(fixture.dir, 'archive.sqlite');
    await runSync(fixture, db, null);
    const before = await archivedJobs(db);
    const pendingBefore = before.filter((j) => j.status === 'pending');
    expect(pendingBefore.length).toBeGreaterThan(0);

    fixture.sandbox.advance(6 * 3_600_000);
    fixture.sandbox.resetCounters();
    const summary = await runSync(fixture, db, null);
    expect(summary.failed).toEqual([]);

    const expected = sandboxJobs(fixture, null);
    expect(await archivedJobs(db)).toEqual(expected);
    const beforeIds = new Set(before.map((j) => j.id));
    const newJobs = expected.filter((j) => !beforeIds.has(j.id)).length;
    expect(newJobs).toBeGreaterThan(0);
    expect(summary.outcomes.reduce((n, o) => n + o.newJobs, 0)).toBe(newJobs);
    const stillPending = new Set(expected.filter((j) => j.status === 'pending').map((j) => j.id));
    const completed = pendingBefore.filter((j) => !stillPending.has(j.id)).length;
    expect(summary.outcomes.reduce((n, o) => n + o.updatedJobs, 0)).toBe(completed);
    expect(fixture.sandbox.counters().byEndpoint[JOBS_ENDPOINT]).toBeGreaterThan(0);
  });

  it('spends on a re-sync exactly the requests the incremental rule predicts', async () => {
    const db = join(fixture.dir, 'archive.sqlite');
    await runSync(fixture, db, null);
    const archive = openArchive(db);
    const before = new Map<string, { archived: Set<string>; pending: string[] }>();
    const counters = new Map<string, unknown>();
    for (const customer of fixture.sandbox.world().customers) {
      for (const recipe of customer.recipes) {
        const key = `${customerKey(customer.info.id)}:${recipe.id}`;
        const jobs: JobRecord[] = [];
        const filter = { accounts: [customerKey(customer.info.id)], recipeIds: [recipe.id] };
        for await (const job of archive.iterateJobs(filter)) jobs.push(job);
        before.set(key, {
          archived: new Set(jobs.map((j) => j.id)),
          pending: jobs.filter((j) => j.status === 'pending').map((j) => j.id),
        });
        counters.set(key, recipeCounters(recipe.json));
      }
    }
    await archive.close();

    fixture.sandbox.advance(6 * 3_600_000);
    fixture.sandbox.resetCounters();
    await runSync(fixture, db, null);

    const world = fixture.sandbox.world();
    const pageSize = world.jobsPageSize;
    let listPages = 0;
    let singleReads = 0;
    let skipped = 0;
    for (const customer of world.customers) {
      for (const recipe of customer.recipes) {
        const key = `${customerKey(customer.info.id)}:${recipe.id}`;
        const was = before.get(key)!;
        // A recipe whose last_run_at and job counts did not move costs nothing.
        if (JSON.stringify(counters.get(key)) === JSON.stringify(recipeCounters(recipe.json))) {
          skipped += 1;
          continue;
        }
        // From the top down to the first page holding an archived job.
        const list = recipe.jobs();
        const firstArchived = list.findIndex((j) => was.archived.has(j.id));
        const pages =
          firstArchived === -1
            ? Math.max(1, Math.ceil(list.length / pageSize))
            : Math.floor(firstArchived / pageSize) + 1;
        listPages += pages;
        // Pending jobs those pages did not show again: one getJob each (they are few).
        const shown = new Set(list.slice(0, pages * pageSize).map((j) => j.id));
        const unseen = was.pending.filter((id) => !shown.has(id));
        expect(unseen.length).toBeLessThanOrEqual(10);
        singleReads += unseen.length;
      }
    }
    expect(singleReads).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    expect(listPages).toBeGreaterThan(0);
    const served = fixture.sandbox.counters().byEndpoint;
    expect(served[JOBS_ENDPOINT] ?? 0).toBe(listPages);
    expect(served[JOB_ENDPOINT] ?? 0).toBe(singleReads);
  });

  it('makes no jobs request at all when nothing moved', async () => {
    const db = join(fixture.dir, 'archive.sqlite');
    await runSync(fixture, db, null);
    fixture.sandbox.resetCounters();
    const summary = await runSync(fixture, db, null);
    const counters = fixture.sandbox.counters();
    const world = fixture.sandbox.world();
    expect(counters.byEndpoint[JOBS_ENDPOINT] ?? 0).toBe(0);
    // Per customer: the recipes pages and the connections; plus listing the customers once.
    const recipes = world.customers.map((c) => c.recipes.length);
    const perAccount = recipes.map((n) => Math.floor(n / 100) + 1 + 1);
    expect(counters.total).toBe(perAccount.reduce((a, b) => a + b, 0) + 1);
    // Each customer's summary line counts its own requests, not the admin client's counters
    // that every customer of the admin shares; the client total counts each request once.
    expect(new Map(summary.outcomes.map((o) => [o.accountKey, o.requests]))).toEqual(
      new Map(world.customers.map((c, i) => [customerKey(c.info.id), perAccount[i]])),
    );
    expect(summary.clientStats.requests).toBe(counters.total);
    expect(summary.outcomes.every((o) => o.newJobs === 0 && o.updatedJobs === 0)).toBe(true);
    expect(dumpTable(db, 'jobs').length).toBeGreaterThan(0);
  });
});
