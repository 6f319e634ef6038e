/**
 * What the main thread does while a sync thread works, for `sync` and for the sync a report
 * runs first: passes Ctrl-C / SIGTERM on as a stop after the current transaction, shows the
 * progress bar on a TTY, and checkpoints the archive's WAL (wal-checkpointer.ts).
 */
import type { ClientStats } from '../extract/workato/api.js';
import type { Logger } from '../shared/logger.js';
import { isInMemoryArchive } from '../store/archive-path.js';
import { startWalCheckpointer } from '../store/sqlite/wal-checkpointer.js';
import type { SyncProgressEvent } from '../store/sync/types.js';
import { createSyncProgress } from './sync-progress.js';

/** How often the main thread checkpoints the WAL the sync thread writes. */
const CHECKPOINT_INTERVAL_MS = 250;

export interface SyncControls {
  signal: AbortSignal;
  /** Whether anything shows progress (a TTY): the thread need not send it otherwise. */
  progress: boolean;
  onProgress: (event: SyncProgressEvent, stats: ClientStats) => void;
}

export async function superviseSync<T>(
  options: { archivePath: string; logger: Logger; stopping: string },
  run: (controls: SyncControls) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    options.logger.warn(`${signal}: ${options.stopping}`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const checkpointer = isInMemoryArchive(options.archivePath)
    ? null
    : startWalCheckpointer(options.archivePath, {
        intervalMs: CHECKPOINT_INTERVAL_MS,
        logger: options.logger,
      });
  let stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0 };
  const progress = createSyncProgress(process.stderr, () => stats);
  try {
    return await run({
      signal: controller.signal,
      progress: Boolean(process.stderr.isTTY),
      onProgress: (event, at) => {
        stats = at;
        progress.onProgress(event);
      },
    });
  } finally {
    progress.stop();
    checkpointer?.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
