/**
 * The archive's interface: the operations sync, reports and the monitor need, and nothing of
 * SQLite. better-sqlite3 is synchronous; this interface is asynchronous (writes in batches, reads
 * as async iterators) so that a shared PostgreSQL can implement it later for a fleet synced by
 * several workers. All instants are epoch milliseconds (UTC); dates are 'YYYY-MM-DD' strings.
 */
import type { JobStatus } from '../extract/workato/schemas.js';

export interface AccountRecord {
  /** Stable key: the accounts-file name, or `<admin name>/<customer id>` for a customer. */
  key: string;
  name: string;
  kind: 'workspace' | 'customer';
  workspaceId: number | null;
  externalId: string | null;
  /** The embedded admin account key this customer belongs to, else null. */
  parentKey: string | null;
  /** Base URL of the API host (never a token). */
  baseUrl: string;
  dataSource: 'sandbox' | 'live';
  planId: string | null;
  timeZone: string | null;
  billingPeriodStart: number | null;
  billingPeriodEnd: number | null;
  taskLimit: number | null;
  /**
   * The customer record's `task_limit_adjustment` for the current billing period (signed; the
   * API sends it as text). Reports use taskLimit + adjustment. Absent/null: no adjustment.
   */
  taskLimitAdjustment?: number | null;
  taskCount: number | null;
  /** Limit set per account in the accounts file (overrides taskLimit in reports). */
  transactionsLimit: number | null;
}

export interface RecipeRecord {
  accountKey: string;
  id: number;
  name: string;
  folderId: number | null;
  running: boolean;
  triggerApplication: string | null;
  actionApplications: readonly string[];
  /** Applications named in the recipe config, with the connection each uses (or null). */
  config: readonly { application: string; connectionId: number | null }[];
  createdAt: number;
  updatedAt: number;
  lastRunAt: number | null;
  stoppedAt: number | null;
  stopCause: string | null;
  versionNo: number | null;
  jobSucceededCount: number;
  jobFailedCount: number;
  lifetimeTaskCount: number | null;
  /** When a full listing first missed it (deleted in Workato); its jobs stay archived. */
  deletedAt?: number | null;
}

export interface RecipeStateChange {
  accountKey: string;
  recipeId: number;
  /** When the archive saw it (the sync's time) unless the API gave the instant (stopped_at). */
  at: number;
  event: 'created' | 'started' | 'stopped' | 'version';
  stopCause: string | null;
  versionNo: number | null;
}

export interface JobRecord {
  accountKey: string;
  recipeId: number;
  id: string;
  status: JobStatus;
  startedAt: number;
  completedAt: number | null;
  isPollError: boolean;
  isRepeat: boolean | null;
  error: string | null;
  title: string | null;
}

export interface ConnectionRecord {
  accountKey: string;
  id: number;
  application: string;
  name: string;
  authorizationStatus: string | null;
  authorizedAt: number | null;
  authorizationError: string | null;
  folderId: number | null;
  createdAt: number | null;
  updatedAt: number | null;
}

/** Per account per day: what the API said of its task use. */
export interface AccountUsageSnapshot {
  accountKey: string;
  date: string;
  takenAt: number;
  taskLimit: number | null;
  taskCount: number | null;
  billingPeriodStart: number | null;
  billingPeriodEnd: number | null;
}

/** Per recipe per day: the lifetime counters, whose daily differences give per-day use. */
export interface RecipeUsageSnapshot {
  accountKey: string;
  recipeId: number;
  date: string;
  takenAt: number;
  lifetimeTaskCount: number | null;
  jobSucceededCount: number;
  jobFailedCount: number;
}

/** Where the jobs sync of one recipe stands. */
export interface JobCheckpoint {
  accountKey: string;
  recipeId: number;
  /** Newest job archived (the first page's first job) and its start. */
  newestJobId: string | null;
  newestStartedAt: number | null;
  /** Resume cursor of an unfinished backfill (towards older jobs), or null when complete. */
  backfillCursor: string | null;
  /** How far back the backfill goes (epoch ms), or null for "as far as Workato has". */
  backfillSince: number | null;
  /**
   * Top job of an unfinished walk (the first page's first job). It becomes newestJobId only
   * when the walk has reached the archived jobs (or the backfill bound), so that the gap between
   * the two markers is never taken for archived. Absent/null when no walk is in progress.
   */
  walkTopJobId?: string | null;
  walkTopStartedAt?: number | null;
  /** Recipe counters seen at the last completed sync, to skip recipes with no activity. */
  lastRunAt: number | null;
  jobSucceededCount: number | null;
  jobFailedCount: number | null;
}

