/**
 * The transaction-usage rules on hand-made archive contents: limits (accounts-file override,
 * adjustment), use derived from recipe snapshots for a workspace, the projection, each flag,
 * and per-recipe transactions that stay blank without a usable snapshot pair.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AccountRecord, Archive, JobRecord, RecipeRecord } from '../../src/store/archive.js';
import { openArchive } from '../../src/store/sqlite/sqlite-archive.js';
import { buildReports } from '../../src/transform/build-reports.js';
import type { ReportKind } from '../../src/transform/report-query.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
} from '../../src/transform/report-query.js';
import { effectiveLimit, projectUse } from '../../src/transform/transaction-usage.js';
import { parseWindow } from '../../src/transform/window.js';
import { collect } from './expected-from-world.js';

const DAY = 86_400_000;
const PERIOD_START = Date.UTC(2026, 10, 1);
const PERIOD_END = Date.UTC(2026, 11, 1);
const AS_OF = Date.UTC(2026, 10, 16); // half the period
const window = parseWindow('2026-11-15', '2026-11-16', 'UTC');

function account(key: string, extra: Partial<AccountRecord>): AccountRecord {
  return {
    key,
    name: `Account ${key}`,
    kind: 'customer',
    workspaceId: 100 + key.charCodeAt(0),
    externalId: null,
    parentKey: null,
    baseUrl: 'http://127.0.0.1:1',
    dataSource: 'sandbox',
    planId: 'plan',
    timeZone: null,
    billingPeriodStart: PERIOD_START,
    billingPeriodEnd: PERIOD_END,
    taskLimit: 1000,
    taskCount: 100,
    transactionsLimit: null,
    ...extra,
  };
}

function recipe(accountKey: string, id: number, extra: Partial<RecipeRecord> = {}): RecipeRecord {
  return {
    accountKey,
    id,
    name: `Recipe ${id}`,
    folderId: 1,
    running: true,
    triggerApplication: 'scheduler',
    actionApplications: [],
    config: [],
    createdAt: PERIOD_START - 100 * DAY,
    updatedAt: PERIOD_START - 100 * DAY,
    lastRunAt: null,
    stoppedAt: null,
    stopCause: null,
    versionNo: 1,
    jobSucceededCount: 0,
    jobFailedCount: 0,
    lifetimeTaskCount: 0,
    ...extra,
  };
}

/** `count` jobs spread evenly over [from, to). */
function jobs(accountKey: string, recipeId: number, from: number, to: number, count: number) {
  return Array.from({ length: count }, (_, i): JobRecord => ({
    accountKey,
    recipeId,
    id: `j-${accountKey}-${recipeId}-${from}-${i}`,
    status: i % 5 === 0 ? 'failed' : 'succeeded',
    startedAt: from + Math.floor(((to - from) * i) / count),
    completedAt: null,
    isPollError: false,
    isRepeat: null,
    error: null,
    title: null,
  }));
}

let archive: Archive;

async function save(a: AccountRecord, recipes: RecipeRecord[], list: JobRecord[]) {
  await archive.upsertAccount(a);
  await archive.saveRecipes(a.key, recipes, AS_OF);
  if (list.length > 0) {
    await archive.saveJobsPage(list, {
      accountKey: a.key,
      recipeId: list[0]?.recipeId ?? 0,
      newestJobId: null,
      newestStartedAt: null,
      backfillCursor: null,
      backfillSince: null,
      lastRunAt: null,
      jobSucceededCount: null,
      jobFailedCount: null,
    });
  }
  await archive.saveAccountUsage({
    accountKey: a.key,
    date: '2026-11-16',
    takenAt: AS_OF,
    taskLimit: a.taskLimit,
    taskCount: a.taskCount,
    billingPeriodStart: PERIOD_START,
    billingPeriodEnd: PERIOD_END,
  });
}

async function rows(kind: ReportKind, share = DEFAULT_LOW_REMAINING_SHARE) {
  const [report] = await buildReports(archive, [kind], {
    window,
    timeZone: 'UTC',
    lowRemainingShare: share,
    lowActivity: DEFAULT_LOW_ACTIVITY,
  });
  return report ? collect(report) : [];
}

beforeEach(() => {
  archive = openArchive(':memory:');
});
afterEach(async () => {
  await archive.close();
});

