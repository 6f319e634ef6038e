/**
 * transaction-usage: one row per account (Workato now calls transactions "tasks").
 *
 * - `transactions_limit`: `transactions_limit` from the accounts file when set, else the
 *   customer record's `task_limit` plus its `task_limit_adjustment` (current period), else empty.
 * - `transactions_used`: the customer record's `task_count`; for a workspace without one, the
 *   sum over its recipes of `lifetime_task_count` now minus a snapshot taken in the day before
 *   the period started (0 for recipes created since); empty when any such baseline is missing.
 * - `period_start` / `period_end`: the current billing period as the last sync saw it.
 * - `projected_used_at_period_end`: the pace so far, `used × period length ÷ time elapsed`,
 *   with "now" the time of the account's newest usage snapshot (else its last successful sync),
 *   never the wall clock, so that the same archive gives the same report.
 * - `jobs_in_window` / `failed_in_window`: archived jobs started in the window (recipe and
 *   folder filters apply; the status filter does not).
 * - `flag`, first that applies: `over_limit` (used ≥ limit), `low_remaining` (remaining below
 *   `lowRemainingShare` of the limit, default 10 %), `low_activity` (see activity.ts), `ok`.
 */
import type { AccountRecord, AccountUsageSnapshot, Archive } from '../store/archive.js';
import { trailingExpectation } from './activity.js';
import type { Column, Report, Row } from './report.js';
import type { ReportQuery } from './report-query.js';
import { byAccountKey, requireWindow } from './report-scope.js';
import { usedFromRecipeSnapshots } from './usage-baseline.js';
import type { ReportWindow } from './window.js';

export const TRANSACTION_USAGE_COLUMNS: readonly Column[] = [
  { name: 'account_id', type: 'integer', width: 10 },
  { name: 'account_name', type: 'string', width: 24 },
  { name: 'plan_id', type: 'string', width: 16 },
  { name: 'period_start', type: 'timestamp', width: 20 },
  { name: 'period_end', type: 'timestamp', width: 20 },
  { name: 'transactions_limit', type: 'integer', width: 12 },
  { name: 'transactions_used', type: 'integer', width: 12 },
  { name: 'transactions_remaining', type: 'integer', width: 12 },
  { name: 'percent_used', type: 'number', width: 10 },
  { name: 'projected_used_at_period_end', type: 'integer', width: 12 },
  { name: 'jobs_in_window', type: 'integer', width: 10 },
  { name: 'failed_in_window', type: 'integer', width: 10 },
  { name: 'flag', type: 'string', width: 14 },
];

export const FLAGGED = ['low_remaining', 'over_limit', 'low_activity'] as const;

export function effectiveLimit(account: AccountRecord): number | null {
  if (account.transactionsLimit !== null) return account.transactionsLimit;
  if (account.taskLimit === null) return null;
  return account.taskLimit + (account.taskLimitAdjustment ?? 0);
}

/** `used × period ÷ elapsed`, rounded; null unless all parts are known and time has passed. */
export function projectUse(
  used: number | null,
  periodStart: number | null,
  periodEnd: number | null,
  asOf: number | null,
): number | null {
  if (used === null || periodStart === null || periodEnd === null || asOf === null) return null;
  const elapsed = Math.min(asOf, periodEnd) - periodStart;
  if (elapsed <= 0 || periodEnd <= periodStart) return null;
  return Math.round((used * (periodEnd - periodStart)) / elapsed);
}

export async function transactionUsageReport(
  archive: Archive,
  query: ReportQuery,
): Promise<Report> {
  const window = requireWindow(query, 'transaction-usage');
  const accounts = (await archive.listAccounts(query.accounts)).sort(byAccountKey);
  const keys = accounts.map((a) => a.key);
  const snapshots = await archive.listAccountUsage(keys);
  const lastSync = await archive.lastSuccessfulSync(keys);
  const newestSnapshot = new Map<string, AccountUsageSnapshot>();
  for (const s of snapshots) {
    const seen = newestSnapshot.get(s.accountKey);
    if (!seen || s.takenAt > seen.takenAt) newestSnapshot.set(s.accountKey, s);
  }

  async function toRow(account: AccountRecord): Promise<Row> {
    const limit = effectiveLimit(account);
    const used = account.taskCount ?? (await usedFromRecipeSnapshots(archive, account));
    const remaining = limit !== null && used !== null ? limit - used : null;
    const percent =
      limit !== null && used !== null && limit > 0 ? Math.round((used / limit) * 1e4) / 100 : null;
    const asOf = newestSnapshot.get(account.key)?.takenAt ?? lastSync.get(account.key) ?? null;
    const jobs = await countInWindow(archive, account.key, window, query, false);
    const failed = await countInWindow(archive, account.key, window, query, true);
    const expected = await trailingExpectation(archive, account.key, window, query);
    let flag = 'ok';
    if (limit !== null && used !== null && used >= limit) flag = 'over_limit';
    else if (limit !== null && remaining !== null && remaining < limit * query.lowRemainingShare) {
      flag = 'low_remaining';
    } else if (
      expected !== null &&
      expected >= query.lowActivity.minExpectedJobs &&
      jobs < expected * query.lowActivity.ratio
    ) {
      flag = 'low_activity';
    }
    return [
      account.workspaceId,
      account.name,
      account.planId,
      account.billingPeriodStart,
      account.billingPeriodEnd,
      limit,
      used,
      remaining,
      percent,
      projectUse(used, account.billingPeriodStart, account.billingPeriodEnd, asOf),
      jobs,
      failed,
      flag,
    ];
  }

  return {
    name: 'transaction-usage',
    columns: TRANSACTION_USAGE_COLUMNS,
    timeZone: query.timeZone,
    highlight: { column: 'flag', values: FLAGGED },
    rows: (async function* rows(): AsyncGenerator<Row> {
      for (const account of accounts) yield await toRow(account);
    })(),
  };
}

function countInWindow(
  archive: Archive,
  accountKey: string,
  window: ReportWindow,
  query: ReportQuery,
  failedOnly: boolean,
): Promise<number> {
  return archive.countJobs({
    accounts: [accountKey],
    recipeIds: query.recipeIds,
    folderIds: query.folderIds,
    statuses: failedOnly ? ['failed'] : undefined,
    since: window.since,
    until: window.until,
  });
}
