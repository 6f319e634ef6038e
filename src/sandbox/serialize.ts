/**
 * Renders the model as the Workato API's JSON objects (field names and order as in
 * ../shared/workato-api.md). Derived values (job counts, last run, task usage) are computed
 * from the clock at render time.
 */
import { encodeJobId } from './job-id.js';
import { jobRanges, rangeSize, recipeJobStats, statusAt } from './jobs.js';
import type { JobFacts } from './jobs.js';
import type { ConnectionModel, RecipeModel, WorkspaceModel } from './model.js';

type Json = Record<string, unknown>;

let cachedDay = NaN;
let cachedPrefix = '';

/** ISO-8601 in UTC with milliseconds; the date part is cached (jobs come day by day). */
export function iso(ms: number | null): string | null {
  if (ms === null) return null;
  const day = Math.floor(ms / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const rest = ms - day * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  return `${cachedPrefix}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest % 1000, 3)}Z`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export interface RecipeRenderOptions {
  includeTags?: boolean;
  excludeCode?: boolean;
}

export function recipeJson(
  recipe: RecipeModel,
  now: number,
  options: RecipeRenderOptions = {},
): Json {
  const stats = recipeJobStats(recipe, now);
  const applications = [recipe.triggerApp, ...recipe.actionApps];
  const completed = stats.succeeded + stats.failed;
  const json: Json = {
    id: recipe.id,
    user_id: recipe.workspaceId,
    name: recipe.name,
    created_at: iso(recipe.createdAt),
    updated_at: iso(recipe.updatedAt),
    copy_count: recipe.copyCount,
    trigger_application: recipe.triggerApp,
    action_applications: recipe.actionApps,
    applications,
    description: recipe.description,
    parameters_schema: [],
    parameters: {},
    webhook_url:
      recipe.triggerApp === 'workato_webhooks'
        ? `https://www.workato.com/webhooks/rest/sbx-${recipe.id}/webhook_recipe`
        : null,
    folder_id: recipe.folderId,
    running: recipe.running,
    job_succeeded_count: stats.succeeded,
    job_failed_count: stats.failed,
    lifetime_task_count: completed * recipe.tasksPerJob,
    last_run_at: iso(stats.lastRunAt),
    stopped_at: iso(recipe.stoppedAt),
    version_no: recipe.versionNo,
    stop_cause: recipe.stopCause,
    config: recipe.config,
    trigger_closure: null,
    author_name: recipe.authorName,
    version_author_name: recipe.authorName,
    version_author_email: 'author@sandbox.recipe-ops.example',
    version_comment: null,
  };
  if (!options.excludeCode) json.code = recipeCode(recipe);
  if (options.includeTags) json.tags = recipe.tags;
  return json;
}

function recipeCode(recipe: RecipeModel): string {
  return JSON.stringify({
    number: 0,
    provider: recipe.triggerApp,
    keyword: 'trigger',
    block: recipe.actionApps.map((app, n) => ({ number: n + 1, provider: app, keyword: 'action' })),
  });
}

/**
 * A job as list items render it, as JSON text (the jobs list is the hot path: text avoids
 * building objects only to stringify them). List items carry the documented fields plus
 * status, is_repeat, handle, master_job_id and recipe_id: the reference documents those on the
 * single-job endpoint only; the likeliest reading is one serializer shared by both.
 */
export function jobText(recipe: RecipeModel, job: JobFacts, now: number): string {
  const status = statusAt(job, now);
  const id = encodeJobId(recipe.seed, recipe.id, job.index);
  const done = status !== 'pending';
  const master =
    job.masterIndex === null ? 'null' : `"${encodeJobId(recipe.seed, recipe.id, job.masterIndex)}"`;
  return (
    `{"id":"${id}","flow_run_id":${recipe.id * 1_000_000 + job.index + 1},` +
    `"started_at":"${iso(job.startedAt)}",` +
    `"completed_at":${done ? `"${iso(job.completesAt)}"` : 'null'},` +
    `"title":${JSON.stringify(job.title)},"is_poll_error":${done && job.isPollError},` +
    `"error":${done && job.error !== null ? JSON.stringify(job.error) : 'null'},` +
    `"is_error":${status === 'failed'},"status":"${status}","is_repeat":${job.isRepeat},` +
    `"handle":"${id}","master_job_id":${master},"recipe_id":${recipe.id}}`
  );
}

export function jobJson(recipe: RecipeModel, job: JobFacts, now: number): Json {
  return JSON.parse(jobText(recipe, job, now)) as Json;
}

export function jobDetailJson(recipe: RecipeModel, job: JobFacts, now: number): Json {
  const json = jobJson(recipe, job, now);
  return {
    ...json,
    lines: [],
    is_test: false,
    is_test_case_job: false,
    master_job_handle: json.master_job_id,
    calling_recipe_id: null,
    calling_job_id: null,
    calling_job_handle: null,
  };
}

export function connectionJson(connection: ConnectionModel, embedded: boolean): Json {
  const common = {
    id: connection.id,
    name: connection.name,
    authorization_status: connection.authorizationStatus,
    authorization_error: connection.authorizationError,
    authorized_at: iso(connection.authorizedAt),
    created_at: iso(connection.createdAt),
    updated_at: iso(connection.updatedAt),
    external_id: null,
    folder_id: connection.folderId,
    parent_id: null,
  };
  // The developer API names the connector `application`; the embedded list says `provider`.
  if (embedded) return { ...common, provider: connection.application };
  return {
    application: connection.application,
    ...common,
    description: connection.description,
    connection_lost_at: iso(connection.connectionLostAt),
    connection_lost_reason: connection.connectionLostReason,
  };
}

/** The billing period (monthly, from the workspace's billing day, UTC) that contains `now`. */
export function billingPeriod(billingDay: number, now: number): [number, number] {
  const date = new Date(now);
  let start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), billingDay);
  if (start > now) start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, billingDay);
  const startDate = new Date(start);
  const end = Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth() + 1, billingDay);
  return [start, end];
}

