/**
 * Daily usage snapshots: one row per account (or recipe) per day; a later snapshot the same day
 * replaces the earlier one, so the last sync of a day is what that day says.
 */
import type { Database } from 'better-sqlite3';

import type { AccountUsageSnapshot, RecipeUsageSnapshot } from '../archive.js';
import { insertSql, upsertClause } from './rows.js';
import type { SqlRow } from './rows.js';

const ACCOUNT_COLUMNS = [
  'account_key',
  'date',
  'taken_at',
  'task_limit',
  'task_count',
  'billing_period_start',
  'billing_period_end',
];
const RECIPE_COLUMNS = [
  'account_key',
  'recipe_id',
  'date',
  'taken_at',
  'lifetime_task_count',
  'job_succeeded_count',
  'job_failed_count',
];

const numOrNull = (v: SqlRow[string] | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

export class UsageTables {
  constructor(private readonly db: Database) {}

  saveAccountUsage(s: AccountUsageSnapshot): void {
    this.db
      .prepare(
        insertSql(
          'account_usage',
          ACCOUNT_COLUMNS,
          upsertClause(['account_key', 'date'], ACCOUNT_COLUMNS),
        ),
      )
      .run({
        account_key: s.accountKey,
        date: s.date,
        taken_at: s.takenAt,
        task_limit: s.taskLimit,
        task_count: s.taskCount,
        billing_period_start: s.billingPeriodStart,
        billing_period_end: s.billingPeriodEnd,
      });
  }

  saveRecipeUsage(snapshots: readonly RecipeUsageSnapshot[]): void {
    const upsert = this.db.prepare(
      insertSql(
        'recipe_usage',
        RECIPE_COLUMNS,
        upsertClause(['account_key', 'recipe_id', 'date'], RECIPE_COLUMNS),
      ),
    );
    this.db.transaction(() => {
      for (const s of snapshots) {
        upsert.run({
          account_key: s.accountKey,
          recipe_id: s.recipeId,
          date: s.date,
          taken_at: s.takenAt,
          lifetime_task_count: s.lifetimeTaskCount,
          job_succeeded_count: s.jobSucceededCount,
          job_failed_count: s.jobFailedCount,
        });
      }
    })();
  }

  listAccountUsage(accountKeys?: readonly string[]): AccountUsageSnapshot[] {
    const found = this.db
      .prepare('SELECT * FROM account_usage ORDER BY account_key, date')
      .all() as SqlRow[];
    return found
      .map((r) => ({
        accountKey: String(r.account_key),
        date: String(r.date),
        takenAt: Number(r.taken_at),
        taskLimit: numOrNull(r.task_limit),
        taskCount: numOrNull(r.task_count),
        billingPeriodStart: numOrNull(r.billing_period_start),
        billingPeriodEnd: numOrNull(r.billing_period_end),
      }))
      .filter((s) => accountKeys === undefined || accountKeys.includes(s.accountKey));
  }

  /** Snapshots dated fromDate..toDate, both included ('YYYY-MM-DD'). */
  listRecipeUsage(
    accountKeys: readonly string[] | undefined,
    fromDate: string,
    toDate: string,
  ): RecipeUsageSnapshot[] {
    const found = this.db
      .prepare(
        'SELECT * FROM recipe_usage WHERE date >= ? AND date <= ? ' +
          'ORDER BY account_key, recipe_id, date',
      )
      .all(fromDate, toDate) as SqlRow[];
    return found
      .map((r) => ({
        accountKey: String(r.account_key),
        recipeId: Number(r.recipe_id),
        date: String(r.date),
        takenAt: Number(r.taken_at),
        lifetimeTaskCount: numOrNull(r.lifetime_task_count),
        jobSucceededCount: Number(r.job_succeeded_count),
        jobFailedCount: Number(r.job_failed_count),
      }))
      .filter((s) => accountKeys === undefined || accountKeys.includes(s.accountKey));
  }
}
