/**
 * Conversions between archive records and SQLite rows (snake_case columns, booleans as 0/1,
 * string lists and recipe config as JSON text).
 */
import type { JobStatus } from '../../extract/workato/schemas.js';
import type {
  AccountRecord,
  AccountSyncOutcome,
  ConnectionRecord,
  JobCheckpoint,
  JobRecord,
  RecipeRecord,
} from '../archive.js';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

const str = (value: SqlValue | undefined): string => String(value ?? '');
const num = (value: SqlValue | undefined): number => Number(value ?? 0);
const numOrNull = (value: SqlValue | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);
const strOrNull = (value: SqlValue | undefined): string | null =>
  value === null || value === undefined ? null : String(value);
const bit = (value: boolean): number => (value ? 1 : 0);

export function accountToRow(a: AccountRecord): SqlRow {
  return {
    key: a.key,
    name: a.name,
    kind: a.kind,
    workspace_id: a.workspaceId,
    external_id: a.externalId,
    parent_key: a.parentKey,
    base_url: a.baseUrl,
    data_source: a.dataSource,
    plan_id: a.planId,
    time_zone: a.timeZone,
    billing_period_start: a.billingPeriodStart,
    billing_period_end: a.billingPeriodEnd,
    task_limit: a.taskLimit,
    task_limit_adjustment: a.taskLimitAdjustment ?? null,
    task_count: a.taskCount,
    transactions_limit: a.transactionsLimit,
  };
}

export function rowToAccount(r: SqlRow): AccountRecord {
  return {
    key: str(r.key),
    name: str(r.name),
    kind: r.kind === 'customer' ? 'customer' : 'workspace',
    workspaceId: numOrNull(r.workspace_id),
    externalId: strOrNull(r.external_id),
    parentKey: strOrNull(r.parent_key),
    baseUrl: str(r.base_url),
    dataSource: r.data_source === 'live' ? 'live' : 'sandbox',
    planId: strOrNull(r.plan_id),
    timeZone: strOrNull(r.time_zone),
    billingPeriodStart: numOrNull(r.billing_period_start),
    billingPeriodEnd: numOrNull(r.billing_period_end),
    taskLimit: numOrNull(r.task_limit),
    taskLimitAdjustment: numOrNull(r.task_limit_adjustment),
    taskCount: numOrNull(r.task_count),
    transactionsLimit: numOrNull(r.transactions_limit),
  };
}

export function recipeToRow(r: RecipeRecord): SqlRow {
  return {
    account_key: r.accountKey,
    id: r.id,
    name: r.name,
    folder_id: r.folderId,
    running: bit(r.running),
    trigger_application: r.triggerApplication,
    action_applications: JSON.stringify(r.actionApplications),
    config: JSON.stringify(r.config),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    last_run_at: r.lastRunAt,
    stopped_at: r.stoppedAt,
    stop_cause: r.stopCause,
    version_no: r.versionNo,
    job_succeeded_count: r.jobSucceededCount,
    job_failed_count: r.jobFailedCount,
    lifetime_task_count: r.lifetimeTaskCount,
  };
}

export function rowToRecipe(r: SqlRow): RecipeRecord {
  return {
    accountKey: str(r.account_key),
    id: num(r.id),
    name: str(r.name),
    folderId: numOrNull(r.folder_id),
    running: r.running === 1,
    triggerApplication: strOrNull(r.trigger_application),
    actionApplications: JSON.parse(str(r.action_applications)) as string[],
    config: JSON.parse(str(r.config)) as RecipeRecord['config'],
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    lastRunAt: numOrNull(r.last_run_at),
    stoppedAt: numOrNull(r.stopped_at),
    stopCause: strOrNull(r.stop_cause),
    versionNo: numOrNull(r.version_no),
    jobSucceededCount: num(r.job_succeeded_count),
    jobFailedCount: num(r.job_failed_count),
    lifetimeTaskCount: numOrNull(r.lifetime_task_count),
    deletedAt: numOrNull(r.deleted_at),
  };
}

export function jobToRow(j: JobRecord): SqlRow {
  return {
    account_key: j.accountKey,
    id: j.id,
    recipe_id: j.recipeId,
    status: j.status,
    started_at: j.startedAt,
    completed_at: j.completedAt,
    is_poll_error: bit(j.isPollError),
    is_repeat: j.isRepeat === null ? null : bit(j.isRepeat),
    error: j.error,
    title: j.title,
  };
}

export function rowToJob(r: SqlRow): JobRecord {
  return {
    accountKey: str(r.account_key),
    recipeId: num(r.recipe_id),
    id: str(r.id),
    status: str(r.status) as JobStatus,
    startedAt: num(r.started_at),
    completedAt: numOrNull(r.completed_at),
    isPollError: r.is_poll_error === 1,
    isRepeat: r.is_repeat === null || r.is_repeat === undefined ? null : r.is_repeat === 1,
    error: strOrNull(r.error),
    title: strOrNull(r.title),
  };
}

