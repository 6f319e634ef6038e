import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { JobCheckpoint, JobRecord, RecipeRecord } from '../../src/store/archive.js';
import { migrate, openArchive, resolveArchivePath, SCHEMA_VERSION } from '../../src/store/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 10);
const job = (id: string, startedAt: number, over: Partial<JobRecord> = {}): JobRecord => ({
  accountKey: 'acme',
  recipeId: 7,
  id,
  status: 'succeeded',
  startedAt,
  completedAt: startedAt + 1000,
  isPollError: false,
  isRepeat: null,
  error: null,
  title: `job ${id}`,
  ...over,
});
const checkpoint = (over: Partial<JobCheckpoint> = {}): JobCheckpoint => ({
  accountKey: 'acme',
  recipeId: 7,
  newestJobId: null,
  newestStartedAt: null,
  backfillCursor: null,
  backfillSince: null,
  lastRunAt: null,
  jobSucceededCount: null,
  jobFailedCount: null,
  ...over,
});
const recipe = (over: Partial<RecipeRecord> = {}): RecipeRecord => ({
  accountKey: 'acme',
  id: 7,
  name: 'Sync leads',
  folderId: 3,
  running: true,
  triggerApplication: 'salesforce',
  actionApplications: ['slack'],
  config: [{ application: 'slack', connectionId: 12 }],
  createdAt: T0 - 86_400_000,
  updatedAt: T0,
  lastRunAt: T0,
  stoppedAt: null,
  stopCause: null,
  versionNo: 3,
  jobSucceededCount: 10,
  jobFailedCount: 1,
  lifetimeTaskCount: 40,
  ...over,
});

