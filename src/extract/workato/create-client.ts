/** Builds the client of one configured account: its HTTP layer, buckets and resources. */
import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import { HttpClient, newStats, normaliseBaseUrl } from '../http/http-client.js';
import type { HttpStats } from '../http/http-client.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { RetryPolicy, Sleep } from '../http/retry.js';
import type { AccountConfig } from './account-config.js';
import { authHintOf } from './account-config.js';
import { WorkatoAdmin } from './admin-client.js';
import {
  DEFAULT_RATE_LIMIT,
  developerBucket,
  embeddedBucket,
  workspaceKey,
} from './rate-buckets.js';
import type { RateLimitSettings } from './rate-buckets.js';
import { WorkatoWorkspace } from './workspace-client.js';
import type { WorkspaceContext } from './workspace-client.js';

/** Program-wide client options; an accounts-file entry's own settings take precedence. */
export interface ClientOptions {
  logger?: Logger;
  /** Per-request timeout (default 40 s, Workato's own cut-off). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected in tests to record waits instead of waiting. */
  sleep?: Sleep;
  random?: () => number;
  /** One limiter for the whole process, so that accounts on one host share it properly. */
  limiter?: RateLimiter;
  rateLimit?: Partial<RateLimitSettings>;
  maxPages?: number;
  maxJobPages?: number;
  jobsPageSize?: number;
}

export interface AccountClient {
  account: AccountConfig;
  http: HttpClient;
  /** A WorkatoAdmin (EmbeddedAdminApi) when the account is managed. */
  api: WorkatoWorkspace | WorkatoAdmin;
  stats: HttpStats;
  rateLimit: RateLimitSettings;
}

export function createAccountClient(
  account: AccountConfig,
  options: ClientOptions = {},
): AccountClient {
  const logger = options.logger ?? silentLogger;
  const rateLimit: RateLimitSettings = {
    ...DEFAULT_RATE_LIMIT,
    ...options.rateLimit,
    ...account.rateLimit,
  };
  const stats = newStats();
  const timeoutMs = account.timeoutMs ?? options.timeoutMs;
  const http = new HttpClient({
    account: account.name,
    baseUrl: account.baseUrl,
    credentials: account.credentials,
    authHint: authHintOf(account),
    limiter: options.limiter ?? new RateLimiter(),
    logger,
    stats,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const origin = normaliseBaseUrl(account.baseUrl);
  const credential = account.credentials;
  const workspace = workspaceKey(
    credential.kind === 'bearer' ? credential.token : credential.apiKey,
  );
  const ctx: WorkspaceContext = {
    http,
    label: account.name,
    prefix: '/api',
    kind: 'workspace',
    bucket: (path) => developerBucket(origin, workspace, path, rateLimit),
    logger,
    ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }),
    ...(options.maxJobPages === undefined ? {} : { maxJobPages: options.maxJobPages }),
    ...(options.jobsPageSize === undefined ? {} : { jobsPageSize: options.jobsPageSize }),
  };
  const api = account.managed
    ? new WorkatoAdmin({
        ...ctx,
        // A customer's own record is a manage-customers call (60/min); the rest share a quota.
        customerBucket: (path) =>
          /^\/api\/managed_users\/[^/]+$/.test(path)
            ? developerBucket(origin, workspace, '/api/managed_users', rateLimit)
            : embeddedBucket(origin, workspace, rateLimit),
      })
    : new WorkatoWorkspace(ctx);
  return { account, http, api, stats, rateLimit };
}
