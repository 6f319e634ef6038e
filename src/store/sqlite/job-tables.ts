/**
 * Jobs and their checkpoints. A page of jobs and the checkpoint move are written in one
 * transaction; reads merge each account's recipes in (started_at, id) order (job-merge.ts).
 */
import type { Database, Statement } from 'better-sqlite3';

import type { JobCheckpoint, JobFilter, JobRecord } from '../archive.js';
import { mergedJobs } from './job-merge.js';
import { buildJobQuery } from './job-query.js';
import * as rows from './rows.js';
import type { SqlRow } from './rows.js';

const JOB_COLUMNS = Object.keys(rows.jobToRow({} as JobRecord));
const JOB_KEY = ['account_key', 'recipe_id', 'started_at', 'id'];
const CHECKPOINT_COLUMNS = Object.keys(rows.checkpointToRow({} as JobCheckpoint));

type SqlValue = string | number | null;

/**
 * Appends a job's values in JOB_COLUMNS order (rows.jobToRow's): positional parameters are
 * cheaper to bind than named ones.
 */
function pushJobValues(out: SqlValue[], j: JobRecord): void {
  out.push(
    j.accountKey,
    j.id,
    j.recipeId,
    j.status,
    j.startedAt,
    j.completedAt,
    j.isPollError ? 1 : 0,
    j.isRepeat === null ? null : j.isRepeat ? 1 : 0,
    j.error,
    j.title,
  );
}

