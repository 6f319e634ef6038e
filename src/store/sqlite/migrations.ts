/**
 * The archive's schema as ordered migration steps. `PRAGMA user_version` holds the number of
 * steps applied; opening an archive applies the missing ones in order, each in its own
 * transaction, so an older archive is upgraded in place and keeps its data.
 */
import type { Database } from 'better-sqlite3';

import { ConfigError } from '../../shared/errors.js';

/** Step n (1-based) brings the schema from version n - 1 to n. Never edit a released step. */
export const MIGRATIONS: readonly string[] = [
  // 1: accounts, recipes, jobs, connections, checkpoints, run log.
  `
  CREATE TABLE accounts (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    workspace_id INTEGER,
    external_id TEXT,
    parent_key TEXT,
    base_url TEXT NOT NULL,
    data_source TEXT NOT NULL,
    plan_id TEXT,
    time_zone TEXT,
    billing_period_start INTEGER,
    billing_period_end INTEGER,
    task_limit INTEGER,
    task_count INTEGER,
    transactions_limit INTEGER
  );
  CREATE TABLE recipes (
    account_key TEXT NOT NULL,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    folder_id INTEGER,
    running INTEGER NOT NULL,
    trigger_application TEXT,
    action_applications TEXT NOT NULL,
    config TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_run_at INTEGER,
    stopped_at INTEGER,
    stop_cause TEXT,
    version_no INTEGER,
    job_succeeded_count INTEGER NOT NULL,
    job_failed_count INTEGER NOT NULL,
    lifetime_task_count INTEGER,
    PRIMARY KEY (account_key, id)
  ) WITHOUT ROWID;
  CREATE TABLE jobs (
    account_key TEXT NOT NULL,
    id TEXT NOT NULL,
    recipe_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    completed_at INTEGER,
    is_poll_error INTEGER NOT NULL,
    is_repeat INTEGER,
    error TEXT,
    title TEXT,
    -- Keyed so that a page of one recipe's jobs (consecutive starts) lands in a few adjacent
    -- pages of the file: a key on the random job id alone made every insert a random write.
    -- A job's start never changes, so (recipe, start, id) identifies it as well as its id.
    PRIMARY KEY (account_key, recipe_id, started_at, id)
  ) WITHOUT ROWID;
  CREATE TABLE connections (
    account_key TEXT NOT NULL,
    id INTEGER NOT NULL,
    application TEXT NOT NULL,
    name TEXT NOT NULL,
    authorization_status TEXT,
    authorized_at INTEGER,
    authorization_error TEXT,
    folder_id INTEGER,
    created_at INTEGER,
    updated_at INTEGER,
    PRIMARY KEY (account_key, id)
  ) WITHOUT ROWID;
  CREATE TABLE checkpoints (
    account_key TEXT NOT NULL,
    recipe_id INTEGER NOT NULL,
    newest_job_id TEXT,
    newest_started_at INTEGER,
    backfill_cursor TEXT,
    backfill_since INTEGER,
    last_run_at INTEGER,
    job_succeeded_count INTEGER,
    job_failed_count INTEGER,
    PRIMARY KEY (account_key, recipe_id)
  ) WITHOUT ROWID;
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  `,
  // 2: recipe state history, usage snapshots, per-account run outcomes, walk markers,
  //    deleted recipes, and the indexes reports and the pending re-read use.
  `
  CREATE TABLE recipe_history (
    account_key TEXT NOT NULL,
    recipe_id INTEGER NOT NULL,
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    stop_cause TEXT,
    version_no INTEGER
  );
  CREATE INDEX recipe_history_by_recipe ON recipe_history (account_key, recipe_id, seq);
  CREATE TABLE account_usage (
    account_key TEXT NOT NULL,
    date TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    task_limit INTEGER,
    task_count INTEGER,
    billing_period_start INTEGER,
    billing_period_end INTEGER,
    PRIMARY KEY (account_key, date)
  ) WITHOUT ROWID;
  CREATE TABLE recipe_usage (
    account_key TEXT NOT NULL,
    recipe_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    lifetime_task_count INTEGER,
    job_succeeded_count INTEGER NOT NULL,
    job_failed_count INTEGER NOT NULL,
    PRIMARY KEY (account_key, recipe_id, date)
  ) WITHOUT ROWID;
  CREATE INDEX recipe_usage_by_date ON recipe_usage (date, account_key);
  CREATE TABLE run_accounts (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    account_key TEXT NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    recipes INTEGER NOT NULL,
    new_jobs INTEGER NOT NULL,
    updated_jobs INTEGER NOT NULL,
    connections INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, account_key)
  );
  CREATE INDEX run_accounts_by_account ON run_accounts (account_key, ok, ended_at);
  ALTER TABLE checkpoints ADD COLUMN walk_top_job_id TEXT;
  ALTER TABLE checkpoints ADD COLUMN walk_top_started_at INTEGER;
  ALTER TABLE recipes ADD COLUMN deleted_at INTEGER;
  CREATE INDEX jobs_pending ON jobs (account_key, recipe_id) WHERE status = 'pending';
  `,
  // 3: the customer record's task limit adjustment for the current billing period.
  `
  ALTER TABLE accounts ADD COLUMN task_limit_adjustment INTEGER;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Applies the steps an archive lacks, up to `target` (default: all). Refuses an archive written
 * by a newer recipe-ops, whose schema this code does not know.
 */
export function migrate(db: Database, target: number = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new ConfigError(
      `the archive has schema version ${current}, newer than this recipe-ops knows ` +
        `(${SCHEMA_VERSION}); upgrade recipe-ops or point --db at another archive`,
    );
  }
  for (let version = current + 1; version <= target; version += 1) {
    const step = MIGRATIONS[version - 1];
    if (step === undefined) break;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
