/**
 * What a sync is given (targets, options) and what it reports (per account outcomes, progress
 * events). A target is one workspace or customer with the API that reaches it; the client's
 * resolveAccounts() produces them from the environment or the accounts file.
 */
import type { ClientStats, WorkspaceApi, WorkspaceDetails } from '../../extract/workato/api.js';
import type { Logger } from '../../shared/logger.js';
import type { AccountSyncOutcome } from '../archive.js';

export interface SyncTarget {
  /** Stable key: the accounts-file name, or `<admin name>/<customer id>` for a customer. */
  key: string;
  name: string;
  kind: 'workspace' | 'customer';
  /** The embedded admin account key a customer belongs to, else null. */
  parentKey: string | null;
  /** Base URL of the API host (never a token). */
  baseUrl: string;
  dataSource: 'sandbox' | 'live';
  /** Limit from the accounts file, kept on the account row for reports. */
  transactionsLimit: number | null;
  api: WorkspaceApi;
  /**
   * The customer record when resolving the targets already read it (listing the admin's
   * customers): it is then not fetched a second time.
   */
  details?: WorkspaceDetails;
}

export interface SyncOptions {
  /** First sync: backfill jobs started at or after this instant; null: all Workato still has. */
  since: number | null;
  /** The sync's clock (epoch ms); injectable for tests. */
  now?: () => number;
  accountConcurrency?: number;
  recipeConcurrency?: number;
  /** Stop after the current transaction when aborted (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  logger?: Logger;
  /** The client's counters (requests, retries, rate-limit waits), for progress. */
  clientStats?: () => ClientStats;
  onProgress?: (event: SyncProgressEvent) => void;
}

export type SyncProgressEvent =
  | { type: 'accounts'; total: number }
  | { type: 'account-start'; key: string }
  | { type: 'page'; key: string; jobs: number }
  | { type: 'request'; key: string }
  | { type: 'account-end'; outcome: AccountSyncOutcome };

export interface SyncSummary {
  runId: number;
  outcomes: AccountSyncOutcome[];
  failed: AccountSyncOutcome[];
  interrupted: boolean;
}

/** Totals one account's sync accumulates. */
export interface AccountCounters {
  recipes: number;
  newJobs: number;
  updatedJobs: number;
  connections: number;
  requests: number;
}
