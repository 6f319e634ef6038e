/**
 * The handle a started sandbox returns: what tests, benchmarks and the CLI use to reach it,
 * count its requests, move its clock and inject faults.
 */
export interface SandboxOptions {
  seed?: number;
  /** Customer workspaces managed by the embedded admin workspace (0: a single workspace). */
  accounts?: number;
  recipesPerAccount?: number;
  /** Days of job history generated before "now". */
  days?: number;
  /** Average jobs per running recipe per day. */
  jobsPerRecipePerDay?: number;
  /** Page size of the jobs list (undocumented by Workato; 100 here by default). */
  jobsPageSize?: number;
  /** The sandbox clock's start (ISO); default a fixed instant so runs are deterministic. */
  now?: string;
  /** Jobs that started longer ago than this are no longer served (Workato's retention). 90. */
  retentionDays?: number;
  /**
   * Starting a running recipe or stopping a stopped one: true (default) answers 200
   * success:true; false answers 400 {"message"} (a state-transition error).
   */
  startStopIdempotent?: boolean;
  /** Accept the legacy X-USER-EMAIL + X-USER-TOKEN headers (or query params). Default true. */
  legacyAuth?: boolean;
  port?: number;
  host?: string;
  rateLimit?: SandboxRateLimit | false;
  faults?: SandboxFaults;
}

export interface SandboxRateLimit {
  /** Requests per minute per endpoint family and token (developer API). Default 60. */
  developerPerMinute?: number;
  /** Requests per minute shared by all customers of the admin workspace (embedded API). */
  embeddedPerMinute?: number;
  /** Requests per minute for listing/getting customers (`/api/managed_users[/:id]`). 60. */
  managedUsersPerMinute?: number;
  /** Window length in ms (default 60,000); tests shorten it. */
  windowMs?: number;
}

export interface SandboxFaults {
  /** Probability in [0, 1] of each fault per request; deterministic from the seed. */
  error500?: number;
  error502?: number;
  error503?: number;
  reset?: number;
  slowMs?: number;
  slow?: number;
  truncatedJson?: number;
  wrongType?: number;
  /** Fail the next N requests (any path, or only paths containing `pathIncludes`) with `status`. */
  failNext?: { count: number; status: number; retryAfter?: number; pathIncludes?: string };
}

export interface SandboxAccountInfo {
  /** Workato workspace id (numeric). */
  id: number;
  externalId: string | null;
  name: string;
  /** Developer-API token that addresses this workspace directly. */
  token: string;
  /** Legacy credentials (X-USER-EMAIL + X-USER-TOKEN) of the same workspace. */
  email: string;
  apiKey: string;
}

export interface SandboxHandle {
  baseUrl: string;
  /** Token of the embedded admin workspace (reaches every customer via /api/managed_users). */
  adminToken: string;
  admin: SandboxAccountInfo;
  customers: readonly SandboxAccountInfo[];
  /** Requests served, by endpoint family key (e.g. `GET /api/recipes/:id/jobs`) and in total. */
  counters(): { total: number; byEndpoint: Record<string, number>; rateLimited: number };
  resetCounters(): void;
  /** Moves the clock: new jobs appear, pending ones complete. */
  advance(ms: number): void;
  now(): string;
  setFaults(faults: SandboxFaults): void;
  /** The fault knobs in force (failNext.count is what is left). */
  faults(): SandboxFaults;
  /** A snapshot of the generated data as of now, for tests to compute expected results. */
  world(): SandboxWorld;
  close(): Promise<void>;
}

/** JSON as the API serves it. */
export type SandboxJson = Readonly<Record<string, unknown>>;

export interface SandboxWorld {
  seed: number;
  /** The sandbox clock (ISO). */
  now: string;
  retentionDays: number;
  jobsPageSize: number;
  /** The admin workspace (embedded mode) or the single workspace (accounts: 0). */
  admin: SandboxWorkspaceView;
  customers: readonly SandboxWorkspaceView[];
}

export interface SandboxWorkspaceView {
  kind: 'admin' | 'customer' | 'single';
  info: SandboxAccountInfo;
  /** What `GET /api/users/me` returns for this workspace's token. */
  details: SandboxJson;
  /** What `GET /api/managed_users/:id` returns (customers only). */
  customer: SandboxJson | null;
  /** Ascending id (the API lists them descending). */
  recipes: readonly SandboxRecipeView[];
  /** As `GET /api/connections` returns them. */
  connections: readonly SandboxJson[];
}

export interface SandboxRecipeView {
  id: number;
  name: string;
  running: boolean;
  stopCause: string | null;
  folderId: number;
  applications: readonly string[];
  /** Start would answer success:false (a missing connection or code errors). */
  startFails: boolean;
  /** What `GET /api/recipes/:id` returns now (with tags). */
  json: SandboxJson;
  /** Every job still served (retention), newest first, as the jobs list renders them. */
  jobs(): SandboxJobView[];
}

export interface SandboxJobView extends SandboxJson {
  id: string;
  status: 'succeeded' | 'failed' | 'pending';
  started_at: string;
  completed_at: string | null;
  error: string | null;
  is_error: boolean;
  is_poll_error: boolean;
  title: string;
}
