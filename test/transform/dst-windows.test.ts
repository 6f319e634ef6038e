/**
 * DST days: a window of one local day is 23 hours (Europe/Berlin, 2026-03-29) or 25 hours
 * (America/New_York, 2026-11-01), and the rows are exactly the jobs started in it — checked
 * against the sandbox's own jobs, with jobs in the hours a UTC day would wrongly add or drop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildReports } from '../../src/transform/build-reports.js';
import type { ReportKind, ReportQuery } from '../../src/transform/report-query.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
} from '../../src/transform/report-query.js';
import type { ReportWindow } from '../../src/transform/window.js';
import { parseWindow } from '../../src/transform/window.js';
import { collect, jobsIn } from './expected-from-world.js';
import type { SyncedSandbox } from './sandbox-archive.js';
import { syncedSandbox } from './sandbox-archive.js';

const HOUR = 3_600_000;

const cases = [
  {
    zone: 'Europe/Berlin',
    date: '2026-03-29',
    next: '2026-03-30',
    after: '2026-03-31',
    now: '2026-03-31T06:00:00.000Z',
    hours: 23,
    // UTC instants of local midnight on either side
    since: Date.UTC(2026, 2, 28, 23),
    until: Date.UTC(2026, 2, 29, 22),
  },
  {
    zone: 'America/New_York',
    date: '2026-11-01',
    next: '2026-11-02',
    after: '2026-11-03',
    now: '2026-11-03T06:00:00.000Z',
    hours: 25,
    since: Date.UTC(2026, 10, 1, 4),
    until: Date.UTC(2026, 10, 2, 5),
  },
];

async function rowsOf(fleet: SyncedSandbox, kind: ReportKind, window: ReportWindow) {
  const query: ReportQuery = {
    window,
    timeZone: window.timeZone,
    lowRemainingShare: DEFAULT_LOW_REMAINING_SHARE,
    lowActivity: DEFAULT_LOW_ACTIVITY,
  };
  const [report] = await buildReports(fleet.archive, [kind], query);
  if (!report) throw new Error('no report');
  return collect(report);
}

describe.each(cases)('the $date DST day in $zone', (c) => {
  let fleet: SyncedSandbox;

  beforeAll(async () => {
    fleet = await syncedSandbox({
      seed: 77,
      accounts: 1,
      recipesPerAccount: 6,
      days: 5,
      jobsPerRecipePerDay: 48,
      now: c.now,
      rateLimit: false,
    });
    expect((await fleet.sync()).failed).toEqual([]);
  });

  afterAll(async () => {
    await fleet.close();
  });

  it(`is ${c.hours} hours long and holds exactly the jobs started in it`, async () => {
    const window = parseWindow(c.date, c.next, c.zone);
    expect([window.since, window.until]).toEqual([c.since, c.until]);
    expect(window.until - window.since).toBe(c.hours * HOUR);
    const world = fleet.sandbox.world();
    const expected = jobsIn(world, c.since, c.until).map((j) => j.job.id);
    // jobs a naive UTC day would have mixed up exist on both sides of the boundaries
    const utcDay = Date.parse(`${c.date}T00:00:00Z`);
    const differ = jobsIn(
      world,
      Math.min(utcDay, c.since),
      Math.max(utcDay + 24 * HOUR, c.until),
    ).filter(
      (j) =>
        (j.startedAt >= c.since && j.startedAt < c.until) !==
        (j.startedAt >= utcDay && j.startedAt < utcDay + 24 * HOUR),
    );
    expect(differ.length).toBeGreaterThan(0);

    const rows = await rowsOf(fleet, 'job-history', window);
    expect(rows.map((r) => r[4])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
  });

  it('puts the same jobs on that local date in transaction-usage-by-recipe', async () => {
    const window = parseWindow(c.date, c.next, c.zone);
    const rows = await rowsOf(fleet, 'transaction-usage-by-recipe', window);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([c.date]));
    const total = rows.reduce((sum, r) => sum + Number(r[5]), 0);
    expect(total).toBe(jobsIn(fleet.sandbox.world(), c.since, c.until).length);
  });

  it('splits a two-day window at local midnight', async () => {
    const window = parseWindow(c.date, c.after, c.zone);
    const rows = await rowsOf(fleet, 'transaction-usage-by-recipe', window);
    const onDay = rows.filter((r) => r[0] === c.date).reduce((sum, r) => sum + Number(r[5]), 0);
    expect(onDay).toBe(jobsIn(fleet.sandbox.world(), c.since, c.until).length);
    expect(rows.some((r) => r[0] === c.next)).toBe(true);
  });
});
