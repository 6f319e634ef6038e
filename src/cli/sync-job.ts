/**
 * The syncs as the sync thread runs them. `recipe-ops sync`'s: resolve the accounts, keep the
 * shard's, sync them into the archive and record in the run log the entries whose customers
 * could not be listed; it returns every account's outcome, and what to print and which exit
 * code is the caller's. A report's: the accounts its selectors name (report-sync.ts).
 */
import type { ClientStats } from '../extract/workato/api.js';
import { resolveAccounts } from '../extract/workato/resolve-accounts.js';
import type { Logger } from '../shared/logger.js';
import type { Archive } from '../store/archive.js';
import { openArchive } from '../store/index.js';
import { combinedStats, inShard, type SyncProgressEvent } from '../store/sync/index.js';
import { syncSelectedAccounts } from './report-sync.js';
import type { ReportSyncOutcome } from './report-sync.js';
import { syncResolved } from './resolved-sync.js';
import type { ReportSyncJob, SyncJob, SyncResult } from './sync-messages.js';

/**
 * SQLite page cache of the sync's connection, in KiB (better-sqlite3's default is 16 MB). A
 * sync inserts into the key ranges of the few recipes it walks at a time and reads back only
 * their newest jobs: the B-tree pages on those paths are all it revisits. With 8 MB the 1.7M-job
 * benchmark ran as fast as with 16 MB and peaked ~7 MB lower (bench/README.md, "Sync").
 */
export const SYNC_PAGE_CACHE_KIB = 8192;

function openSyncArchive(path: string): Archive {
  return openArchive(path, { pageCacheKiB: SYNC_PAGE_CACHE_KIB });
}

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
  const archive = openSyncArchive(job.archivePath);
  const targets = resolved.targets.filter((t) => inShard(t.key, job.shard));
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
    const { summary, unresolved, totals } = await syncResolved({
      archive,
      targets,
      failures: resolved.failures.filter((f) => inShard(f.account, job.shard)),
      stats: combinedStats(resolved.targets),
      since: job.since,
      logger,
      signal: hooks.signal,
      onProgress: hooks.onProgress,
      accountConcurrency: job.accountConcurrency,
      recipeConcurrency: job.recipeConcurrency,
    });
    const outcomes = [...unresolved, ...summary.outcomes];
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
  const archive = openSyncArchive(job.archivePath);
  try {
    return await syncSelectedAccounts({
      archive,
      selectors: job.selectors,
      accountsFile: job.accountsFile,
      env: hooks.env,
      since: job.since,
      logger: hooks.logger,
      signal: hooks.signal,
      onProgress: hooks.onProgress,
    });
  } finally {
    await archive.close();
  }
}
