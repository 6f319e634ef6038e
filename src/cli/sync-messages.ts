/** What the sync thread is started with and what it sends back (sync-thread.ts). */
import type { ClientStats } from '../extract/workato/api.js';
import type { AccountSyncOutcome } from '../store/archive.js';
import type { Shard } from '../store/sync/shard.js';
import type { SyncProgressEvent } from '../store/sync/types.js';

export interface SyncJob {
  /** The archive file, resolved (--db, RECIPE_OPS_DB or the default). */
  archivePath: string;
  accountsFile: string | undefined;
  /** Only this account (--account). */
  account: string | undefined;
  /** First sync's backfill bound (epoch ms), or null for all Workato still has. */
  since: number | null;
  shard: Shard | null;
  accountConcurrency: number | undefined;
  recipeConcurrency: number | undefined;
  /** The thread logs as the main thread's logger would (same level, human lines or JSON). */
  log: { level: string; pretty: boolean };
  /** Whether to send progress events (only a progress bar on a TTY shows them). */
  progress: boolean;
}

/** The sync a report runs first (report-sync.ts): the accounts its selectors name. */
export interface ReportSyncJob {
  archivePath: string;
  /** `--account` selectors of the report; undefined or empty: every configured account. */
  selectors: string[] | undefined;
  accountsFile: string | undefined;
  since: number | null;
  log: { level: string; pretty: boolean };
  progress: boolean;
}

/** What a sync thread is started with. */
export type SyncThreadJob = { kind: 'sync'; job: SyncJob } | { kind: 'report'; job: ReportSyncJob };

export interface SyncResult {
  archivePath: string;
  /** Per account, those whose customers could not be listed first. */
  outcomes: AccountSyncOutcome[];
  /** Stopped on request (Ctrl-C, SIGTERM) before every account was done. */
  interrupted: boolean;
  /** The clients' counters at the end: requests, retries, rate-limit waits. */
  totals: ClientStats;
}

/** From the main thread: stop after the current transaction. */
export interface SyncStopMessage {
  type: 'stop';
}

/** From the sync thread while it runs, when asked for progress; its answer is a ThreadAnswer. */
export interface SyncProgressMessage {
  type: 'progress';
  event: SyncProgressEvent;
  stats: ClientStats;
}