/** The jobs key order (account, recipe, start, id). */
function byKey(a: JobRecord, b: JobRecord): number {
  if (a.accountKey !== b.accountKey) return a.accountKey < b.accountKey ? -1 : 1;
  if (a.recipeId !== b.recipeId) return a.recipeId - b.recipeId;
  if (a.startedAt !== b.startedAt) return a.startedAt - b.startedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface PageWritten {
  inserted: number;
  updated: number;
}

/** Rows per multi-row INSERT: 10 parameters each, far below SQLite's 32,766. */
const INSERT_CHUNK = 100;

export class JobTables {
  /** `INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING` by row count (1..INSERT_CHUNK). */
  private readonly insertJobs = new Map<number, Statement>();
  private readonly updateJob: Statement;
  private readonly upsertCheckpoint: Statement;
  private readonly rangeIds: Statement;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    // A job seen again only counts as updated when something about it changed.
    const data = JOB_COLUMNS.filter((c) => !JOB_KEY.includes(c));
    this.updateJob = db.prepare(
      `UPDATE jobs SET ${data.map((c) => `${c} = ?`).join(', ')} ` +
        `WHERE ${JOB_KEY.map((c) => `${c} = ?`).join(' AND ')} ` +
        `AND (${data.map((c) => `${c} IS NOT ?`).join(' OR ')})`,
    );
    this.rangeIds = db.prepare(
      'SELECT id FROM jobs WHERE account_key = ? AND recipe_id = ? AND started_at BETWEEN ? AND ?',
    );
    this.upsertCheckpoint = db.prepare(
      rows.insertSql(
        'checkpoints',
        CHECKPOINT_COLUMNS,
        rows.upsertClause(['account_key', 'recipe_id'], CHECKPOINT_COLUMNS),
      ),
    );
  }

  /**
   * Writes a page and moves its checkpoint; the caller holds the transaction. New jobs go in
   * with multi-row inserts in key order (a newest-first page inserted as it comes would split
   * B-tree pages half empty: a third more file, more pages to commit); only when some were
   * already archived are the rows updated one by one, and those that changed count as updated.
   */
  writePage(jobs: readonly JobRecord[], checkpoint: JobCheckpoint): PageWritten {
    const sorted = [...jobs].sort(byKey);
    let inserted = 0;
    for (let at = 0; at < sorted.length; at += INSERT_CHUNK) {
      const chunk = sorted.slice(at, at + INSERT_CHUNK);
      const params: SqlValue[] = [];
      for (const j of chunk) pushJobValues(params, j);
      inserted += this.insertStatement(chunk.length).run(params).changes;
    }
    let updated = 0;
    if (inserted < sorted.length) {
      for (const j of sorted) {
        const values: SqlValue[] = [];
        pushJobValues(values, j);
        const [accountKey, id, recipeId, status, startedAt, ...rest] = values;
        const data = [status, ...rest];
        const key = [accountKey, recipeId, startedAt, id];
        updated += this.updateJob.run(...data, ...key, ...data).changes;
      }
    }
    this.upsertCheckpoint.run(rows.checkpointToRow(checkpoint));
    return { inserted, updated };
  }

  private insertStatement(count: number): Statement {
    let statement = this.insertJobs.get(count);
    if (statement === undefined) {
      const row = `(${JOB_COLUMNS.map(() => '?').join(', ')})`;
      statement = this.db.prepare(
        `INSERT INTO jobs (${JOB_COLUMNS.join(', ')}) ` +
          `VALUES ${Array.from({ length: count }, () => row).join(', ')} ON CONFLICT DO NOTHING`,
      );
      this.insertJobs.set(count, statement);
    }
    return statement;
  }

  /** A statement prepared once: these run once or more per recipe in every sync. */
  private cached(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  getCheckpoint(accountKey: string, recipeId: number): JobCheckpoint | null {
    const found = this.cached(
      'SELECT * FROM checkpoints WHERE account_key = ? AND recipe_id = ?',
    ).get(accountKey, recipeId) as SqlRow | undefined;
    return found === undefined ? null : rows.rowToCheckpoint(found);
  }

  saveCheckpoint(checkpoint: JobCheckpoint): void {
    this.upsertCheckpoint.run(rows.checkpointToRow(checkpoint));
  }

  pendingJobs(accountKey: string, recipeId?: number): JobRecord[] {
    // The partial index holds only pending jobs: a few rows, whatever the archive's size.
    const sql =
      "SELECT * FROM jobs INDEXED BY jobs_pending WHERE account_key = ? AND status = 'pending'" +
      (recipeId === undefined ? '' : ' AND recipe_id = ?');
    const params = recipeId === undefined ? [accountKey] : [accountKey, recipeId];
    return (this.cached(sql).all(...params) as SqlRow[])
      .map(rows.rowToJob)
      .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  hasJob(accountKey: string, recipeId: number, jobId: string): boolean {
    return (
      this.cached('SELECT 1 FROM jobs WHERE account_key = ? AND id = ? AND recipe_id = ?').get(
        accountKey,
        jobId,
        recipeId,
      ) !== undefined
    );
  }

  countRecipeJobsSince(accountKey: string, recipeId: number, since: number) {
    const found = this.cached(
      'SELECT count(*) AS n FROM jobs ' +
        'WHERE account_key = ? AND recipe_id = ? AND started_at >= ?',
    ).get(accountKey, recipeId, since) as { n: number };
    return found.n;
  }

  iterateJobs(filter: JobFilter): Generator<JobRecord> {
    return mergedJobs(this.db, filter);
  }

  countJobs(filter: JobFilter): number {
    const { where, params } = buildJobQuery(filter);
    const found = this.db
      .prepare(`SELECT count(*) AS n FROM jobs j WHERE ${where}`)
      .get(...params) as { n: number };
    return found.n;
  }

  /** Ids of these jobs of one recipe the archive holds: one range read over their starts. */
  presentIds(
    accountKey: string,
    recipeId: number,
    jobs: readonly { id: string; startedAt: number }[],
  ): Set<string> {
    const present = new Set<string>();
    if (jobs.length === 0) return present;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const j of jobs) {
      lo = Math.min(lo, j.startedAt);
      hi = Math.max(hi, j.startedAt);
    }
    const wanted = new Set(jobs.map((j) => j.id));
    const found = this.rangeIds.all(accountKey, recipeId, lo, hi) as { id: string }[];
    for (const f of found) if (wanted.has(f.id)) present.add(f.id);
    return present;
  }
}
