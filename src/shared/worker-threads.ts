/**
 * What every worker thread of recipe-ops is started with: the compiled script to run, and the
 * V8 heap limits of a thread that streams a report.
 */
import { existsSync } from 'node:fs';
import type { ResourceLimits } from 'node:worker_threads';

/**
 * V8 heap of a thread that streams a report (the archive reader, the file sink). Such a thread
 * holds little (a batch, a merge buffer, a few caches) but allocates hundreds of MB for every
 * million rows. With V8's defaults each thread's young generation grows to 32 MB, and its old
 * generation to four times what is live between two collections, all of it resident: with two
 * such threads that was most of the 180–230 MB a 1M-row report took. 12 MB of young
 * generation (4 MB semi-spaces) still lets a row die young; the old generation limit is set so
 * that V8 grows the old generation by a factor of 1.3–2 rather than 4 (V8 picks the factor
 * from the limit, 4 only for 2 GB and more). No streamed report comes near 1 GB. Measured in
 * bench/sinks.mjs (bench/README.md, "File sinks").
 */
export const STREAMING_THREAD_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 12,
  maxOldGenerationSizeMb: 1024,
};

/**
 * The compiled worker script `relative` to the module at `moduleUrl`. Under vitest, modules run
 * from src/ as TypeScript, which a worker thread cannot load: the worker is then taken from the
 * build in dist/ (`npm test` builds first).
 */
export function workerScript(relative: string, moduleUrl: string): URL {
  const here = new URL(relative, moduleUrl);
  if (!moduleUrl.endsWith('.ts')) return here;
  const built = new URL(here.href.replace('/src/', '/dist/'));
  if (!existsSync(built)) throw new Error(`worker not built (npm run build): ${built.pathname}`);
  return built;
}
