/**
 * The workspace-level operations behind the routes: list/get/start/stop recipes, list/get jobs,
 * list connections. The same code serves the developer API (a workspace's own token) and the
 * embedded API (`/api/managed_users/:id/...`); only the envelopes differ.
 */
import { decodeJobId } from './job-id.js';
import { indicesAscending, indicesDescending, jobFacts, jobRanges, rangeSize } from './jobs.js';
import { isRepeatJob, recipeJobStats, statusOf } from './jobs.js';
import type { JobStatus } from './jobs.js';
import { NO_CONNECTION_APPS } from './content.js';
import { DAY_MS } from './model.js';
import type { RecipeModel, WorkspaceModel, WorldModel } from './model.js';
import { connectionJson, jobDetailJson, jobText, recipeJson } from './serialize.js';

export interface ApiResponse {
  status: number;
  body: unknown;
  /** The body already serialised (then `body` is unused). */
  text?: string;
  headers?: Record<string, string>;
}

export const NOT_FOUND: ApiResponse = { status: 404, body: { message: 'Not found' } };
export const BAD_REQUEST: ApiResponse = { status: 400, body: { message: 'Bad request' } };

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

export function listRecipes(
  world: WorldModel,
  workspace: WorkspaceModel,
  query: URLSearchParams,
  embedded: boolean,
): ApiResponse {
  const now = world.clock.now;
  const perPage = clamp(intParam(query, 'per_page') ?? 100, 1, 100);
  const page = Math.max(1, intParam(query, 'page') ?? 1);
  const running = boolParam(query, 'running') ?? boolParam(query, 'active');
  const folderId = intParam(query, 'folder_id');
  const sinceId = intParam(query, 'since_id');
  const stopCause = query.get('stop_cause');
  const any = listParam(query, 'adapter_names_any');
  const all = listParam(query, 'adapter_names_all');
  const updatedAfter = timeParam(query, 'updated_after');
  const stoppedAfter = timeParam(query, 'stopped_after');
  if (updatedAfter === undefined || stoppedAfter === undefined) return BAD_REQUEST;
  const matches = workspace.recipes.filter((recipe) => {
    const apps = [recipe.triggerApp, ...recipe.actionApps];
    if (running !== null && recipe.running !== running) return false;
    if (folderId !== null && recipe.folderId !== folderId) return false;
    if (sinceId !== null && recipe.id >= sinceId) return false;
    if (stopCause && recipe.stopCause !== stopCause) return false;
    if (any && !any.some((app) => apps.includes(app))) return false;
    if (all && !all.every((app) => apps.includes(app))) return false;
    if (updatedAfter !== null && recipe.updatedAt <= updatedAfter) return false;
    // As documented: the filter *excludes* recipes stopped after the given time.
    if (stoppedAfter !== null && recipe.stoppedAt !== null && recipe.stoppedAt > stoppedAfter) {
      return false;
    }
    return true;
  });
  matches.sort((a, b) => b.id - a.id);
  if (query.get('order') === 'activity') {
    const last = (r: RecipeModel): number => recipeJobStats(r, now).lastRunAt ?? -Infinity;
    matches.sort((a, b) => last(b) - last(a) || b.id - a.id);
  }
  const options = {
    includeTags: query.getAll('includes[]').includes('tags'),
    excludeCode: boolParam(query, 'exclude_code') === true,
  };
  const items = matches
    .slice((page - 1) * perPage, page * perPage)
    .map((recipe) => recipeJson(recipe, now, options));
  return ok(embedded ? { result: items } : { items });
}

export function getRecipe(world: WorldModel, recipe: RecipeModel, query: URLSearchParams) {
  const includeTags = query.getAll('includes[]').includes('tags');
  return ok(recipeJson(recipe, world.clock.now, { includeTags }));
}

/**
 * Start: a recipe whose config lacks a required connection, or whose code has errors, is not
 * started and the answer is HTTP 200 `success:false` (reference §3.3). Starting a running
 * recipe or stopping a stopped one is an idempotent 200 `success:true` by default (the
 * reference leaves it open); `startStopIdempotent: false` makes it a 400 state-transition error.
 */
export function startRecipe(world: WorldModel, workspace: WorkspaceModel, recipe: RecipeModel) {
  if (recipe.running) return alreadyThere(world, 'Recipe is already running');
  const configErrors = configErrorsOf(workspace, recipe);
  if (configErrors.length > 0 || recipe.codeErrors.length > 0) {
    return ok({ success: false, code_errors: recipe.codeErrors, config_errors: configErrors });
  }
  const now = world.clock.now;
  recipe.running = true;
  recipe.stopCause = null;
  recipe.stoppedAt = null;
  recipe.intervals.push({ from: now, to: Number.POSITIVE_INFINITY });
  return ok({ success: true });
}

