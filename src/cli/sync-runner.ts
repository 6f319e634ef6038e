/**
 * The `sync` command's work: check the flags, run the sync in its thread (sync-thread.ts) under
 * the main thread's supervision (progress, Ctrl-C / SIGTERM, WAL checkpoints), print the
 * per-account summary and map the outcome to an exit code (1 when any account failed or the
 * run was stopped).
 */
import { ConfigError, ExitError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { resolveArchivePath } from '../store/archive-path.js';
import { parseShard } from '../store/sync/shard.js';
import type { SyncArgs } from './commands/sync.js';
import { formatSyncSummary } from './sync-progress.js';
import { superviseSync } from './sync-supervisor.js';
import { syncOffThread } from './sync-thread.js';

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
  const archivePath = resolveArchivePath(args.db, env);
  const result = await superviseSync(
    { archivePath, logger, stopping: 'stopping after the current transaction' },
    (controls) =>
      syncOffThread(
        {
          archivePath,
          accountsFile: args.accounts,
          account: args.account,
          since,
          shard,
          accountConcurrency: args.concurrency,
          recipeConcurrency: args['recipe-concurrency'],
          log,
          progress: controls.progress,
        },
        { env, signal: controls.signal, onProgress: controls.onProgress },
      ),
  );
  process.stdout.write(formatSyncSummary(result.outcomes));
  if (result.interrupted || result.outcomes.some((o) => !o.ok)) throw new ExitError(1);
}
