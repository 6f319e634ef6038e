/**
 * WAL checkpoints of an archive that another thread is writing, run from this one. A sync
 * appends every page to the WAL, and copying the WAL back into the archive file (a checkpoint,
 * with its fsync) cost the sync thread ~10 % of its time when its own connection did it at
 * each autocheckpoint. A thread with nothing else to do (the CLI's main thread while its sync
 * thread works) runs passive checkpoints every interval instead: they never block the writer,
 * and the writer's own autocheckpoint then finds little left to copy.
 */
import { existsSync } from 'node:fs';

import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

import type { Logger } from '../../shared/logger.js';

export interface WalCheckpointer {
  /** Stops the timer and closes the connection (no final checkpoint: the writer's close does). */
  stop(): void;
  /** Checkpoints that copied frames, for tests and logs. */
  readonly checkpoints: number;
}

/** The archive at `path` is opened at the first tick that finds it (the writer creates it). */
export function startWalCheckpointer(
  path: string,
  options: { intervalMs: number; logger: Logger },
): WalCheckpointer {
  let db: Database | null = null;
  let checkpoints = 0;
  let failed = false;
  const tick = () => {
    if (failed) return;
    try {
      if (db === null) {
        if (!existsSync(`${path}-wal`)) return;
        db = new BetterSqlite3(path, { fileMustExist: true });
        db.pragma('busy_timeout = 0');
      }
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { checkpointed: number }[];
      if ((result?.checkpointed ?? 0) > 0) checkpoints += 1;
    } catch (error) {
      // The writer's own autocheckpoint was running: next time.
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return;
      // The writer checkpoints by itself as well: a failure here costs speed, never data.
      failed = true;
      options.logger.warn({ err: error, archive: path }, 'background WAL checkpoints stopped');
    }
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (db?.open) db.close();
      db = null;
    },
    get checkpoints() {
      return checkpoints;
    },
  };
}
