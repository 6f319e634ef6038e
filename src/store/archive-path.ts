/**
 * Where the archive lives: `--db`, else RECIPE_OPS_DB, else a per-user default under
 * XDG_DATA_HOME (or ~/.local/share) — recipe-ops/archive.sqlite.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Whether the archive is SQLite's in-memory database (`--db :memory:`): private to the one
 * connection that opened it, so no other thread can open it too.
 */
export function isInMemoryArchive(path: string): boolean {
  return path === ':memory:';
}

export function resolveArchivePath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (flag !== undefined && flag !== '') return isInMemoryArchive(flag) ? flag : resolve(flag);
  const fromEnv = env.RECIPE_OPS_DB;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const dataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  return join(dataHome, 'recipe-ops', 'archive.sqlite');
}
