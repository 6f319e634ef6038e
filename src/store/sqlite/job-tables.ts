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

export interface PageWritten {
  inserted: number;
  updated: number;
}

export class JobTables {
  private readonly insertJob: Statement;
  private readonly upsertCheckpoint: Statement;
  private readonly rangeIds: Statement;

  constructor(private readonly db: Database) {
    // Positional parameters (cheaper to bind than named ones, per job). A job seen again only
    // counts as updated when something about it changed.
    this.insertJob = db.prepare(
      `INSERT INTO jobs (${JOB_COLUMNS.join(', ')}) ` +
        `VALUES (${JOB_COLUMNS.map(() => '?').join(', ')}) ` +
        rows.upsertClause(JOB_KEY, JOB_COLUMNS) +
        ' WHERE ' +
        JOB_COLUMNS.filter((c) => !JOB_KEY.includes(c))
          .map((c) => `jobs.${c} IS NOT excluded.${c}`)
          .join(' OR '),
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

  /** Writes a page and moves its checkpoint; the caller holds the transaction. */
  writePage(jobs: readonly JobRecord[], checkpoint: JobCheckpoint): PageWritten {
    const present = new Set<string>();
    for (const recipeId of new Set(jobs.map((j) => j.recipeId))) {
      const ofRecipe = jobs.filter((j) => j.recipeId === recipeId);
      for (const id of this.presentIds(checkpoint.accountKey, recipeId, ofRecipe)) {
        present.add(id);
      }
    }
    let updated = 0;
    for (const j of jobs) {
      const changed =
        this.insertJob.run(
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
        ).changes > 0;
      if (present.has(j.id) && changed) updated += 1;
    }
    this.upsertCheckpoint.run(rows.checkpointToRow(checkpoint));
    return { inserted: jobs.filter((j) => !present.has(j.id)).length, updated };
  }

  getCheckpoint(accountKey: string, recipeId: number): JobCheckpoint | null {
    const found = this.db
      .prepare('SELECT * FROM checkpoints WHERE account_key = ? AND recipe_id = ?')
      .get(accountKey, recipeId) as SqlRow | undefined;
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
    return (this.db.prepare(sql).all(...params) as SqlRow[])
      .map(rows.rowToJob)
      .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  hasJob(accountKey: string, recipeId: number, jobId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM jobs WHERE account_key = ? AND id = ? AND recipe_id = ?')
        .get(accountKey, jobId, recipeId) !== undefined
    );
  }

  countRecipeJobsSince(accountKey: string, recipeId: number, since: number) {
    const found = this.db
      .prepare(
        'SELECT count(*) AS n FROM jobs ' +
          'WHERE account_key = ? AND recipe_id = ? AND started_at >= ?',
      )
      .get(accountKey, recipeId, since) as { n: number };
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
