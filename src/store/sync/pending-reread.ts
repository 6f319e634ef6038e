/**
 * Jobs archived as pending that this sync's walks did not see again: re-read one by one
 * (getJob) when they are few or when that is cheaper than paging down to the oldest of them,
 * else page on from where the walk stopped until every one of them has been seen or the list
 * ends.
 */
import { NotFoundError } from '../../extract/http/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { JobCheckpoint } from '../archive.js';
import type { WalkContext } from './job-walk.js';
import { toJobRecord } from './records.js';
import { throwIfStopped } from './stop.js';

/** Up to this many pending jobs of a recipe are always re-read one by one. */
export const DEFAULT_SINGLE_REREADS = 10;

export interface RereadOptions {
  /** Where the last walk stopped (the oldest job it read), or null. */
  lastJobId: string | null;
  logger: Logger;
}

export async function rereadPending(
  ctx: WalkContext,
  checkpoint: JobCheckpoint,
  options: RereadOptions,
): Promise<{ updated: number }> {
  const pending = (await ctx.archive.pendingJobs(ctx.accountKey, ctx.recipeId)).filter(
    (j) => !ctx.seen.has(j.id),
  );
  const oldest = pending[0];
  if (oldest === undefined) return { updated: 0 };
  const pageSize = ctx.pageSize.full;
  const pagesNeeded =
    pageSize > 0
      ? Math.ceil(
          (await ctx.archive.countRecipeJobsSince(ctx.accountKey, ctx.recipeId, oldest.startedAt)) /
            pageSize,
        )
      : Number.POSITIVE_INFINITY;
  // Pages counted from the top: an upper bound, since the walk already read the first ones.
  const onePerJob = pending.length <= DEFAULT_SINGLE_REREADS || pending.length <= pagesNeeded;
  if (onePerJob || options.lastJobId === null) {
    let updated = 0;
    for (const job of pending) {
      throwIfStopped(ctx.signal);
      try {
        const fresh = await ctx.api.getJob(ctx.recipeId, job.id);
        const record = toJobRecord(ctx.accountKey, ctx.recipeId, fresh);
        throwIfStopped(ctx.signal);
        updated += (await ctx.archive.saveJobsPage([record], checkpoint)).updated;
        ctx.seen.add(job.id);
        ctx.onPage(1);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        options.logger.warn(
          { account: ctx.accountKey, recipeId: ctx.recipeId, jobId: job.id },
          'a pending job is no longer listed by Workato; it stays archived as pending',
        );
      }
    }
    return { updated };
  }
  const waiting = new Set(pending.map((j) => j.id));
  let updated = 0;
  for await (const page of ctx.api.jobPages(ctx.recipeId, { offsetJobId: options.lastJobId })) {
    throwIfStopped(ctx.signal);
    // Only jobs the archive holds are refreshed; the walk decides what else belongs in it.
    const all = page.jobs.map((j) => toJobRecord(ctx.accountKey, ctx.recipeId, j));
    const known = await ctx.archive.existingJobIds(ctx.accountKey, ctx.recipeId, all);
    const records = all.filter((r) => known.has(r.id));
    updated += (await ctx.archive.saveJobsPage(records, checkpoint)).updated;
    for (const r of records) {
      ctx.seen.add(r.id);
      waiting.delete(r.id);
    }
    ctx.onPage(records.length);
    if (waiting.size === 0) break;
  }
  return { updated };
}
