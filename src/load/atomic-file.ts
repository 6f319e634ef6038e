/**
 * Atomic file replacement for the file sinks: write into a temporary file in the destination's
 * own folder (so the final rename stays on one file system), flush it to disk, then rename it
 * over the destination. A reader sees the old file or the new one, never half of one; a failed
 * write removes its temporary file and leaves the previous file untouched.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicFileOptions {
  /** fsync the data before the rename (default true), so a crash cannot leave an empty file. */
  fsync?: boolean;
}

/** `.job-history.csv.<pid>.<random>.tmp`: hidden, and names the process that owns it. */
function tempNameFor(finalPath: string): string {
  const suffix = randomBytes(4).toString('hex');
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${suffix}.tmp`);
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files that a killed run left beside `finalPath` (their owner process is
 * gone). A kill cannot clean up after itself; the next write to the same file does.
 */
export async function sweepStaleTempFiles(finalPath: string): Promise<string[]> {
  const prefix = `.${basename(finalPath)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dirname(finalPath));
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
    if (!match || processIsAlive(Number(match[1]))) continue;
    const path = join(dirname(finalPath), name);
    await removeQuietly(path);
    removed.push(path);
  }
  return removed;
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A temporary file that becomes `finalPath` on `commit()`, or disappears on `discard()`. */
export class AtomicFile {
  readonly finalPath: string;
  readonly tempPath: string;
  private readonly fsync: boolean;
  private settled = false;

  constructor(finalPath: string, options: AtomicFileOptions = {}) {
    this.finalPath = finalPath;
    this.tempPath = tempNameFor(finalPath);
    this.fsync = options.fsync ?? true;
  }

  /** Makes the temporary file the destination. Call once the temporary file is closed. */
  async commit(): Promise<void> {
    if (this.settled) throw new Error(`atomic file already settled: ${this.finalPath}`);
    this.settled = true;
    try {
      if (this.fsync) await syncFile(this.tempPath);
      await rename(this.tempPath, this.finalPath);
    } catch (error) {
      await removeQuietly(this.tempPath);
      throw error;
    }
  }

  /** Removes the temporary file (if any); the destination is left as it was. */
  async discard(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await removeQuietly(this.tempPath);
  }
}

/**
 * Runs `write(tempPath)` and commits on success; on any error the temporary file is removed
 * and the error rethrown. `write` must have closed the file when its promise settles.
 */
export async function withAtomicFile<T>(
  finalPath: string,
  write: (tempPath: string) => Promise<T>,
  options: AtomicFileOptions = {},
): Promise<T> {
  await sweepStaleTempFiles(finalPath);
  const file = new AtomicFile(finalPath, options);
  let result: T;
  try {
    result = await write(file.tempPath);
  } catch (error) {
    await file.discard();
    throw error;
  }
  await file.commit();
  return result;
}

/** Writes a small file (text or bytes) atomically. */
export async function writeFileAtomic(
  finalPath: string,
  data: string | Uint8Array,
  options: AtomicFileOptions = {},
): Promise<void> {
  await withAtomicFile(finalPath, (tempPath) => writeFile(tempPath, data), options);
}
