/** The Workato client's public surface (see api.ts for the interfaces it implements). */
export type {
  ClientStats,
  EmbeddedAdminApi,
  JobListOptions,
  JobsPage,
  RecipeFilter,
  StartStopOutcome,
  WorkspaceApi,
  WorkspaceDetails,
} from './api.js';
export type { AccountConfig } from './account-config.js';
export { authHintOf } from './account-config.js';
export { loadAccountsFile } from './accounts-file.js';
export { customerPathId, WorkatoAdmin } from './admin-client.js';
export { createAccountClient } from './create-client.js';
export type { AccountClient, ClientOptions } from './create-client.js';
export { customerSelected, globToRegExp } from './customer-filter.js';
export type { CustomerFilter } from './customer-filter.js';
export { DATA_CENTERS, DATA_CENTER_NAMES, baseUrlOf, isLocalBaseUrl } from './data-centers.js';
export type { DataCenter } from './data-centers.js';
export { accountFromEnvironment, DEFAULT_ACCOUNT_NAME } from './env-account.js';
export { jobStatusOf, normaliseConnection, normaliseJob } from './normalise.js';
export { DEFAULT_MAX_JOB_PAGES, DEFAULT_MAX_PAGES, DEFAULT_PER_PAGE } from './pagers.js';
export { DEFAULT_RATE_LIMIT, endpointFamily } from './rate-buckets.js';
export type { EndpointFamily, RateLimitSettings } from './rate-buckets.js';
export { loadAccounts, resolveAccounts } from './resolve-accounts.js';
export type {
  AccountFailure,
  AccountTarget,
  ResolvedAccounts,
  ResolveOptions,
} from './resolve-accounts.js';
export { refusalMessage } from './start-stop.js';
export { WorkatoWorkspace } from './workspace-client.js';
export * from '../http/errors.js';
export { RateLimiter } from '../http/rate-limiter.js';
export { DEFAULT_RETRY_POLICY, parseRetryAfter } from '../http/retry.js';
export type { RetryPolicy, Sleep } from '../http/retry.js';
export { DEFAULT_TIMEOUT_MS } from '../http/http-client.js';
