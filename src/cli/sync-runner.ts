/**
 * The `sync` command's work: resolve the accounts, keep the shard's, sync them into the archive
 * with progress, stop cleanly on Ctrl-C / SIGTERM, print the per-account summary and map the
 * outcome to an exit code (1 when any account failed or the run was stopped).
 */
import { resolveAccounts } from '../extract/workato/resolve-accounts.js';
import { ConfigError, describeError, ExitError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { redact } from '../shared/redact.js';
import type { AccountSyncOutcome } from '../store/archive.js';
import { openArchive, resolveArchivePath } from '../store/index.js';
import {
  combinedStats,
  inShard,
  parseShard,
  syncAccounts,
  syncTargetOf,
} from '../store/sync/index.js';
import type { SyncArgs } from './commands/sync.js';
import { createSyncProgress, formatSyncSummary } from './sync-progress.js';

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since`: 'all' (null), a duration back from now (30d, 12h, 2w) or an ISO date. */
export function parseSince(text: string, now: number): number | null {
  const value = text.trim();
  if (value === 'all') return null;
  const duration = /^(\d+)([hdw])$/.exec(value);
  if (duration) return now - Number(duration[1]) * (UNIT_MS[duration[2] ?? 'd'] ?? 0);
  const at = Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(at)) return at;
  throw new ConfigError(`--since ${text}: expected a duration (30d, 12h, 2w), a date or 'all'`);
}

export async function runSyncCommand(
  args: SyncArgs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  // On a TTY the progress bar says what the info lines would; they would break it up.
  const tty = Boolean(process.stderr.isTTY);
  const logger = createLogger(tty && env.LOG_LEVEL === undefined ? { level: 'warn' } : {});
  const since = parseSince(args.since, Date.now());
  const shard = args.shard === undefined ? null : parseShard(args.shard);
  const resolved = await resolveAccounts({
    ...(args.accounts === undefined ? {} : { accountsFile: args.accounts }),
    ...(args.account === undefined ? {} : { only: args.account }),
    env,
    logger,
  });
  const targets = resolved.targets.filter((t) => inShard(t.key, shard));
  const unresolved: AccountSyncOutcome[] = resolved.failures
    .filter((f) => inShard(f.account, shard))
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
  const path = resolveArchivePath(args.db, env);
  const archive = openArchive(path);
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    logger.warn(`${signal}: stopping after the current transaction`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const stats = combinedStats(resolved.targets);
  const progress = createSyncProgress(process.stderr, stats);
  logger.info(
    { archive: path, accounts: targets.length, since, shard: args.shard ?? null },
    'sync started',
  );
  try {
    const summary = await syncAccounts(targets.map(syncTargetOf), archive, {
      since,
      signal: controller.signal,
      logger,
      clientStats: stats,
      onProgress: progress.onProgress,
      accountConcurrency: args.concurrency,
      recipeConcurrency: args['recipe-concurrency'],
    });
    for (const outcome of unresolved) await archive.recordAccountOutcome(summary.runId, outcome);
    progress.stop();
    const outcomes = [...unresolved, ...summary.outcomes];
    process.stdout.write(formatSyncSummary(outcomes));
    const totals = stats();
    logger.info(
      {
        accounts: outcomes.length,
        failed: outcomes.filter((o) => !o.ok).map((o) => o.accountKey),
        ...totals,
      },
      'sync finished',
    );
    if (summary.interrupted || outcomes.some((o) => !o.ok)) throw new ExitError(1);
  } finally {
    progress.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await archive.close();
  }
}
