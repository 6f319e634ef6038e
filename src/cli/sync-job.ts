/**
 * The syncs as the sync thread runs them. `recipe-ops sync`'s: resolve the accounts, keep the
 * shard's, sync them into the archive and record in the run log the entries whose customers
 * could not be listed; it returns every account's outcome, and what to print and which exit
 * code is the caller's. A report's: the accounts its selectors name (report-sync.ts).
 */
import type { ClientStats } from '../extract/workato/api.js';
import { resolveAccounts } from '../extract/workato/resolve-accounts.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { redact } from '../shared/redact.js';
import type { AccountSyncOutcome } from '../store/archive.js';
import { openArchive } from '../store/index.js';
import {
  combinedStats,
  inShard,
  syncAccounts,
  syncTargetOf,
  type SyncProgressEvent,
} from '../store/sync/index.js';
import { syncSelectedAccounts } from './report-sync.js';
import type { ReportSyncOutcome } from './report-sync.js';
import type { ReportSyncJob, SyncJob, SyncResult } from './sync-messages.js';

/**
 * SQLite page cache of the sync's connection, in KiB (better-sqlite3's default is 16 MB). A
 * sync inserts into the key ranges of the few recipes it walks at a time and reads back only
 * their newest jobs: the B-tree pages on those paths are all it revisits. With 8 MB the 1.7M-job
 * benchmark ran as fast as with 16 MB and peaked ~7 MB lower (bench/README.md, "Sync").
 */
export const SYNC_PAGE_CACHE_KIB = 8192;

export interface SyncJobHooks {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  signal: AbortSignal;
  /** Each progress event with the clients' counters at that moment. */
  onProgress?: (event: SyncProgressEvent, stats: ClientStats) => void;
}

export async function runSyncJob(job: SyncJob, hooks: SyncJobHooks): Promise<SyncResult> {
  const { logger } = hooks;
  const resolved = await resolveAccounts({
    ...(job.accountsFile === undefined ? {} : { accountsFile: job.accountsFile }),
    ...(job.account === undefined ? {} : { only: job.account }),
    env: hooks.env,
    logger,
  });
  const targets = resolved.targets.filter((t) => inShard(t.key, job.shard));
  const unresolved: AccountSyncOutcome[] = resolved.failures
    .filter((f) => inShard(f.account, job.shard))
    .map((f) => ({
      accountKey: f.account,
      ok: false,
      error: `customers could not be listed: ${redact(describeError(f.error))}`,
      recipes: 0,
      newJobs: 0,
      updatedJobs: 0,
      connections: 0,
      requests: 0,
      startedAt: Date.now(),
      endedAt: Date.now(),
    }));
  const stats = combinedStats(resolved.targets);
  const { onProgress } = hooks;
  const archive = openArchive(job.archivePath, { pageCacheKiB: SYNC_PAGE_CACHE_KIB });
  logger.info(
    {
      archive: job.archivePath,
      accounts: targets.length,
      since: job.since,
      shard: job.shard === null ? null : `${job.shard.index}/${job.shard.count}`,
    },
    'sync started',
  );
  try {
    const summary = await syncAccounts(targets.map(syncTargetOf), archive, {
      since: job.since,
      signal: hooks.signal,
      logger,
      clientStats: stats,
      ...(onProgress ? { onProgress: (event) => onProgress(event, stats()) } : {}),
      ...(job.accountConcurrency === undefined
        ? {}
        : { accountConcurrency: job.accountConcurrency }),
      ...(job.recipeConcurrency === undefined ? {} : { recipeConcurrency: job.recipeConcurrency }),
    });
    for (const outcome of unresolved) await archive.recordAccountOutcome(summary.runId, outcome);
    const outcomes = [...unresolved, ...summary.outcomes];
    const totals = stats();
    logger.info(
      {
        accounts: outcomes.length,
        failed: outcomes.filter((o) => !o.ok).map((o) => o.accountKey),
        ...totals,
      },
      'sync finished',
    );
    return { archivePath: job.archivePath, outcomes, interrupted: summary.interrupted, totals };
  } finally {
    await archive.close();
  }
}

export async function runReportSyncJob(
  job: ReportSyncJob,
  hooks: SyncJobHooks,
): Promise<ReportSyncOutcome> {
  const archive = openArchive(job.archivePath, { pageCacheKiB: SYNC_PAGE_CACHE_KIB });
  try {
    return await syncSelectedAccounts({
      archive,
      selectors: job.selectors,
      accountsFile: job.accountsFile,
      env: hooks.env,
      since: job.since,
      logger: hooks.logger,
      signal: hooks.signal,
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    });
  } finally {
    await archive.close();
  }
}
