/**
 * WorkspaceApi over HTTP: the developer API of one workspace (`/api/...`) or one customer of an
 * embedded admin workspace (`/api/managed_users/:id/...`). Same resources, same validation; only
 * the path prefix, the rate bucket and `describe()` differ.
 */
import type { Logger } from '../../shared/logger.js';
import type { HttpClient } from '../http/http-client.js';
import type { BucketLimit } from '../http/rate-limiter.js';
import type {
  JobListOptions,
  JobsPage,
  RecipeFilter,
  StartStopOutcome,
  WorkspaceApi,
  WorkspaceDetails,
} from './api.js';
import { normaliseConnection, normaliseJob } from './normalise.js';
import { jobCursorPages, pageNumberPager } from './pagers.js';
import type { RawJobsPage } from './pagers.js';
import {
  connectionSchema,
  jobSchema,
  managedUserSchema,
  recipeSchema,
  workspaceSchema,
} from './schemas.js';
import type { Connection, Job, Recipe } from './schemas.js';
import { changeRecipeState } from './start-stop.js';
import { parseBody, parseList, unwrapObject } from './validate.js';

export interface WorkspaceContext {
  http: HttpClient;
  label: string;
  /** `/api` for a workspace, `/api/managed_users/<id>` for a customer. */
  prefix: string;
  kind: 'workspace' | 'customer';
  bucket: (path: string) => { key: string; limit: BucketLimit } | null;
  logger: Logger;
  maxPages?: number;
  maxJobPages?: number;
  /** The jobs list page size, when known (it is undocumented); lets paging stop one page early. */
  jobsPageSize?: number;
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export class WorkatoWorkspace implements WorkspaceApi {
  readonly label: string;
  protected readonly ctx: WorkspaceContext;

  constructor(ctx: WorkspaceContext) {
    this.ctx = ctx;
    this.label = ctx.label;
  }

  async describe(): Promise<WorkspaceDetails> {
    if (this.ctx.kind === 'workspace') {
      const body = await this.get('/api/users/me');
      const workspace = parseBody(workspaceSchema, body, this.endpoint('/api/users/me'));
      return { kind: 'workspace', workspace };
    }
    const { value, at } = unwrapObject(await this.get(this.ctx.prefix));
    const customer = parseBody(managedUserSchema, value, this.endpoint(this.ctx.prefix), at);
    return { kind: 'customer', customer };
  }

  listRecipes(filter: RecipeFilter = {}): AsyncGenerator<Recipe> {
    const path = `${this.ctx.prefix}/recipes`;
    return pageNumberPager(
      async (page, perPage) => {
        const query = { ...recipeQuery(filter), page, per_page: perPage };
        return parseList(recipeSchema, await this.get(path, query), this.endpoint(path));
      },
      { what: `GET ${path} of ${this.label}`, logger: this.ctx.logger, ...this.cap('maxPages') },
    );
  }

  async getRecipe(recipeId: number): Promise<Recipe> {
    const path = this.recipePath(recipeId);
    const { value, at } = unwrapObject(await this.get(path));
    return parseBody(recipeSchema, value, this.endpoint(path), at);
  }

  startRecipe(recipeId: number): Promise<StartStopOutcome> {
    return this.changeState(recipeId, 'start');
  }

  stopRecipe(recipeId: number): Promise<StartStopOutcome> {
    return this.changeState(recipeId, 'stop');
  }

  async *listJobs(recipeId: number, options: JobListOptions = {}): AsyncGenerator<Job> {
    for await (const page of this.jobPages(recipeId, options)) yield* page.jobs;
  }

  jobPages(recipeId: number, options: JobListOptions = {}): AsyncGenerator<JobsPage> {
    const path = `${this.recipePath(recipeId)}/jobs`;
    return jobCursorPages((offset) => this.fetchJobsPage(path, options, offset), {
      what: `GET ${path} of ${this.label}`,
      logger: this.ctx.logger,
      ...(options.prev === undefined ? {} : { prev: options.prev }),
      ...(options.offsetJobId === undefined ? {} : { offsetJobId: options.offsetJobId }),
      ...(this.ctx.jobsPageSize === undefined ? {} : { pageSize: this.ctx.jobsPageSize }),
      maxPages: options.maxPages ?? this.ctx.maxJobPages,
    });
  }

  async getJob(recipeId: number, jobId: string): Promise<Job> {
    const path = `${this.recipePath(recipeId)}/jobs/${encodeURIComponent(jobId)}`;
    const { value, at } = unwrapObject(await this.get(path));
    return normaliseJob(parseBody(jobSchema, value, this.endpoint(path), at));
  }

  async listConnections(): Promise<Connection[]> {
    const path = `${this.ctx.prefix}/connections`;
    const connections = parseList(connectionSchema, await this.get(path), this.endpoint(path));
    return connections.map(normaliseConnection);
  }

  protected async get(path: string, query?: Query): Promise<unknown> {
    const response = await this.ctx.http.request({
      method: 'GET',
      path,
      ...(query ? { query } : {}),
      bucket: this.ctx.bucket(path),
    });
    return response.body;
  }

  protected endpoint(path: string): { account: string; method: string; path: string } {
    return { account: this.label, method: 'GET', path };
  }

  protected cap(key: 'maxPages'): { maxPages?: number } {
    const value = this.ctx[key];
    return value === undefined ? {} : { maxPages: value };
  }

  private recipePath(recipeId: number): string {
    return `${this.ctx.prefix}/recipes/${encodeURIComponent(String(recipeId))}`;
  }

  private changeState(recipeId: number, action: 'start' | 'stop'): Promise<StartStopOutcome> {
    const recipePath = this.recipePath(recipeId);
    return changeRecipeState(
      {
        http: this.ctx.http,
        label: this.label,
        recipePath,
        bucket: this.ctx.bucket(`${recipePath}/${action}`),
        getRecipe: () => this.getRecipe(recipeId),
      },
      recipeId,
      action,
    );
  }

  private async fetchJobsPage(
    path: string,
    options: JobListOptions,
    offset: string | undefined,
  ): Promise<RawJobsPage> {
    const query: Query = {
      offset_job_id: offset,
      prev: options.prev ? 'true' : undefined,
      status: options.status,
      rerun_only: options.rerunOnly ? 'true' : undefined,
    };
    const body = await this.get(path, query);
    const jobs = parseList(jobSchema, body, this.endpoint(path)).map(normaliseJob);
    const counts = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    return {
      jobs,
      jobSucceededCount: count(counts.job_succeeded_count),
      jobFailedCount: count(counts.job_failed_count),
      jobCount: count(counts.job_count),
      jobScopeCount: count(counts.job_scope_count),
    };
  }
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** RecipeFilter → the query parameters of reference §3.1. */
export function recipeQuery(filter: RecipeFilter): Query {
  return {
    running: filter.running === undefined ? undefined : String(filter.running),
    stop_cause: filter.stopCause,
    folder_id: filter.folderId,
    adapter_names_any: filter.adapterNamesAny?.length
      ? filter.adapterNamesAny.join(',')
      : undefined,
    adapter_names_all: filter.adapterNamesAll?.length
      ? filter.adapterNamesAll.join(',')
      : undefined,
    since_id: filter.sinceId,
    stopped_after: filter.stoppedAfter,
    updated_after: filter.updatedAfter,
    order: filter.order,
    'includes[]': filter.includeTags ? ['tags'] : undefined,
    exclude_code: filter.excludeCode ? 'true' : undefined,
  };
}