export function workspaceJson(workspace: WorkspaceModel, now: number): Json {
  const [periodStart, periodEnd] = billingPeriod(workspace.billingDay, now);
  return {
    id: workspace.id,
    name: workspace.name,
    created_at: iso(workspace.createdAt),
    plan_id: workspace.planId,
    current_billing_period_start: iso(periodStart),
    current_billing_period_end: iso(periodEnd),
    expert: false,
    avatar_url: null,
    recipes_count: workspace.recipes.length,
    interested_applications: [],
    company_name: null,
    location: null,
    last_seen: iso(now),
    contact_phone: null,
    contact_email: null,
    about_me: null,
    email: workspace.email,
    phone: 'xxxxxxxxxx',
    active_recipes_count: workspace.recipes.filter((r) => r.running).length,
    root_folder_id: workspace.rootFolderId,
  };
}

/** Tasks used in the current billing period: completed jobs since its start × tasks per job. */
export function taskCount(workspace: WorkspaceModel, periodStart: number, now: number): number {
  let tasks = 0;
  for (const recipe of workspace.recipes) {
    const jobs = rangeSize(jobRanges(recipe, now, periodStart));
    tasks += Math.max(0, jobs - recipeJobStats(recipe, now).pending) * recipe.tasksPerJob;
  }
  return tasks;
}

export function customerJson(workspace: WorkspaceModel, now: number): Json {
  const facts = workspace.customer;
  const [periodStart, periodEnd] = billingPeriod(workspace.billingDay, now);
  return {
    id: workspace.id,
    external_id: facts?.externalId ?? null,
    name: workspace.name,
    notification_email: facts?.notificationEmail ?? workspace.email,
    error_notification_emails: null,
    admin_notification_emails: null,
    whitelisted_apps: [],
    plan_id: workspace.planId,
    origin_url: null,
    frame_ancestors: null,
    time_zone: facts?.timeZone ?? 'UTC',
    trial: facts?.trial ?? false,
    in_trial: facts?.inTrial ?? false,
    created_at: iso(workspace.createdAt),
    updated_at: iso(facts?.updatedAt ?? workspace.createdAt),
    current_billing_period_start: iso(periodStart),
    current_billing_period_end: iso(periodEnd),
    billing_start_date: iso(workspace.createdAt),
    task_limit_adjustment: facts?.taskLimitAdjustment ?? null,
    task_limit: facts?.taskLimit ?? null,
    task_count: taskCount(workspace, periodStart, now),
    active_connection_limit: facts?.activeConnectionLimit ?? null,
    active_connection_count: workspace.connections.filter(
      (c) => c.authorizationStatus === 'success',
    ).length,
    active_recipe_count: workspace.recipes.filter((r) => r.running).length,
  };
}
