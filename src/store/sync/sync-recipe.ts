/**
 * The jobs of one recipe: skip it when nothing moved, else finish any interrupted walk, walk
 * from the top down to what is archived, re-read jobs still pending, and only then record the
 * recipe's counters: they are what lets the next sync skip the recipe.
 */
import type { Logger } from '../../shared/logger.js';
import type { JobCheckpoint, RecipeRecord } from '../archive.js';
import { emptyCheckpoint, walkJobs } from './job-walk.js';
import type { WalkContext } from './job-walk.js';
import { rereadPending } from './pending-reread.js';

export interface RecipeJobsResult {
  inserted: number;
  updated: number;
  skipped: boolean;
}

/** True when the recipe's last_run_at and job counts are those of its last completed sync. */
export function unchangedSinceLastSync(checkpoint: JobCheckpoint, recipe: RecipeRecord): boolean {
  return (
    checkpoint.backfillCursor === null &&
    checkpoint.lastRunAt === recipe.lastRunAt &&
    checkpoint.jobSucceededCount === recipe.jobSucceededCount &&
    checkpoint.jobFailedCount === recipe.jobFailedCount
  );
}

export async function syncRecipeJobs(
  ctx: WalkContext,
  recipe: RecipeRecord,
  logger: Logger,
): Promise<RecipeJobsResult> {
  const stored =
    (await ctx.archive.getCheckpoint(ctx.accountKey, recipe.id)) ??
    emptyCheckpoint(ctx.accountKey, recipe.id);
  // A later --since earlier than the first backfill's does not fetch the older jobs; it would
  // take a walk from the oldest archived job down to the new bound (not built yet).
  if (unchangedSinceLastSync(stored, recipe)) return { inserted: 0, updated: 0, skipped: true };
  let checkpoint = stored;
  let inserted = 0;
  let updated = 0;
  if (checkpoint.backfillCursor !== null) {
    const resumed = await walkJobs(ctx, checkpoint, true);
    ({ checkpoint } = resumed);
    inserted += resumed.inserted;
    updated += resumed.updated;
  }
  let lastJobId: string | null = null;
  if (checkpoint.backfillCursor === null) {
    const fromTop = await walkJobs(ctx, checkpoint, false);
    ({ checkpoint, lastJobId } = fromTop);
    inserted += fromTop.inserted;
    updated += fromTop.updated;
  }
  // A walk cut short by the pager's page cap goes on next time; counters stay unrecorded.
  if (checkpoint.backfillCursor !== null) return { inserted, updated, skipped: false };
  const reread = await rereadPending(ctx, checkpoint, { lastJobId, logger });
  updated += reread.updated;
  await ctx.archive.saveCheckpoint({
    ...checkpoint,
    lastRunAt: recipe.lastRunAt,
    jobSucceededCount: recipe.jobSucceededCount,
    jobFailedCount: recipe.jobFailedCount,
  });
  return { inserted, updated, skipped: false };
}
