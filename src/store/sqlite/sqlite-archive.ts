/**
 * The Archive on better-sqlite3 (synchronous underneath, asynchronous outside). WAL mode, so
 * reports can read while a sync writes; every batch is one transaction; reads of jobs walk in
 * keyset chunks so memory stays flat however many jobs there are.
 */
/* eslint-disable @typescript-eslint/require-await -- better-sqlite3 is synchronous; the
   interface is asynchronous for a future PostgreSQL implementation. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

import { asyncIterableOf } from '../../shared/async-iterables.js';
import { isInMemoryArchive } from '../archive-path.js';
import type {
  AccountRecord,
  AccountSyncOutcome,
  AccountUsageSnapshot,
  Archive,
  ConnectionRecord,
  JobCheckpoint,
  JobFilter,
  JobRecord,
  RecipeRecord,
  RecipeStateChange,
  RecipeUsageSnapshot,
} from '../archive.js';
import { JobTables } from './job-tables.js';
import type { PageWritten } from './job-tables.js';
import { migrate } from './migrations.js';
import { recipeStateChanges } from './recipe-history.js';
import * as rows from './rows.js';
import type { SqlRow } from './rows.js';
import { UsageTables } from './usage-tables.js';

const RECIPE_COLUMNS = Object.keys(rows.recipeToRow({ actionApplications: [] } as never));

interface QueuedPage {
  jobs: readonly JobRecord[];
  checkpoint: JobCheckpoint;
  resolve: (written: PageWritten) => void;
  reject: (error: unknown) => void;
}

export interface SqliteArchiveOptions {
  /**
   * SQLite page cache of this connection in KiB (default: better-sqlite3's, 16 MB). A
   * connection that only streams reads (the report worker) needs far less.
   */
  pageCacheKiB?: number;
}

export class SqliteArchive implements Archive {
  readonly db: Database;
  private readonly usage: UsageTables;
  private readonly jobs: JobTables;
  private pages: QueuedPage[] = [];

  constructor(
    readonly path: string,
    options: SqliteArchiveOptions = {},
  ) {
    if (!isInMemoryArchive(path)) mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Fewer, larger WAL checkpoints (each one syncs the file): 64 MB of WAL between them.
    this.db.pragma('wal_autocheckpoint = 16384');
    if (options.pageCacheKiB !== undefined) {
      // Negative: a size in KiB rather than a number of pages.
      this.db.pragma(`cache_size = -${Math.max(1, Math.floor(options.pageCacheKiB))}`);
    }
    migrate(this.db);
    this.usage = new UsageTables(this.db);
    this.jobs = new JobTables(this.db);
  }

  async upsertAccount(account: AccountRecord): Promise<void> {
    const row = rows.accountToRow(account);
    const columns = Object.keys(row);
    this.db
      .prepare(rows.insertSql('accounts', columns, rows.upsertClause(['key'], columns)))
      .run(row);
  }

  async listAccounts(keys?: readonly string[]): Promise<AccountRecord[]> {
    const all = this.db.prepare('SELECT * FROM accounts ORDER BY key').all() as SqlRow[];
    return all.map(rows.rowToAccount).filter((a) => keys === undefined || keys.includes(a.key));
  }

  async saveRecipes(
    accountKey: string,
    recipes: readonly RecipeRecord[],
    seenAt: number,
  ): Promise<void> {
    const existing = new Map(
      (this.db.prepare('SELECT * FROM recipes WHERE account_key = ?').all(accountKey) as SqlRow[])
        .map(rows.rowToRecipe)
        .map((r) => [r.id, r]),
    );
    const upsert = this.db.prepare(
      rows.insertSql(
        'recipes',
        [...RECIPE_COLUMNS, 'deleted_at'],
        rows.upsertClause(['account_key', 'id'], [...RECIPE_COLUMNS, 'deleted_at']),
      ),
    );
    const history = this.db.prepare(
      'INSERT INTO recipe_history (account_key, recipe_id, at, event, stop_cause, version_no) ' +
        'VALUES (@accountKey, @recipeId, @at, @event, @stopCause, @versionNo)',
    );
    const markDeleted = this.db.prepare(
      'UPDATE recipes SET deleted_at = ? WHERE account_key = ? AND id = ? AND deleted_at IS NULL',
    );
    this.db.transaction(() => {
      const seen = new Set<number>();
      for (const recipe of recipes) {
        seen.add(recipe.id);
        upsert.run({ ...rows.recipeToRow({ ...recipe, accountKey }), deleted_at: null });
        for (const change of recipeStateChanges(existing.get(recipe.id), recipe, seenAt)) {
          history.run(change);
        }
      }
      for (const id of existing.keys()) {
        if (!seen.has(id)) markDeleted.run(seenAt, accountKey, id);
      }
    })();
  }

  async listRecipes(accountKeys?: readonly string[]): Promise<RecipeRecord[]> {
    const all = this.db.prepare('SELECT * FROM recipes ORDER BY account_key, id').all();
    return (all as SqlRow[])
      .map(rows.rowToRecipe)
      .filter((r) => accountKeys === undefined || accountKeys.includes(r.accountKey));
  }

  async recipeHistory(accountKey: string, recipeId: number): Promise<RecipeStateChange[]> {
    const found = this.db
      .prepare('SELECT * FROM recipe_history WHERE account_key = ? AND recipe_id = ? ORDER BY seq')
      .all(accountKey, recipeId) as SqlRow[];
    return found.map((r) => ({
      accountKey,
      recipeId,
      at: Number(r.at),
      event: r.event as RecipeStateChange['event'],
      stopCause: r.stop_cause === null ? null : String(r.stop_cause),
      versionNo: r.version_no === null ? null : Number(r.version_no),
    }));
  }