/** The job columns in the order `jobFromColumns` reads them (for raw, array-valued reads). */
export const JOB_COLUMNS = [
  'account_key',
  'recipe_id',
  'id',
  'status',
  'started_at',
  'completed_at',
  'is_poll_error',
  'is_repeat',
  'error',
  'title',
] as const;

/** rowToJob for a row read as an array of JOB_COLUMNS (better-sqlite3's raw mode). */
export function jobFromColumns(r: readonly SqlValue[]): JobRecord {
  const isRepeat = r[7];
  return {
    accountKey: str(r[0]),
    recipeId: num(r[1]),
    id: str(r[2]),
    status: str(r[3]) as JobStatus,
    startedAt: num(r[4]),
    completedAt: numOrNull(r[5]),
    isPollError: r[6] === 1,
    isRepeat: isRepeat === null || isRepeat === undefined ? null : isRepeat === 1,
    error: strOrNull(r[8]),
    title: strOrNull(r[9]),
  };
}

export function connectionToRow(c: ConnectionRecord): SqlRow {
  return {
    account_key: c.accountKey,
    id: c.id,
    application: c.application,
    name: c.name,
    authorization_status: c.authorizationStatus,
    authorized_at: c.authorizedAt,
    authorization_error: c.authorizationError,
    folder_id: c.folderId,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function rowToConnection(r: SqlRow): ConnectionRecord {
  return {
    accountKey: str(r.account_key),
    id: num(r.id),
    application: str(r.application),
    name: str(r.name),
    authorizationStatus: strOrNull(r.authorization_status),
    authorizedAt: numOrNull(r.authorized_at),
    authorizationError: strOrNull(r.authorization_error),
    folderId: numOrNull(r.folder_id),
    createdAt: numOrNull(r.created_at),
    updatedAt: numOrNull(r.updated_at),
  };
}

export function checkpointToRow(c: JobCheckpoint): SqlRow {
  return {
    account_key: c.accountKey,
    recipe_id: c.recipeId,
    newest_job_id: c.newestJobId,
    newest_started_at: c.newestStartedAt,
    backfill_cursor: c.backfillCursor,
    backfill_since: c.backfillSince,
    last_run_at: c.lastRunAt,
    job_succeeded_count: c.jobSucceededCount,
    job_failed_count: c.jobFailedCount,
    walk_top_job_id: c.walkTopJobId ?? null,
    walk_top_started_at: c.walkTopStartedAt ?? null,
  };
}

export function rowToCheckpoint(r: SqlRow): JobCheckpoint {
  return {
    accountKey: str(r.account_key),
    recipeId: num(r.recipe_id),
    newestJobId: strOrNull(r.newest_job_id),
    newestStartedAt: numOrNull(r.newest_started_at),
    backfillCursor: strOrNull(r.backfill_cursor),
    backfillSince: numOrNull(r.backfill_since),
    lastRunAt: numOrNull(r.last_run_at),
    jobSucceededCount: numOrNull(r.job_succeeded_count),
    jobFailedCount: numOrNull(r.job_failed_count),
    walkTopJobId: strOrNull(r.walk_top_job_id),
    walkTopStartedAt: numOrNull(r.walk_top_started_at),
  };
}

export function outcomeToRow(runId: number, o: AccountSyncOutcome): SqlRow {
  return {
    run_id: runId,
    account_key: o.accountKey,
    ok: bit(o.ok),
    error: o.error,
    recipes: o.recipes,
    new_jobs: o.newJobs,
    updated_jobs: o.updatedJobs,
    connections: o.connections,
    requests: o.requests,
    started_at: o.startedAt,
    ended_at: o.endedAt,
  };
}

export function rowToOutcome(r: SqlRow): AccountSyncOutcome {
  return {
    accountKey: str(r.account_key),
    ok: r.ok === 1,
    error: strOrNull(r.error),
    recipes: num(r.recipes),
    newJobs: num(r.new_jobs),
    updatedJobs: num(r.updated_jobs),
    connections: num(r.connections),
    requests: num(r.requests),
    startedAt: num(r.started_at),
    endedAt: num(r.ended_at),
  };
}

/** `INSERT ... (cols) VALUES (@cols)` for a row shape; `conflict` is appended verbatim. */
export function insertSql(table: string, columns: readonly string[], conflict = ''): string {
  const names = columns.join(', ');
  const params = columns.map((c) => `@${c}`).join(', ');
  return `INSERT INTO ${table} (${names}) VALUES (${params}) ${conflict}`.trim();
}

/** `ON CONFLICT (keys) DO UPDATE SET col = excluded.col` for every non-key column. */
export function upsertClause(keys: readonly string[], columns: readonly string[]): string {
  const sets = columns.filter((c) => !keys.includes(c)).map((c) => `${c} = excluded.${c}`);
  return `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
}