describe('SQLite archive', () => {
  it('upgrades a version-1 archive in place and keeps its data', async () => {
    const path = join(dir, 'old.sqlite');
    const old = new BetterSqlite3(path);
    expect(migrate(old, 1)).toBe(1);
    old
      .prepare(
        'INSERT INTO jobs (account_key, id, recipe_id, status, started_at, completed_at, ' +
          "is_poll_error, is_repeat, error, title) VALUES ('acme', 'j-1', 7, 'failed', ?, NULL, " +
          "0, NULL, 'boom', 'old job')",
      )
      .run(T0);
    old.close();

    const archive = openArchive(path);
    const version = archive.db.pragma('user_version', { simple: true });
    expect(version).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    const jobs = [];
    for await (const j of archive.iterateJobs({})) jobs.push(j);
    expect(jobs).toEqual([
      job('j-1', T0, { status: 'failed', completedAt: null, error: 'boom', title: 'old job' }),
    ]);
    // Tables of version 2 exist and work on the upgraded file.
    await archive.saveJobsPage([], checkpoint({ walkTopJobId: 'j-9', walkTopStartedAt: T0 }));
    expect(await archive.getCheckpoint('acme', 7)).toMatchObject({ walkTopJobId: 'j-9' });
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await archive.close();
  });

  it('writes a page and its checkpoint together and counts new and changed jobs', async () => {
    const archive = openArchive(join(dir, 'a', 'b', 'archive.sqlite'));
    const first = await archive.saveJobsPage(
      [job('j-2', T0 + 2, { status: 'pending', completedAt: null }), job('j-1', T0 + 1)],
      checkpoint({ backfillCursor: 'j-1' }),
    );
    expect(first).toEqual({ inserted: 2, updated: 0 });
    const again = await archive.saveJobsPage(
      [job('j-3', T0 + 3), job('j-2', T0 + 2), job('j-1', T0 + 1)],
      checkpoint({ newestJobId: 'j-3', newestStartedAt: T0 + 3 }),
    );
    expect(again).toEqual({ inserted: 1, updated: 1 });
    expect(await archive.getCheckpoint('acme', 7)).toMatchObject({
      newestJobId: 'j-3',
      backfillCursor: null,
    });
    expect(await archive.pendingJobs('acme')).toEqual([]);
    const refs = [job('j-1', T0 + 1), job('j-4', T0 + 2), job('j-3', T0 + 3)];
    expect(await archive.existingJobIds('acme', 7, refs)).toEqual(new Set(['j-1', 'j-3']));
    expect(await archive.countRecipeJobsSince('acme', 7, T0 + 2)).toBe(2);
    await archive.close();
  });

  it('reads jobs in account, start, id order over a half-open window, in chunks', async () => {
    const archive = openArchive(':memory:');
    const many = Array.from({ length: 4500 }, (_, i) =>
      job(`j-${String(i).padStart(5, '0')}`, T0 + (i % 1500), {
        accountKey: i % 2 === 0 ? 'b' : 'a',
        recipeId: 7 + (i % 5),
        status: i % 10 === 0 ? 'failed' : 'succeeded',
      }),
    );
    await archive.saveJobsPage(many, checkpoint());
    const seen: JobRecord[] = [];
    for await (const j of archive.iterateJobs({ since: T0 + 100, until: T0 + 1400 })) seen.push(j);
    const expected = many
      .filter((j) => j.startedAt >= T0 + 100 && j.startedAt < T0 + 1400)
      .sort(
        (x, y) =>
          x.accountKey.localeCompare(y.accountKey) ||
          x.startedAt - y.startedAt ||
          x.id.localeCompare(y.id),
      );
    expect(seen.map((j) => j.id)).toEqual(expected.map((j) => j.id));
    expect(seen.length).toBeGreaterThan(2000);
    const ofRecipe: JobRecord[] = [];
    for await (const j of archive.iterateJobs({ recipeIds: [9], statuses: ['succeeded'] })) {
      ofRecipe.push(j);
    }
    expect(ofRecipe.map((j) => j.id)).toEqual(
      many
        .filter((j) => j.recipeId === 9 && j.status === 'succeeded')
        .sort(
          (x, y) =>
            x.accountKey.localeCompare(y.accountKey) ||
            x.startedAt - y.startedAt ||
            x.id.localeCompare(y.id),
        )
        .map((j) => j.id),
    );
    expect(await archive.countJobs({ accounts: ['a'], statuses: ['failed'] })).toBe(0);
    expect(await archive.countJobs({ accounts: ['b'], statuses: ['failed'] })).toBe(450);
    await archive.close();
  });

  it('records recipe state changes once each and marks recipes gone from a listing', async () => {
    const archive = openArchive(':memory:');
    await archive.saveRecipes('acme', [recipe(), recipe({ id: 8, running: false })], T0);
    await archive.saveRecipes('acme', [recipe(), recipe({ id: 8, running: false })], T0 + 1);
    const stoppedAt = T0 + 500;
    await archive.saveRecipes(
      'acme',
      [recipe({ running: false, stoppedAt, stopCause: 'trigger_errors_limit', versionNo: 4 })],
      T0 + 1000,
    );
    await archive.saveRecipes('acme', [recipe({ running: true, versionNo: 4 })], T0 + 2000);
    const history = await archive.recipeHistory('acme', 7);
    expect(history.map((h) => [h.event, h.at, h.stopCause, h.versionNo])).toEqual([
      ['created', T0 - 86_400_000, null, 3],
      ['stopped', stoppedAt, 'trigger_errors_limit', 4],
      ['version', T0 + 1000, null, 4],
      ['started', T0 + 2000, null, null],
    ]);
    const recipes = await archive.listRecipes(['acme']);
    expect(recipes.find((r) => r.id === 8)?.deletedAt).toBe(T0 + 1000);
    expect(recipes.find((r) => r.id === 7)).toMatchObject({ running: true, deletedAt: null });
    await archive.close();
  });

  it('keeps one usage snapshot per day and a run log with the last success', async () => {
    const archive = openArchive(':memory:');
    const snap = { accountKey: 'acme', recipeId: 7, date: '2026-01-10', lifetimeTaskCount: 5 };
    await archive.saveRecipeUsage([
      { ...snap, takenAt: T0, jobSucceededCount: 1, jobFailedCount: 0 },
    ]);
    await archive.saveRecipeUsage([
      { ...snap, takenAt: T0 + 9, jobSucceededCount: 2, jobFailedCount: 0 },
    ]);
    const usage = await archive.listRecipeUsage(undefined, '2026-01-01', '2026-01-10');
    expect(usage).toEqual([{ ...snap, takenAt: T0 + 9, jobSucceededCount: 2, jobFailedCount: 0 }]);

    await archive.upsertAccount({
      key: 'acme',
      name: 'ACME',
      kind: 'workspace',
      workspaceId: 1,
      externalId: null,
      parentKey: null,
      baseUrl: 'http://127.0.0.1:1',
      dataSource: 'sandbox',
      planId: null,
      timeZone: null,
      billingPeriodStart: null,
      billingPeriodEnd: null,
      taskLimit: null,
      taskCount: null,
      transactionsLimit: null,
    });
    const outcome = {
      accountKey: 'acme',
      recipes: 1,
      newJobs: 2,
      updatedJobs: 0,
      connections: 0,
      requests: 4,
      startedAt: T0,
    };
    const run1 = await archive.beginRun(T0);
    await archive.recordAccountOutcome(run1, {
      ...outcome,
      ok: true,
      error: null,
      endedAt: T0 + 5,
    });
    const run2 = await archive.beginRun(T0 + 10);
    await archive.recordAccountOutcome(run2, {
      ...outcome,
      ok: false,
      error: 'HTTP 401',
      endedAt: T0 + 15,
    });
    await archive.endRun(run2, T0 + 16);
    expect(await archive.lastSuccessfulSync()).toEqual(new Map([['acme', T0 + 5]]));
    expect(await archive.runOutcomes(run2)).toMatchObject([{ ok: false, error: 'HTTP 401' }]);
    await archive.close();
  });

  it('finds the archive from --db, RECIPE_OPS_DB, XDG_DATA_HOME or ~/.local/share', () => {
    expect(resolveArchivePath('/x/a.sqlite', { RECIPE_OPS_DB: '/y/b.sqlite' })).toBe('/x/a.sqlite');
    expect(resolveArchivePath(undefined, { RECIPE_OPS_DB: '/y/b.sqlite' })).toBe('/y/b.sqlite');
    expect(resolveArchivePath(undefined, { XDG_DATA_HOME: '/d' })).toBe(
      '/d/recipe-ops/archive.sqlite',
    );
    expect(resolveArchivePath(undefined, {}, '/home/u')).toBe(
      '/home/u/.local/share/recipe-ops/archive.sqlite',
    );
  });
});
