/**
 * The sandbox's internal, mutable model of the generated fleet. Jobs are not stored: a recipe
 * keeps its schedule, its running intervals and a small count cache, and jobs.ts derives each
 * job from (seed, recipe, index). What tests see of this is the read-only view in world-view.ts.
 */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A half-open interval [from, to) during which a recipe ran; `to` is Infinity while running. */
export interface RunInterval {
  from: number;
  to: number;
}

export interface ConfigEntry {
  keyword: 'application';
  name: string;
  provider: string;
  skip_validation: boolean;
  account_id: number | null;
}

/** Lifetime counts of settled jobs (those of index < upTo), advanced lazily with the clock. */
export interface CountCache {
  upTo: number;
  succeeded: number;
  failed: number;
}

export interface RecipeModel {
  id: number;
  workspaceId: number;
  ordinal: number;
  seed: number;
  /** The world's initial clock; jobs started shortly before it tend to still be running. */
  anchorMs: number;
  name: string;
  description: string;
  folderId: number;
  triggerApp: string;
  actionApps: string[];
  config: ConfigEntry[];
  createdAt: number;
  updatedAt: number;
  versionNo: number;
  copyCount: number;
  authorName: string;
  tags: string[];
  running: boolean;
  stopCause: string | null;
  stoppedAt: number | null;
  intervals: RunInterval[];
  /** Recipe-logic errors that make start fail (Workato's `code_errors` nesting). */
  codeErrors: unknown[];
  schedule: { start: number; intervalMs: number };
  failureRate: number;
  pollTrigger: boolean;
  errorTemplates: number[];
  tasksPerJob: number;
  /** Every 97th job (from 13) fails with a ~40,000-character error. */
  longErrors: boolean;
  /** Jobs started at or after this instant fail with poll errors (led to trigger_errors_limit). */
  pollErrorsFrom: number | null;
  counts: CountCache;
}

export interface ConnectionModel {
  id: number;
  application: string;
  name: string;
  description: string | null;
  authorizationStatus: 'success' | 'failed' | 'exception';
  authorizationError: string | null;
  authorizedAt: number | null;
  createdAt: number;
  updatedAt: number;
  folderId: number;
  connectionLostAt: number | null;
  connectionLostReason: string | null;
}

export interface CustomerFacts {
  externalId: string | null;
  notificationEmail: string;
  timeZone: string;
  trial: boolean;
  inTrial: boolean;
  updatedAt: number;
  /** Day of month (1-28, UTC) on which billing periods start. */
  billingDay: number;
  planId: string;
  taskLimit: number;
  taskLimitAdjustment: string | null;
  activeConnectionLimit: number;
}

export interface WorkspaceModel {
  kind: 'admin' | 'customer' | 'single';
  id: number;
  name: string;
  token: string;
  email: string;
  apiKey: string;
  createdAt: number;
  planId: string;
  billingDay: number;
  rootFolderId: number;
  folderIds: number[];
  recipes: RecipeModel[];
  recipeById: Map<number, RecipeModel>;
  connections: ConnectionModel[];
  customer: CustomerFacts | null;
}

export interface WorldConfig {
  seed: number;
  accounts: number;
  recipesPerAccount: number;
  days: number;
  jobsPerRecipePerDay: number;
  jobsPageSize: number;
  retentionDays: number;
  startMs: number;
  /** Start of a running / stop of a stopped recipe: 200 success:true, or 400 when false. */
  startStopIdempotent: boolean;
}

export interface WorldModel {
  config: WorldConfig;
  admin: WorkspaceModel;
  customers: WorkspaceModel[];
  clock: { now: number };
}
