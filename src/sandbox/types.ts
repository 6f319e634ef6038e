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
  close(): Promise<void>;
}
