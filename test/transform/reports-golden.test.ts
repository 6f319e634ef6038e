/**
 * Golden tests: a fixed sandbox seed synced into a temporary archive (twice, a day apart, so
 * that recipe usage snapshots form a pair), every report built, and its rows compared value by
 * value with rows computed here from the sandbox's own world data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SandboxWorld } from '../../src/sandbox/index.js';
import { buildReports } from '../../src/transform/build-reports.js';
import { errorType } from '../../src/transform/error-type.js';
import type { ReportKind, ReportQuery } from '../../src/transform/report-query.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
} from '../../src/transform/report-query.js';
import type { ReportWindow } from '../../src/transform/window.js';
import { parseWindow } from '../../src/transform/window.js';
import type { ExpectedRow, Json } from './expected-from-world.js';
import {
  appsWithoutConnection,
  byText,
  collect,
  configConnectionIds,
  customers,
  jobsIn,
  keyOf,
  ms,
} from './expected-from-world.js';
import type { SyncedSandbox } from './sandbox-archive.js';
import { syncedSandbox } from './sandbox-archive.js';

const DAY = 86_400_000;
let fleet: SyncedSandbox;
let before: SandboxWorld; // the world at the first sync
let world: SandboxWorld; // the world at the second sync, a day later
let secondSyncAt: number;

function query(window: ReportWindow | null, extra: Partial<ReportQuery> = {}): ReportQuery {
  return {
    window,
    timeZone: window?.timeZone ?? 'UTC',
    lowRemainingShare: DEFAULT_LOW_REMAINING_SHARE,
    lowActivity: DEFAULT_LOW_ACTIVITY,
    ...extra,
  };
}

async function rowsOf(kind: ReportKind, q: ReportQuery): Promise<unknown[][]> {
  const [report] = await buildReports(fleet.archive, [kind], q);
  if (!report) throw new Error('no report');
  return collect(report);
}

beforeAll(async () => {
  fleet = await syncedSandbox();
  const first = await fleet.sync();
  expect(first.failed).toEqual([]);
  before = fleet.sandbox.world();
  fleet.sandbox.advance(DAY);
  const second = await fleet.sync();
  expect(second.failed).toEqual([]);
  world = fleet.sandbox.world();
  secondSyncAt = Date.parse(world.now);
});

afterAll(async () => {
  await fleet.close();
});

describe('job-history', () => {
  const window = (): ReportWindow => parseWindow('2026-11-20', '2026-11-27', 'Europe/Berlin');

  function expected(w: ReportWindow): ExpectedRow[] {
    return jobsIn(world, w.since, w.until).map(({ customer, recipeId, recipeName, job }) => {
      const started = Date.parse(job.started_at);
      const completed = ms(job.completed_at);
      return [
        customer.info.id,
        customer.info.name,
        recipeId,
        recipeName,
        job.id,
        job.status,
        started,
        completed,
        completed === null ? null : (completed - started) / 1000,
        job.is_poll_error,
        (job.is_repeat as boolean | undefined) ?? null,
        errorType(job.error),
        job.error,
        job.title,
      ];
    });
  }

  it('has one row per job started in the window, equal to the sandbox data', async () => {
    const rows = await rowsOf('job-history', query(window()));
    const want = expected(window());
    expect(want.length).toBeGreaterThan(100);
    expect(rows).toEqual(want);
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(['succeeded', 'failed']));
    // The count sinks check limits against before writing is the number of rows streamed.
    const [report] = await buildReports(fleet.archive, ['job-history'], query(window()));
    expect(report?.rowCount).toBe(want.length);
  });

  it('carries hostile and long text through unchanged', async () => {
    const rows = await rowsOf('job-history', query(window()));
    const text = rows
      .flatMap((r) => [r[1], r[3], r[12], r[13]])
      .filter((v): v is string => typeof v === 'string');
    expect(text.some((t) => /^[=+\-@]/.test(t))).toBe(true);
    expect(text.some((t) => t.includes('\n'))).toBe(true);
    expect(text.some((t) => t.includes('"'))).toBe(true);
    expect(text.some((t) => /[^ -~\s]/.test(t))).toBe(true);
    const longest = Math.max(...rows.map((r) => (typeof r[12] === 'string' ? r[12].length : 0)));
    expect(longest).toBeGreaterThanOrEqual(40_000);
    // the 40,000-character errors are the sandbox's own, character for character
    const long = rows.find((r) => typeof r[12] === 'string' && r[12].length >= 40_000);
    const source = jobsIn(world, window().since, window().until).find(
      (j) => j.job.id === long?.[4],
    );
    expect(long?.[12]).toBe(source?.job.error);
  });

  it('applies the account, recipe, folder and status filters', async () => {
    const all = expected(window());
    const [firstCustomer] = customers(world);
    const busiest = all.filter((r) => r[0] === firstCustomer?.info.id).at(-1)?.[2];
    const recipe = firstCustomer?.recipes.find((r) => r.id === busiest);
    if (!firstCustomer || !recipe) throw new Error('fleet too small');
    const byAccount = await rowsOf(
      'job-history',
      query(window(), { accounts: [keyOf(firstCustomer)] }),
    );
    expect(byAccount).toEqual(all.filter((r) => r[0] === firstCustomer.info.id));
    const byRecipe = await rowsOf('job-history', query(window(), { recipeIds: [recipe.id] }));
    expect(byRecipe).toEqual(all.filter((r) => r[2] === recipe.id));
    expect(byRecipe.length).toBeGreaterThan(0);
    const inFolder = new Set(
      world.customers.flatMap((c) => c.recipes.filter((r) => r.folderId === recipe.folderId)),
    );
    const byFolder = await rowsOf('job-history', query(window(), { folderIds: [recipe.folderId] }));
    expect(byFolder).toEqual(all.filter((r) => [...inFolder].some((x) => x.id === r[2])));
    const failed = await rowsOf('job-history', query(window(), { statuses: ['failed'] }));
    expect(failed).toEqual(all.filter((r) => r[5] === 'failed'));
    expect(failed.length).toBeGreaterThan(0);
  });

  it('includes a job started exactly at since and excludes one exactly at until', async () => {
    const jobs = jobsIn(world, Date.UTC(2026, 10, 20), Date.UTC(2026, 10, 22));
    const first = jobs[3];
    const last = jobs[jobs.length - 4];
    if (!first || !last) throw new Error('fleet too small');
    const w = parseWindow(
      new Date(first.startedAt).toISOString(),
      new Date(last.startedAt).toISOString(),
      'UTC',
    );
    const ids = (await rowsOf('job-history', query(w))).map((r) => r[4]);
    expect(ids).toContain(first.job.id);
    expect(ids).not.toContain(last.job.id);
    expect(ids).toEqual(jobsIn(world, w.since, w.until).map((j) => j.job.id));
  });
});

describe('transaction-usage', () => {
  it('has one row per account with limits, use, projection and flags from the source', async () => {
    const w = parseWindow('2026-11-24', '2026-12-01', 'UTC');
    const rows = await rowsOf('transaction-usage', query(w));
    const want = customers(world).map((c) => {
      const record = c.customer as Json;
      const limit = Number(record.task_limit) + Number(record.task_limit_adjustment ?? 0);
      const used = Number(record.task_count);
      const start = Date.parse(String(record.current_billing_period_start));
      const end = Date.parse(String(record.current_billing_period_end));
      const mine = (from: number, to: number): typeof jobs =>
        jobs.filter(
          (j) => j.customer.info.id === c.info.id && j.startedAt >= from && j.startedAt < to,
        );
      const jobs = jobsIn(world, w.since - 28 * DAY, w.until);
      const inWindow = mine(w.since, w.until);
      const trailing = mine(w.since - 28 * DAY, w.since).length;
      const expectedJobs = (trailing * 7) / 28;
      const flag =
        used >= limit
          ? 'over_limit'
          : limit - used < limit * 0.1
            ? 'low_remaining'
            : expectedJobs >= 10 && inWindow.length < expectedJobs / 2
              ? 'low_activity'
              : 'ok';
      return [
        c.info.id,
        c.info.name,
        record.plan_id,
        start,
        end,
        limit,
        used,
        limit - used,
        Math.round((used / limit) * 10_000) / 100,
        Math.round((used * (end - start)) / (Math.min(secondSyncAt, end) - start)),
        inWindow.length,
        inWindow.filter((j) => j.job.status === 'failed').length,
        flag,
      ];
    });
    expect(rows).toEqual(want);
    expect(rows.length).toBe(world.customers.length);
  });

  it('flags low_remaining and over_limit against the configured share', async () => {
    const w = parseWindow('2026-11-24', '2026-12-01', 'UTC');
    const share = (r: unknown[]): number => Number(r[7]) / Number(r[5]);
    const base = await rowsOf('transaction-usage', query(w));
    const highest = Math.max(...base.map(share));
    // a share above every account's remaining share flags them all
    const flagged = await rowsOf(
      'transaction-usage',
      query(w, { lowRemainingShare: highest + 0.01 }),
    );
    expect(flagged.map((r) => r[12])).toEqual(
      base.map((r) => (Number(r[7]) <= 0 ? 'over_limit' : 'low_remaining')),
    );
  });
});

describe('transaction-usage-by-recipe', () => {
  it('counts jobs per local day; transactions from snapshot pairs, else blank', async () => {
    const w = parseWindow('2026-11-30', '2026-12-02', 'UTC');
    const rows = await rowsOf('transaction-usage-by-recipe', query(w));
    const lifetime = (source: SandboxWorld, accountId: number, recipeId: number): number | null => {
      const customer = source.customers.find((c) => c.info.id === accountId);
      const recipe = customer?.recipes.find((r) => r.id === recipeId);
      const value = recipe?.json.lifetime_task_count;
      return typeof value === 'number' ? value : null;
    };
    const want: ExpectedRow[] = [];
    for (const date of ['2026-11-30', '2026-12-01']) {
      const from = Date.parse(`${date}T00:00:00Z`);
      for (const c of customers(world)) {
        for (const recipe of [...c.recipes].sort((a, b) => a.id - b.id)) {
          const jobs = jobsIn(world, from, from + DAY).filter(
            (j) => j.customer.info.id === c.info.id && j.recipeId === recipe.id,
          );
          // snapshots: the first sync's on 2026-11-30, the second's on 2026-12-01
          const transactions =
            date === '2026-12-01'
              ? (lifetime(world, c.info.id, recipe.id) ?? 0) -
                (lifetime(before, c.info.id, recipe.id) ?? 0)
              : null;
          if (jobs.length === 0 && !transactions) continue;
          want.push([
            date,
            c.info.id,
            c.info.name,
            recipe.id,
            recipe.name,
            jobs.length,
            jobs.filter((j) => j.job.status === 'succeeded').length,
            jobs.filter((j) => j.job.status === 'failed').length,
            transactions,
          ]);
        }
      }
    }
    expect(rows).toEqual(want);
    expect(rows.some((r) => r[0] === '2026-11-30' && r[8] === null)).toBe(true);
    expect(rows.some((r) => r[0] === '2026-12-01' && typeof r[8] === 'number' && r[8] > 0)).toBe(
      true,
    );
  });
});

describe('recipe-inventory', () => {
  it('has one row per recipe as the sandbox serves it', async () => {
    const rows = await rowsOf('recipe-inventory', query(null));
    const want = customers(world).flatMap((c) =>
      [...c.recipes]
        .sort((a, b) => a.id - b.id)
        .map(({ json: r }) => {
          const ids = configConnectionIds(r);
          const actions = r.action_applications as string[];
          return [
            c.info.id,
            c.info.name,
            r.id,
            r.name,
            r.folder_id,
            r.running,
            r.trigger_application,
            actions.length > 0 ? actions.join(', ') : null,
            ids.length > 0 ? ids.join(', ') : null,
            ms(r.created_at),
            ms(r.updated_at),
            ms(r.last_run_at),
            ms(r.stopped_at),
            r.stop_cause,
            r.version_no,
            r.job_succeeded_count,
            r.job_failed_count,
            r.lifetime_task_count,
          ];
        }),
    );
    expect(rows).toEqual(want);
    expect(rows.some((r) => r[5] === false && r[13] !== null)).toBe(true);
  });
});

describe('connected-apps', () => {
  it('has one row per connection and per application used without one', async () => {
    const rows = await rowsOf('connected-apps', query(null));
    const want: ExpectedRow[] = [];
    for (const c of customers(world)) {
      const recipes = c.recipes.map((r) => r.json);
      const uses = (pick: (r: Json) => boolean): [number, number, string | null] => {
        const users = recipes.filter(pick);
        const ids = users.map((r) => Number(r.id)).sort((a, b) => a - b);
        return [
          users.length,
          users.filter((r) => r.running === true).length,
          ids.join(', ') || null,
        ];
      };
      const entries: [string, number, ExpectedRow][] = [];
      for (const conn of c.connections) {
        const id = Number(conn.id);
        entries.push([
          String(conn.application ?? conn.provider),
          id,
          [
            c.info.id,
            c.info.name,
            String(conn.application ?? conn.provider),
            id,
            conn.name as string,
            (conn.authorization_status as string | null) ?? null,
            ms(conn.authorized_at),
            (conn.authorization_error as string | null) ?? null,
            ...uses((r) => configConnectionIds(r).includes(id)),
          ],
        ]);
      }
      const apps = new Set(recipes.flatMap(appsWithoutConnection));
      for (const app of apps) {
        entries.push([
          app,
          Number.MAX_SAFE_INTEGER,
          [
            c.info.id,
            c.info.name,
            app,
            null,
            null,
            null,
            null,
            null,
            ...uses((r) => appsWithoutConnection(r).includes(app)),
          ],
        ]);
      }
      entries.sort((a, b) => byText(a[0], b[0]) || a[1] - b[1]);
      want.push(...entries.map((e) => e[2]));
    }
    expect(rows).toEqual(want);
    expect(rows.some((r) => r[3] === null)).toBe(true);
    expect(rows.some((r) => r[5] === 'failed' || r[5] === 'exception')).toBe(true);
  });
});
