/**
 * What the rest of the program sees of the Workato API: one interface for a workspace,
 * whether it is reached directly (developer API) or as a customer of an embedded admin
 * workspace (`/api/managed_users/:id/...`). Values are validated (schemas.ts) before they get
 * here. Implemented by the client in this folder.
 */
import type {
  Connection,
  Job,
  JobStatus,
  ManagedUser,
  Recipe,
  StartStopResult,
  Workspace,
} from './schemas.js';

/** Every documented filter of the recipes list (reference §3.1). */
export interface RecipeFilter {
  running?: boolean;
  stopCause?: string;
  folderId?: number;
  adapterNamesAny?: readonly string[];
  adapterNamesAll?: readonly string[];
  /** Recipes with an id lower than this. */
  sinceId?: number;
  stoppedAfter?: string;
  updatedAfter?: string;
  order?: 'activity' | 'default';
  includeTags?: boolean;
  excludeCode?: boolean;
}

export interface JobListOptions {
  status?: JobStatus;
  /** Cursor: a job id. With prev=false (default) the page holds jobs older than it. */
  offsetJobId?: string;
  /** true: jobs newer than offsetJobId (the order inside such a page is not relied on). */
  prev?: boolean;
  rerunOnly?: boolean;
  /** Hard cap on pages fetched; reaching it logs a warning naming the cap. */
  maxPages?: number;
}

export interface JobsPage {
  jobs: Job[];
  /** The recipe's lifetime counts as the page reports them. */
  jobSucceededCount: number | null;
  jobFailedCount: number | null;
  jobCount: number | null;
  /** Cursor for the next page in the same direction, or null after the last page. */
  nextOffsetJobId: string | null;
}

/** What `describe()` returns: workspace details, or the customer record for a customer. */
export type WorkspaceDetails =
  { kind: 'workspace'; workspace: Workspace } | { kind: 'customer'; customer: ManagedUser };

export interface StartStopOutcome {
  recipeId: number;
  ok: boolean;
  /** Plain-language reason when not ok: config/code errors, HTTP error. */
  message: string | null;
  result: StartStopResult | null;
}

export interface WorkspaceApi {
  /** Account name used in errors and logs. */
  readonly label: string;
  describe(): Promise<WorkspaceDetails>;
  listRecipes(filter?: RecipeFilter): AsyncGenerator<Recipe>;
  getRecipe(recipeId: number): Promise<Recipe>;
  startRecipe(recipeId: number): Promise<StartStopOutcome>;
  stopRecipe(recipeId: number): Promise<StartStopOutcome>;
  /** Jobs one by one, newest first (prev=false). Callers never see pages. */
  listJobs(recipeId: number, options?: JobListOptions): AsyncGenerator<Job>;
  /** Pages, for sync, which writes a page and moves its checkpoint in one transaction. */
  jobPages(recipeId: number, options?: JobListOptions): AsyncGenerator<JobsPage>;
  getJob(recipeId: number, jobId: string): Promise<Job>;
  listConnections(): Promise<Connection[]>;
}

/** An embedded admin workspace: its own workspace API plus its customers'. */
export interface EmbeddedAdminApi extends WorkspaceApi {
  listCustomers(): AsyncGenerator<ManagedUser>;
  /** Numeric id, or an external id prefixed with `E` (URL-encoded by the client). */
  customer(idOrExternal: number | string, label?: string): WorkspaceApi;
}

/** Counters a client keeps, for run summaries and benchmarks. */
export interface ClientStats {
  requests: number;
  retries: number;
  rateLimited: number;
  rateLimitWaitMs: number;
}