  async saveConnections(
    accountKey: string,
    connections: readonly ConnectionRecord[],
  ): Promise<void> {
    const insert = this.db.prepare(
      rows.insertSql('connections', Object.keys(rows.connectionToRow({} as ConnectionRecord))),
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM connections WHERE account_key = ?').run(accountKey);
      for (const c of connections) insert.run(rows.connectionToRow({ ...c, accountKey }));
    })();
  }

  async listConnections(accountKeys?: readonly string[]): Promise<ConnectionRecord[]> {
    const all = this.db.prepare('SELECT * FROM connections ORDER BY account_key, id').all();
    return (all as SqlRow[])
      .map(rows.rowToConnection)
      .filter((c) => accountKeys === undefined || accountKeys.includes(c.accountKey));
  }

  /**
   * Pages handed in during one turn of the event loop are written in one transaction (each
   * with its checkpoint, so atomicity per page holds): fewer commits when many recipes sync.
   */
  saveJobsPage(jobs: readonly JobRecord[], checkpoint: JobCheckpoint): Promise<PageWritten> {
    return new Promise((resolve, reject) => {
      this.pages.push({ jobs, checkpoint, resolve, reject });
      if (this.pages.length === 1) setImmediate(() => this.flushPages());
    });
  }

  async getCheckpoint(accountKey: string, recipeId: number): Promise<JobCheckpoint | null> {
    return this.jobs.getCheckpoint(accountKey, recipeId);
  }

  async saveCheckpoint(checkpoint: JobCheckpoint): Promise<void> {
    this.jobs.saveCheckpoint(checkpoint);
  }

  async pendingJobs(accountKey: string, recipeId?: number): Promise<JobRecord[]> {
    return this.jobs.pendingJobs(accountKey, recipeId);
  }

  async hasJob(accountKey: string, recipeId: number, jobId: string): Promise<boolean> {
    return this.jobs.hasJob(accountKey, recipeId, jobId);
  }

  async existingJobIds(
    accountKey: string,
    recipeId: number,
    jobs: readonly { id: string; startedAt: number }[],
  ): Promise<Set<string>> {
    return this.jobs.presentIds(accountKey, recipeId, jobs);
  }

  async countRecipeJobsSince(accountKey: string, recipeId: number, since: number) {
    return this.jobs.countRecipeJobsSince(accountKey, recipeId, since);
  }

  iterateJobs(filter: JobFilter): AsyncIterable<JobRecord> {
    return asyncIterableOf(this.jobs.iterateJobs(filter));
  }

  async countJobs(filter: JobFilter): Promise<number> {
    return this.jobs.countJobs(filter);
  }

  async saveAccountUsage(snapshot: AccountUsageSnapshot): Promise<void> {
    this.usage.saveAccountUsage(snapshot);
  }

  async saveRecipeUsage(snapshots: readonly RecipeUsageSnapshot[]): Promise<void> {
    this.usage.saveRecipeUsage(snapshots);
  }

  async listAccountUsage(accountKeys?: readonly string[]): Promise<AccountUsageSnapshot[]> {
    return this.usage.listAccountUsage(accountKeys);
  }

  async listRecipeUsage(
    accountKeys: readonly string[] | undefined,
    fromDate: string,
    toDate: string,
  ): Promise<RecipeUsageSnapshot[]> {
    return this.usage.listRecipeUsage(accountKeys, fromDate, toDate);
  }

  async beginRun(startedAt: number): Promise<number> {
    const result = this.db.prepare('INSERT INTO runs (started_at) VALUES (?)').run(startedAt);
    return Number(result.lastInsertRowid);
  }

  async recordAccountOutcome(runId: number, outcome: AccountSyncOutcome): Promise<void> {
    const row = rows.outcomeToRow(runId, outcome);
    const columns = Object.keys(row);
    this.db
      .prepare(
        rows.insertSql(
          'run_accounts',
          columns,
          rows.upsertClause(['run_id', 'account_key'], columns),
        ),
      )
      .run(row);
  }

  async endRun(runId: number, endedAt: number): Promise<void> {
    this.db.prepare('UPDATE runs SET ended_at = ? WHERE id = ?').run(endedAt, runId);
  }

  async runOutcomes(runId: number): Promise<AccountSyncOutcome[]> {
    const found = this.db
      .prepare('SELECT * FROM run_accounts WHERE run_id = ? ORDER BY account_key')
      .all(runId) as SqlRow[];
    return found.map(rows.rowToOutcome);
  }

  async lastSuccessfulSync(accountKeys?: readonly string[]): Promise<Map<string, number | null>> {
    const found = this.db
      .prepare(
        'SELECT a.key AS key, (SELECT max(ended_at) FROM run_accounts o ' +
          'WHERE o.account_key = a.key AND o.ok = 1) AS at FROM accounts a ORDER BY a.key',
      )
      .all() as { key: string; at: number | null }[];
    const result = new Map<string, number | null>();
    for (const key of accountKeys ?? found.map((f) => f.key)) {
      result.set(key, found.find((f) => f.key === key)?.at ?? null);
    }
    return result;
  }

  async close(): Promise<void> {
    this.flushPages();
    if (this.db.open) this.db.close();
  }

  private flushPages(): void {
    const batch = this.pages;
    if (batch.length === 0) return;
    this.pages = [];
    try {
      const written = this.db.transaction(() =>
        batch.map((p) => this.jobs.writePage(p.jobs, p.checkpoint)),
      )();
      batch.forEach((p, i) => p.resolve(written[i] as PageWritten));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}

/** Opens (creating folders and the file if needed) and migrates an archive. */
export function openArchive(path: string, options: SqliteArchiveOptions = {}): SqliteArchive {
  return new SqliteArchive(path, options);
}
