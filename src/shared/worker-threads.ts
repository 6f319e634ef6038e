/**
 * What the worker threads of recipe-ops are started with: the compiled script to run, and the
 * V8 heap limits of the threads that stream a report or sync accounts.
 */
import { existsSync } from 'node:fs';
import type { ResourceLimits } from 'node:worker_threads';

/**
 * V8 heaps of the threads that stream a report. Such a thread holds little (a batch, a merge
 * buffer, a few caches) but allocates hundreds of MB for every million rows, and with V8's
 * defaults each thread's young generation grows to 32 MB and its old generation to four times
 * what is live between two collections, all of it resident: with two such threads that was
 * most of the 180–230 MB a 1M-row report took. The old generation limit is there for V8's
 * heap growing factor, which V8 picks from the limit (4 only for 2 GB and more, 1.3–2 below):
 * the old generation stays near what is live. No streamed report comes near 1 GB. The young
 * generation is sized per thread: the archive reader keeps only its merge buffer alive and is
 * as fast with 6 MB (2 MB semi-spaces); the sink renders and writes in batches and needs 12 MB
 * not to pay for it in scavenges. Measured with bench/sinks.mjs (bench/README.md, "File
 * sinks").
 */
export const READER_THREAD_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 6,
  maxOldGenerationSizeMb: 1024,
};
export const SINK_THREAD_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 12,
  maxOldGenerationSizeMb: 1024,
};

/**
 * V8 heaps of the sync thread. It keeps a few pages in flight per account and little else
 * (25–30 MB of its heap in use however many jobs it has written) but allocates ~1 KB a job: on
 * the main thread, under V8's defaults, its heap grew to ~100 MB. Its pages in flight outlive a
 * scavenge or two, so a young generation as small as the report threads' (12 MB) promotes them
 * and pays in full collections (a third slower); 24 MB (8 MB semi-spaces) was as fast as V8's
 * default 48 MB and peaked ~15 MB lower. The old generation limit is there for the growing
 * factor, as above. Measured with bench/sync.mjs (bench/README.md, "Sync").
 */
export const SYNC_THREAD_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 24,
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
