/**
 * transaction-usage-by-recipe: per local day of the window and recipe, the jobs started that day
 * (clipped to the window) by status, and the transactions (tasks) used.
 *
 * `transactions` for day D is the recipe's `lifetime_task_count` in the archive's snapshot
 * dated D minus the one dated D − 1 (snapshots are taken once a day by sync; the difference is
 * what the recipe used between the two). It is blank — never a guessed 0 — when either snapshot
 * is missing, has no counter, or the counter went down.
 *
 * A row is written for each day and recipe with at least one job or a known, non-zero
 * transaction count. Order: date, account key, recipe id. Recipe and folder filters apply;
 * the status filter does not (the columns split jobs by status).
 */
import { DateTime } from 'luxon';

import type { Archive, RecipeRecord } from '../store/archive.js';
import type { Column, Report, Row } from './report.js';
import type { ReportQuery } from './report-query.js';
import { compareText, pairKey, recipeSelected, requireWindow, streamOf } from './report-scope.js';
import { windowDays } from './window.js';

export const TRANSACTION_USAGE_BY_RECIPE_COLUMNS: readonly Column[] = [
  { name: 'date', type: 'date', width: 11 },
  { name: 'account_id', type: 'integer', width: 10 },
  { name: 'account_name', type: 'string', width: 24 },
  { name: 'recipe_id', type: 'integer', width: 10 },
  { name: 'recipe_name', type: 'string', width: 40 },
  { name: 'jobs', type: 'integer', width: 8 },
  { name: 'succeeded', type: 'integer', width: 8 },
  { name: 'failed', type: 'integer', width: 8 },
  { name: 'transactions', type: 'integer', width: 10 },
];

interface Cell {
  date: string;
  accountKey: string;
  recipeId: number;
  jobs: number;
  succeeded: number;
  failed: number;
}

/** Index of the day whose [start, end) holds `ms` (days are sorted and contiguous). */
function dayIndex(days: readonly { start: number; end: number }[], ms: number): number {
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((days[mid]?.start ?? Infinity) <= ms) low = mid;
    else high = mid - 1;
  }
  return low;
}

export async function transactionUsageByRecipeReport(
  archive: Archive,
  query: ReportQuery,
): Promise<Report> {
  const window = requireWindow(query, 'transaction-usage-by-recipe');
  const days = windowDays(window);
  const accounts = await archive.listAccounts(query.accounts);
  const accountByKey = new Map(accounts.map((a) => [a.key, a]));
  const recipes = new Map<string, RecipeRecord>();
  for (const r of await archive.listRecipes(query.accounts))
    recipes.set(pairKey(r.accountKey, r.id), r);
  const selected = (accountKey: string, recipeId: number): boolean => {
    if (!accountByKey.has(accountKey)) return false;
    const recipe = recipes.get(pairKey(accountKey, recipeId));
    if (recipe) return recipeSelected(recipe, query);
    return query.recipeIds === undefined && query.folderIds === undefined;
  };

  const cells = new Map<string, Cell>();
  const cellFor = (date: string, accountKey: string, recipeId: number): Cell => {
    const key = `${date}\u0000${pairKey(accountKey, recipeId)}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { date, accountKey, recipeId, jobs: 0, succeeded: 0, failed: 0 };
      cells.set(key, cell);
    }
    return cell;
  };
  const jobs = archive.iterateJobs({
    accounts: query.accounts,
    recipeIds: query.recipeIds,
    folderIds: query.folderIds,
    since: window.since,
    until: window.until,
  });
  for await (const job of jobs) {
    const day = days[dayIndex(days, job.startedAt)];
    if (!day) continue;
    const cell = cellFor(day.date, job.accountKey, job.recipeId);
    cell.jobs += 1;
    if (job.status === 'succeeded') cell.succeeded += 1;
    else if (job.status === 'failed') cell.failed += 1;
  }

  const first = days[0]?.date ?? '';
  const dayBefore = DateTime.fromISO(first, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? '';
  const lastDate = days[days.length - 1]?.date ?? '';
  const counters = new Map<string, number | null>();
  for (const s of await archive.listRecipeUsage(query.accounts, dayBefore, lastDate)) {
    counters.set(`${s.date}\u0000${pairKey(s.accountKey, s.recipeId)}`, s.lifetimeTaskCount);
  }
  const transactions = (date: string, accountKey: string, recipeId: number): number | null => {
    const previous = DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? '';
    const now = counters.get(`${date}\u0000${pairKey(accountKey, recipeId)}`);
    const before = counters.get(`${previous}\u0000${pairKey(accountKey, recipeId)}`);
    if (now == null || before == null || now < before) return null;
    return now - before;
  };
  const dates = new Set(days.map((d) => d.date));
  for (const key of counters.keys()) {
    const [date = '', accountKey = '', recipeId = ''] = key.split('\u0000');
    if (!dates.has(date) || !selected(accountKey, Number(recipeId))) continue;
    if (transactions(date, accountKey, Number(recipeId)))
      cellFor(date, accountKey, Number(recipeId));
  }

  const ordered = [...cells.values()].sort(
    (a, b) =>
      compareText(a.date, b.date) ||
      compareText(a.accountKey, b.accountKey) ||
      a.recipeId - b.recipeId,
  );
  return {
    name: 'transaction-usage-by-recipe',
    columns: TRANSACTION_USAGE_BY_RECIPE_COLUMNS,
    timeZone: query.timeZone,
    rows: streamOf(
      ordered.map((cell): Row => {
        const account = accountByKey.get(cell.accountKey);
        return [
          cell.date,
          account?.workspaceId ?? null,
          account?.name ?? cell.accountKey,
          cell.recipeId,
          recipes.get(pairKey(cell.accountKey, cell.recipeId))?.name ?? null,
          cell.jobs,
          cell.succeeded,
          cell.failed,
          transactions(cell.date, cell.accountKey, cell.recipeId),
        ];
      }),
    ),
  };
}