describe('transaction-usage rules', () => {
  it('sets each flag by its rule', async () => {
    const steady = (key: string) => [
      ...jobs(key, 1, window.since - 28 * DAY, window.since, 28 * 20),
      ...jobs(key, 1, window.since, window.until, 20),
    ];
    await save(account('a', { taskCount: 950 }), [recipe('a', 1)], steady('a'));
    await save(account('b', { taskCount: 1000 }), [recipe('b', 1)], steady('b'));
    await save(
      account('c', {}),
      [recipe('c', 1)],
      [
        ...jobs('c', 1, window.since - 28 * DAY, window.since, 28 * 20),
        ...jobs('c', 1, window.since, window.until, 9),
      ],
    );
    await save(account('d', {}), [recipe('d', 1)], steady('d'));
    // quiet account: a trailing pace of 5 a day expects too few jobs to flag
    await save(
      account('e', {}),
      [recipe('e', 1)],
      jobs('e', 1, window.since - 28 * DAY, window.since, 140),
    );
    const flags = (await rows('transaction-usage')).map((r) => [r[1], r[10], r[11], r[12]]);
    expect(flags).toEqual([
      ['Account a', 20, 4, 'low_remaining'],
      ['Account b', 20, 4, 'over_limit'],
      ['Account c', 9, 2, 'low_activity'],
      ['Account d', 20, 4, 'ok'],
      ['Account e', 0, 0, 'ok'],
    ]);
    // a larger share turns d low_remaining too (900 of 1000 left is below 95 %)
    expect((await rows('transaction-usage', 0.95)).map((r) => r[12])).toEqual([
      'low_remaining',
      'over_limit',
      'low_remaining',
      'low_remaining',
      'low_remaining',
    ]);
  });

  it('takes the accounts-file limit first, and projects use at the pace so far', async () => {
    await save(account('a', { transactionsLimit: 400, taskCount: 100 }), [recipe('a', 1)], []);
    const [row] = await rows('transaction-usage');
    // limit 400, used 100, remaining 300, 25 %, half the period gone → 200 projected
    expect(row?.slice(5, 10)).toEqual([400, 100, 300, 25, 200]);
    expect(effectiveLimit(account('x', { taskLimit: 10_000, taskLimitAdjustment: -5000 }))).toBe(
      5000,
    );
    expect(effectiveLimit(account('x', { taskLimit: null }))).toBeNull();
    expect(projectUse(10, PERIOD_START, PERIOD_END, PERIOD_START)).toBeNull();
    expect(projectUse(10, PERIOD_START, PERIOD_END, PERIOD_END + DAY)).toBe(10);
  });

  it('derives a workspace’s use from recipe snapshots, blank without them', async () => {
    const workspace = account('w', { kind: 'workspace', taskLimit: null, taskCount: null });
    await save(
      { ...workspace, transactionsLimit: 5000 },
      [
        recipe('w', 1, { lifetimeTaskCount: 700 }),
        recipe('w', 2, { lifetimeTaskCount: 50, createdAt: PERIOD_START + DAY }),
      ],
      [],
    );
    await archive.saveRecipeUsage([
      {
        accountKey: 'w',
        recipeId: 1,
        date: '2026-10-31',
        takenAt: PERIOD_START - 3_600_000,
        lifetimeTaskCount: 400,
        jobSucceededCount: 0,
        jobFailedCount: 0,
      },
    ]);
    const [row] = await rows('transaction-usage');
    // (700 − 400) + (50 − 0, created in the period)
    expect(row?.slice(5, 8)).toEqual([5000, 350, 4650]);

    const other = account('v', { kind: 'workspace', taskLimit: null, taskCount: null });
    await save(other, [recipe('v', 1, { lifetimeTaskCount: 700 })], []);
    const all = await rows('transaction-usage');
    expect(all[0]?.slice(5, 10)).toEqual([null, null, null, null, null]);
  });
});

describe('transaction-usage-by-recipe transactions', () => {
  it('is the difference of a day’s snapshot and the previous day’s, else blank', async () => {
    await save(
      account('a', {}),
      [recipe('a', 1), recipe('a', 2), recipe('a', 3)],
      [
        ...jobs('a', 1, window.since, window.until, 3),
        ...jobs('a', 2, window.since, window.until, 2),
        ...jobs('a', 3, window.since, window.until, 1),
      ],
    );
    const snap = (recipeId: number, date: string, count: number | null) => ({
      accountKey: 'a',
      recipeId,
      date,
      takenAt: Date.parse(`${date}T01:00:00Z`),
      lifetimeTaskCount: count,
      jobSucceededCount: 0,
      jobFailedCount: 0,
    });
    await archive.saveRecipeUsage([
      snap(1, '2026-11-14', 100),
      snap(1, '2026-11-15', 130),
      snap(2, '2026-11-15', 40), // no snapshot the day before
      snap(3, '2026-11-14', 90),
      snap(3, '2026-11-15', 10), // the counter went down: not a usable pair
    ]);
    const result = await rows('transaction-usage-by-recipe');
    expect(result.map((r) => [r[0], r[3], r[5], r[6], r[7], r[8]])).toEqual([
      ['2026-11-15', 1, 3, 2, 1, 30],
      ['2026-11-15', 2, 2, 1, 1, null],
      ['2026-11-15', 3, 1, 0, 1, null],
    ]);
  });
});
