/**
 * job-history: one row per job started in the window, streamed from the archive in its order
 * (account key, started_at, job id), so millions of jobs never sit in memory. Recipe names come
 * from the archive's recipes, deleted ones included (their jobs stay archived).
 */
import { mapAsyncIterable } from '../shared/async-iterables.js';
import type { Archive, JobRecord } from '../store/archive.js';
import { errorType } from './error-type.js';
import type { Column, Report, Row } from './report.js';
import type { ReportQuery } from './report-query.js';
import { requireWindow } from './report-scope.js';

export const JOB_HISTORY_COLUMNS: readonly Column[] = [
  { name: 'account_id', type: 'integer', width: 10 },
  { name: 'account_name', type: 'string', width: 24 },
  { name: 'recipe_id', type: 'integer', width: 10 },
  { name: 'recipe_name', type: 'string', width: 40 },
  { name: 'job_id', type: 'string', width: 22 },
  { name: 'status', type: 'string', width: 10 },
  { name: 'started_at', type: 'timestamp', width: 20 },
  { name: 'completed_at', type: 'timestamp', width: 20 },
  { name: 'duration_s', type: 'number', width: 10 },
  { name: 'is_poll_error', type: 'boolean', width: 8 },
  { name: 'is_repeat', type: 'boolean', width: 8 },
  { name: 'error_type', type: 'string', width: 40 },
  { name: 'error', type: 'string', width: 60 },
  { name: 'title', type: 'string', width: 40 },
];

export async function jobHistoryReport(archive: Archive, query: ReportQuery): Promise<Report> {
  const window = requireWindow(query, 'job-history');
  const accounts = await archive.listAccounts(query.accounts);
  const accountById = new Map(accounts.map((a) => [a.key, a]));
  const recipes = await archive.listRecipes(query.accounts);
  // By account, then recipe: a lookup per row then builds no key string.
  const recipeName = new Map<string, Map<number, string>>();
  for (const r of recipes) {
    const names = recipeName.get(r.accountKey) ?? new Map<number, string>();
    names.set(r.id, r.name);
    recipeName.set(r.accountKey, names);
  }
  const filter = {
    accounts: query.accounts,
    recipeIds: query.recipeIds,
    folderIds: query.folderIds,
    statuses: query.statuses,
    since: window.since,
    until: window.until,
  };
  // Counted up front (an indexed COUNT) so that sinks can check limits before writing.
  const rowCount = await archive.countJobs(filter);
  const jobs = archive.iterateJobs(filter);

  function toRow(job: JobRecord): Row {
    const account = accountById.get(job.accountKey);
    return [
      account?.workspaceId ?? null,
      account?.name ?? job.accountKey,
      job.recipeId,
      recipeName.get(job.accountKey)?.get(job.recipeId) ?? null,
      job.id,
      job.status,
      job.startedAt,
      job.completedAt,
      job.completedAt === null ? null : (job.completedAt - job.startedAt) / 1000,
      job.isPollError,
      job.isRepeat,
      errorType(job.error),
      job.error,
      job.title,
    ];
  }

  return {
    name: 'job-history',
    columns: JOB_HISTORY_COLUMNS,
    timeZone: query.timeZone,
    highlight: { column: 'status', values: ['failed'] },
    rowCount,
    rows: mapAsyncIterable(jobs, toRow),
  };
}
