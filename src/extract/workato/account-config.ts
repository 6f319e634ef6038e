/**
 * An account the program talks to, with its secret resolved from the environment. Built from
 * the accounts file (accounts-file.ts) or from WORKATO_* variables (env-account.ts).
 */
import type { Credentials } from '../http/http-client.js';
import type { CustomerFilter } from './customer-filter.js';
import type { DataCenter } from './data-centers.js';
import type { RateLimitSettings } from './rate-buckets.js';

export interface AccountConfig {
  name: string;
  /** Origin the `/api/...` paths go to. */
  baseUrl: string;
  /** Null when an explicit base URL was given. */
  dataCenter: DataCenter | null;
  credentials: Credentials;
  /** The variables the secret came from, for hints ("WORKATO_API_TOKEN"). */
  secretVars: string;
  /** An embedded admin workspace whose customers are the targets. */
  managed: boolean;
  include: CustomerFilter | null;
  exclude: CustomerFilter | null;
  /** Task (formerly transaction) allowance of a plain workspace; the API does not report it. */
  transactionsLimit: number | null;
  rateLimit: Partial<RateLimitSettings>;
  timeoutMs: number | null;
  /** Explicit sandbox flag; null: decided from the base URL and the server's header. */
  sandbox: boolean | null;
  /** Where it was configured: the accounts file path, or "environment". */
  source: string;
}

/** The hint a 401 carries. */
export function authHintOf(account: AccountConfig): string {
  const where = account.dataCenter
    ? `the ${account.dataCenter} data centre`
    : `the workspace at ${account.baseUrl}`;
  const what = account.credentials.kind === 'bearer' ? 'token' : 'e-mail / API key';
  const legacy =
    account.credentials.kind === 'legacy'
      ? '; legacy API keys stopped working for most workspaces in 2024: use an API client token'
      : '';
  return `${what} rejected: check ${account.secretVars} and that it belongs to ${where}${legacy}`;
}