export interface JobFilter {
  accounts?: readonly string[];
  recipeIds?: readonly number[];
  folderIds?: readonly number[];
  statuses?: readonly JobStatus[];
  /** Half-open window on started_at: [since, until). */
  since?: number;
  until?: number;
}

export interface SyncRunRecord {
  id: number;
  startedAt: number;
  endedAt: number | null;
}

export interface AccountSyncOutcome {
  accountKey: string;
  ok: boolean;
  error: string | null;
  recipes: number;
  newJobs: number;
  updatedJobs: number;
  connections: number;
  requests: number;
  startedAt: number;
  endedAt: number;
}

export interface Archive {
  // --- accounts
  upsertAccount(account: AccountRecord): Promise<void>;
  listAccounts(keys?: readonly string[]): Promise<AccountRecord[]>;

  // --- recipes: upsert a full listing; state changes are derived and recorded by the store.
  saveRecipes(accountKey: string, recipes: readonly RecipeRecord[], seenAt: number): Promise<void>;
  listRecipes(accountKeys?: readonly string[]): Promise<RecipeRecord[]>;
  recipeHistory(accountKey: string, recipeId: number): Promise<RecipeStateChange[]>;

  // --- connections: replace the account's listing.
  saveConnections(accountKey: string, connections: readonly ConnectionRecord[]): Promise<void>;
  listConnections(accountKeys?: readonly string[]): Promise<ConnectionRecord[]>;

  // --- jobs: a page of jobs and the checkpoint move in ONE transaction.
  saveJobsPage(
    jobs: readonly JobRecord[],
    checkpoint: JobCheckpoint,
  ): Promise<{ inserted: number; updated: number }>;
  getCheckpoint(accountKey: string, recipeId: number): Promise<JobCheckpoint | null>;
  saveCheckpoint(checkpoint: JobCheckpoint): Promise<void>;
  pendingJobs(accountKey: string, recipeId?: number): Promise<JobRecord[]>;
  hasJob(accountKey: string, recipeId: number, jobId: string): Promise<boolean>;
  /** Which of these jobs (of one recipe) the archive holds: their ids. */
  existingJobIds(
    accountKey: string,
    recipeId: number,
    jobs: readonly { id: string; startedAt: number }[],
  ): Promise<Set<string>>;
  /** Archived jobs of a recipe started at or after `since`: sizes a re-read of pending jobs. */
  countRecipeJobsSince(accountKey: string, recipeId: number, since: number): Promise<number>;
  /** Jobs ordered by account key, started_at, id: deterministic for byte-identical reports. */
  iterateJobs(filter: JobFilter): AsyncIterable<JobRecord>;
  countJobs(filter: JobFilter): Promise<number>;

  // --- usage snapshots (one per key per day; a later one the same day replaces it)
  saveAccountUsage(snapshot: AccountUsageSnapshot): Promise<void>;
  saveRecipeUsage(snapshots: readonly RecipeUsageSnapshot[]): Promise<void>;
  listAccountUsage(accountKeys?: readonly string[]): Promise<AccountUsageSnapshot[]>;
  listRecipeUsage(
    accountKeys: readonly string[] | undefined,
    fromDate: string,
    toDate: string,
  ): Promise<RecipeUsageSnapshot[]>;

  // --- run log
  beginRun(startedAt: number): Promise<number>;
  recordAccountOutcome(runId: number, outcome: AccountSyncOutcome): Promise<void>;
  endRun(runId: number, endedAt: number): Promise<void>;
  /** Per account outcomes of one run, in account key order. */
  runOutcomes(runId: number): Promise<AccountSyncOutcome[]>;
  /** Per account: end of its last successful sync, or null. */
  lastSuccessfulSync(accountKeys?: readonly string[]): Promise<Map<string, number | null>>;

  close(): Promise<void>;
}