export function stopRecipe(world: WorldModel, recipe: RecipeModel) {
  if (!recipe.running) return alreadyThere(world, 'Recipe is already stopped');
  const now = world.clock.now;
  recipe.running = false;
  recipe.stopCause = null;
  recipe.stoppedAt = now;
  const open = recipe.intervals[recipe.intervals.length - 1];
  if (open) open.to = now;
  return ok({ success: true });
}

function alreadyThere(world: WorldModel, message: string): ApiResponse {
  return world.config.startStopIdempotent
    ? ok({ success: true })
    : { status: 400, body: { message } };
}

/** `[[step, [[field, account_id, message, field_path]]]]`, one entry per missing connection. */
export function configErrorsOf(workspace: WorkspaceModel, recipe: RecipeModel): unknown[] {
  const errors: unknown[] = [];
  recipe.config.forEach((entry, step) => {
    const exists = workspace.connections.some((c) => c.id === entry.account_id);
    if (NO_CONNECTION_APPS.has(entry.provider) || exists) return;
    errors.push([
      step,
      [['Connection', entry.account_id, `Connect to ${entry.provider}`, 'account_id']],
    ]);
  });
  return errors;
}

const STATUSES: ReadonlySet<string> = new Set(['succeeded', 'failed', 'pending']);

export function listJobs(world: WorldModel, recipe: RecipeModel, query: URLSearchParams) {
  const { now } = world.clock;
  const status = query.get('status');
  if (status !== null && !STATUSES.has(status)) return BAD_REQUEST;
  const prev = boolParam(query, 'prev') === true;
  const offset = query.get('offset_job_id');
  let cursor: number | null = null;
  if (offset) {
    const ref = decodeJobId(recipe.seed, offset);
    if (!ref || ref.recipeId !== recipe.id) return NOT_FOUND;
    cursor = ref.index;
  }
  const ranges = jobRanges(recipe, now, retentionCutoff(world));
  const rerunOnly = boolParam(query, 'rerun_only') === true;
  const wanted = (i: number): boolean =>
    (status === null || statusOf(recipe, i, now) === status) &&
    (!rerunOnly || isRepeatJob(recipe, i));
  const pageSize = world.config.jobsPageSize;
  const indices: number[] = [];
  // prev=true: the page of jobs just newer than the cursor, served newest first like the rest.
  const walk = prev
    ? indicesAscending(ranges, cursor ?? Number.POSITIVE_INFINITY)
    : indicesDescending(ranges, cursor ?? Number.POSITIVE_INFINITY);
  for (const i of walk) {
    if (indices.length >= pageSize) break;
    if (wanted(i)) indices.push(i);
  }
  if (prev) indices.reverse();
  const stats = recipeJobStats(recipe, now);
  let scope = rangeSize(ranges);
  if (status !== null || rerunOnly) {
    scope = 0;
    for (const i of indicesDescending(ranges, Number.POSITIVE_INFINITY)) if (wanted(i)) scope += 1;
  }
  // job_count: every job of the recipe's lifetime, pending ones included, retention ignored;
  // job_scope_count: the jobs still served that match the filter.
  const head =
    `{"job_succeeded_count":${stats.succeeded},"job_failed_count":${stats.failed},` +
    `"job_count":${stats.succeeded + stats.failed + stats.pending},"job_scope_count":${scope},`;
  const items = indices.map((i) => jobText(recipe, jobFacts(recipe, i), now)).join(',');
  return { status: 200, body: undefined, text: `${head}"items":[${items}]}` };
}

export function getJob(world: WorldModel, recipe: RecipeModel, jobId: string) {
  const ref = decodeJobId(recipe.seed, jobId);
  if (!ref || ref.recipeId !== recipe.id) return NOT_FOUND;
  const ranges = jobRanges(recipe, world.clock.now, retentionCutoff(world));
  if (!ranges.some(([lo, hi]) => ref.index >= lo && ref.index < hi)) return NOT_FOUND;
  return ok(jobDetailJson(recipe, jobFacts(recipe, ref.index), world.clock.now));
}

export function listConnections(workspace: WorkspaceModel, embedded: boolean): ApiResponse {
  const items = workspace.connections.map((c) => connectionJson(c, embedded));
  return ok(embedded ? { result: items } : items);
}

/** Jobs that started before this instant are no longer served (Workato's job retention). */
export function retentionCutoff(world: WorldModel): number {
  return world.clock.now - world.config.retentionDays * DAY_MS;
}

export type { JobStatus };

function intParam(query: URLSearchParams, name: string): number | null {
  const text = query.get(name);
  if (text === null || text === '') return null;
  const value = Number(text);
  return Number.isInteger(value) ? value : null;
}

function boolParam(query: URLSearchParams, name: string): boolean | null {
  const text = query.get(name);
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return null;
}

function listParam(query: URLSearchParams, name: string): string[] | null {
  const text = query.get(name);
  return text
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

/** null when absent, undefined when present but not a timestamp. */
function timeParam(query: URLSearchParams, name: string): number | null | undefined {
  const text = query.get(name);
  if (text === null || text === '') return null;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
