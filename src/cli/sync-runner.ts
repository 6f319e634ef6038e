/**
 * The `sync` command's work: check the flags, run the sync in its thread (sync-thread.ts) with
 * progress while this thread checkpoints the archive's WAL, stop it cleanly on Ctrl-C /
 * SIGTERM, print the per-account summary and map the outcome to an exit code (1 when any
 * account failed or the run was stopped).
 */
import type { ClientStats } from '../extract/workato/api.js';
import { ConfigError, ExitError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { resolveArchivePath } from '../store/archive-path.js';
import { startWalCheckpointer } from '../store/sqlite/wal-checkpointer.js';
import { parseShard } from '../store/sync/shard.js';
import type { SyncArgs } from './commands/sync.js';
import { createSyncProgress, formatSyncSummary } from './sync-progress.js';
import { syncOffThread } from './sync-thread.js';

/** How often the main thread checkpoints the WAL the sync thread writes (wal-checkpointer.ts). */
const CHECKPOINT_INTERVAL_MS = 250;

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
  const log = {
    level: env.LOG_LEVEL ?? (tty ? 'warn' : 'info'),
    pretty: tty,
  };
  const logger = createLogger(log);
  const since = parseSince(args.since, Date.now());
  const shard = args.shard === undefined ? null : parseShard(args.shard);
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    logger.warn(`${signal}: stopping after the current transaction`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const archivePath = resolveArchivePath(args.db, env);
  const checkpointer =
    archivePath === ':memory:'
      ? null
      : startWalCheckpointer(archivePath, { intervalMs: CHECKPOINT_INTERVAL_MS, logger });
  let stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0 };
  const progress = createSyncProgress(process.stderr, () => stats);
  try {
    const result = await syncOffThread(
      {
        archivePath,
        accountsFile: args.accounts,
        account: args.account,
        since,
        shard,
        accountConcurrency: args.concurrency,
        recipeConcurrency: args['recipe-concurrency'],
        log,
        progress: tty,
      },
      {
        env,
        signal: controller.signal,
        onProgress: (event, at) => {
          stats = at;
          progress.onProgress(event);
        },
      },
    );
    progress.stop();
    process.stdout.write(formatSyncSummary(result.outcomes));
    if (result.interrupted || result.outcomes.some((o) => !o.ok)) throw new ExitError(1);
  } finally {
    checkpointer?.stop();
    progress.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
