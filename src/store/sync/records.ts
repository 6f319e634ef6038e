/**
 * API objects (validated by the client) → archive records. Timestamps become epoch ms (UTC).
 */
import type { WorkspaceDetails } from '../../extract/workato/api.js';
import { jobStatusOf } from '../../extract/workato/normalise.js';
import { parseIsoTimestamp } from '../../shared/iso-timestamp.js';
import type { Connection, Job, Recipe } from '../../extract/workato/schemas.js';
import type {
  AccountRecord,
  AccountUsageSnapshot,
  ConnectionRecord,
  JobRecord,
  RecipeRecord,
  RecipeUsageSnapshot,
} from '../archive.js';
import type { SyncTarget } from './types.js';

export function toEpoch(iso: string): number {
  return parseIsoTimestamp(iso);
}

export function toEpochOrNull(iso: string | null | undefined): number | null {
  return iso == null ? null : parseIsoTimestamp(iso);
}

/** 'YYYY-MM-DD' (UTC) of an instant: the day a usage snapshot belongs to. */
export function utcDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function toRecipeRecord(accountKey: string, r: Recipe): RecipeRecord {
  return {
    accountKey,
    id: r.id,
    name: r.name,
    folderId: r.folder_id,
    running: r.running,
    triggerApplication: r.trigger_application,
    actionApplications: r.action_applications,
    config: r.config
      .filter((c) => c.keyword === 'application')
      .map((c) => ({ application: c.provider ?? c.name ?? '', connectionId: c.account_id })),
    createdAt: toEpoch(r.created_at),
    updatedAt: toEpoch(r.updated_at),
    lastRunAt: toEpochOrNull(r.last_run_at),
    stoppedAt: toEpochOrNull(r.stopped_at),
    stopCause: r.stop_cause,
    versionNo: r.version_no,
    jobSucceededCount: r.job_succeeded_count,
    jobFailedCount: r.job_failed_count,
    lifetimeTaskCount: r.lifetime_task_count,
  };
}

export function toJobRecord(accountKey: string, recipeId: number, j: Job): JobRecord {
  return {
    accountKey,
    recipeId,
    id: j.id,
    status: jobStatusOf(j),
    startedAt: toEpoch(j.started_at),
    completedAt: toEpochOrNull(j.completed_at),
    isPollError: j.is_poll_error ?? false,
    isRepeat: j.is_repeat ?? null,
    error: j.error,
    title: j.title,
  };
}

export function toConnectionRecord(accountKey: string, c: Connection): ConnectionRecord {
  return {
    accountKey,
    id: c.id,
    application: c.application ?? c.provider ?? '',
    name: c.name,
    authorizationStatus: c.authorization_status,
    authorizedAt: toEpochOrNull(c.authorized_at),
    authorizationError: c.authorization_error,
    folderId: c.folder_id,
    createdAt: toEpochOrNull(c.created_at),
    updatedAt: toEpochOrNull(c.updated_at),
  };
}

/** The account row and its usage snapshot of the day, from describe() (or the customer record). */
export function toAccountRecord(
  target: SyncTarget,
  details: WorkspaceDetails,
  takenAt: number,
): { account: AccountRecord; usage: AccountUsageSnapshot } {
  const base = {
    key: target.key,
    kind: target.kind,
    parentKey: target.parentKey,
    baseUrl: target.baseUrl,
    dataSource: target.dataSource,
    transactionsLimit: target.transactionsLimit,
  };
  let account: AccountRecord;
  if (details.kind === 'workspace') {
    const w = details.workspace;
    account = {
      ...base,
      name: target.name,
      workspaceId: w.id,
      externalId: null,
      planId: w.plan_id,
      timeZone: null,
      billingPeriodStart: toEpochOrNull(w.current_billing_period_start),
      billingPeriodEnd: toEpochOrNull(w.current_billing_period_end),
      // The developer API reports no task counters (reference §6).
      taskLimit: null,
      taskLimitAdjustment: null,
      taskCount: null,
    };
  } else {
    const c = details.customer;
    account = {
      ...base,
      name: c.name,
      workspaceId: c.id,
      externalId: c.external_id,
      planId: c.plan_id,
      timeZone: c.time_zone,
      billingPeriodStart: toEpochOrNull(c.current_billing_period_start),
      billingPeriodEnd: toEpochOrNull(c.current_billing_period_end),
      taskLimit: c.task_limit,
      taskLimitAdjustment: parseAdjustment(c.task_limit_adjustment),
      taskCount: c.task_count,
    };
  }
  const usage: AccountUsageSnapshot = {
    accountKey: target.key,
    date: utcDate(takenAt),
    takenAt,
    taskLimit: account.taskLimit,
    taskCount: account.taskCount,
    billingPeriodStart: account.billingPeriodStart,
    billingPeriodEnd: account.billingPeriodEnd,
  };
  return { account, usage };
}

export function toRecipeUsage(recipe: RecipeRecord, takenAt: number): RecipeUsageSnapshot {
  return {
    accountKey: recipe.accountKey,
    recipeId: recipe.id,
    date: utcDate(takenAt),
    takenAt,
    lifetimeTaskCount: recipe.lifetimeTaskCount,
    jobSucceededCount: recipe.jobSucceededCount,
    jobFailedCount: recipe.jobFailedCount,
  };
}

/** `task_limit_adjustment` is signed text ("2000", "-500"); anything else: no adjustment. */
function parseAdjustment(text: string | null): number | null {
  if (text === null || !/^[+-]?\d+$/.test(text.trim())) return null;
  return Number(text.trim());
}
