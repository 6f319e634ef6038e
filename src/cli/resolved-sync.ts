/**
 * What `recipe-ops sync` and the sync a report runs first share once they have chosen their
 * accounts: sync the chosen targets into the archive, and record in the run log each chosen
 * accounts-file entry whose customers could not be listed, as a failed account.
 */
import type { ClientStats } from '../extract/workato/api.js';
import type { AccountFailure, AccountTarget } from '../extract/workato/resolve-accounts.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { redact } from '../shared/redact.js';
import type { AccountSyncOutcome, Archive } from '../store/archive.js';
import {
  syncAccounts,
  syncTargetOf,
  type SyncProgressEvent,
  type SyncSummary,
} from '../store/sync/index.js';

export interface ResolvedSyncOptions {
  archive: Archive;
  targets: readonly AccountTarget[];
  /** Entries whose customers could not be listed. */
  failures: readonly AccountFailure[];
  /** The clients' counters, for progress and the totals. */
  stats: () => ClientStats;
  since: number | null;
  logger: Logger;
  /** The sync's clock (default the wall clock); tests pass the sandbox's. */
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (event: SyncProgressEvent, stats: ClientStats) => void;
  /** Default: the sync's own (store/sync/concurrency.ts). */
  accountConcurrency?: number;
  recipeConcurrency?: number;
}

export interface ResolvedSyncResult {
  summary: SyncSummary;
  /** The failed entries' outcomes, as recorded in the run log. */
  unresolved: AccountSyncOutcome[];
  totals: ClientStats;
}

export async function syncResolved(options: ResolvedSyncOptions): Promise<ResolvedSyncResult> {
  const { stats, onProgress, signal, accountConcurrency, recipeConcurrency } = options;
  const now = options.now ?? Date.now;
  const at = now();
  const unresolved = options.failures.map((f): AccountSyncOutcome => ({
    accountKey: f.account,
    ok: false,
    error: `customers could not be listed: ${redact(describeError(f.error))}`,
    recipes: 0,
    newJobs: 0,
    updatedJobs: 0,
    connections: 0,
    requests: 0,
    startedAt: at,
    endedAt: at,
  }));
  const summary = await syncAccounts(options.targets.map(syncTargetOf), options.archive, {
    since: options.since,
    logger: options.logger,
    clientStats: stats,
    now,
    signal,
    accountConcurrency,
    recipeConcurrency,
    ...(onProgress ? { onProgress: (event) => onProgress(event, stats()) } : {}),
  });
  for (const outcome of unresolved) {
    await options.archive.recordAccountOutcome(summary.runId, outcome);
  }
  return { summary, unresolved, totals: stats() };
}
