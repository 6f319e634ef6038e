/**
 * One walk down a recipe's jobs list (prev=false: newest first, each page older than its
 * cursor), writing every page and moving the checkpoint in the same transaction.
 *
 * Two markers make a killed walk resumable without ever taking a gap for archived:
 * - `newestJobId` (M): every job from M down to the backfill bound is archived;
 * - `walkTopJobId` (T) + `backfillCursor` (C): a walk in progress archived T..C; it goes on
 *   from C and only on its last page does T become the new M.
 * A walk without M (the first backfill) stops at `since` or the end of the list; a walk with M
 * stops at the first page holding an already archived job. Only the documented newest-first
 * order of prev=false pages is relied on.
 */
import type { WorkspaceApi } from '../../extract/workato/api.js';
import type { Archive, JobCheckpoint, JobRecord } from '../archive.js';
import { toEpoch, toJobRecord } from './records.js';
import { throwIfStopped } from './stop.js';

/** The jobs page size is undocumented: learned from pages that were followed by more. */
export interface PageSizeMemo {
  full: number;
}

export interface WalkContext {
  api: WorkspaceApi;
  archive: Archive;
  accountKey: string;
  recipeId: number;
  /** Backfill bound of a first walk (epoch ms), or null for all Workato has. */
  since: number | null;
  pageSize: PageSizeMemo;
  /**
   * Ids of the jobs this sync wrote as pending: their status is fresh, the re-read of pending
   * jobs skips them. Only pending ones: a set of every id written would grow with the history.
   */
  seen: Set<string>;
  signal: AbortSignal | undefined;
  onPage: (jobs: number) => void;
}

export interface WalkResult {
  checkpoint: JobCheckpoint;
  inserted: number;
  updated: number;
  /** The last (oldest) job of the walk's last page, where a further walk would go on. */
  lastJobId: string | null;
}

export function emptyCheckpoint(accountKey: string, recipeId: number): JobCheckpoint {
  return {
    accountKey,
    recipeId,
    newestJobId: null,
    newestStartedAt: null,
    backfillCursor: null,
    backfillSince: null,
    lastRunAt: null,
    jobSucceededCount: null,
    jobFailedCount: null,
    walkTopJobId: null,
    walkTopStartedAt: null,
  };
}

/** Walks from the top (`offset` undefined) or resumes from the checkpoint's cursor. */
export async function walkJobs(
  ctx: WalkContext,
  start: JobCheckpoint,
  resume: boolean,
): Promise<WalkResult> {
  const marker = start.newestJobId;
  const floor = marker === null ? ctx.since : null;
  const offset = resume ? (start.backfillCursor ?? undefined) : undefined;
  let top: { id: string; startedAt: number } | null =
    resume && start.walkTopJobId != null
      ? { id: start.walkTopJobId, startedAt: start.walkTopStartedAt ?? 0 }
      : null;
  let checkpoint = start;
  let inserted = 0;
  let updated = 0;
  let seenInWalk = 0;
  let jobCount: number | null = null;
  let previousLength = 0;
  let lastJobId: string | null = null;
  const pages = ctx.api.jobPages(ctx.recipeId, offset === undefined ? {} : { offsetJobId: offset });
  for await (const page of pages) {
    throwIfStopped(ctx.signal);
    if (previousLength > 0 && page.jobs.length > 0) {
      ctx.pageSize.full = Math.max(ctx.pageSize.full, previousLength);
    }
    previousLength = page.jobs.length;
    const first = page.jobs[0];
    if (!resume && seenInWalk === 0) {
      jobCount = page.jobCount;
      if (first !== undefined) top = { id: first.id, startedAt: toEpoch(first.started_at) };
    }
    seenInWalk += page.jobs.length;
    let records: JobRecord[] = page.jobs.map((j) => toJobRecord(ctx.accountKey, ctx.recipeId, j));
    let reached = false;
    let stoppedByFloor = false;
    if (marker !== null && records.length > 0) {
      const archived = await ctx.archive.existingJobIds(ctx.accountKey, ctx.recipeId, records);
      reached = archived.size > 0;
    }
    if (floor !== null) {
      const kept = records.filter((r) => r.startedAt >= floor);
      stoppedByFloor = kept.length < records.length;
      records = kept;
    }
    const last =
      reached ||
      stoppedByFloor ||
      page.nextOffsetJobId === null ||
      (ctx.pageSize.full > 0 && page.jobs.length < ctx.pageSize.full) ||
      (!resume && jobCount !== null && seenInWalk >= jobCount);
    lastJobId = page.jobs[page.jobs.length - 1]?.id ?? lastJobId;
    const next: JobCheckpoint = last
      ? {
          ...checkpoint,
          newestJobId: top?.id ?? marker,
          newestStartedAt: top?.startedAt ?? checkpoint.newestStartedAt,
          backfillCursor: null,
          walkTopJobId: null,
          walkTopStartedAt: null,
          backfillSince: marker === null ? (stoppedByFloor ? floor : null) : start.backfillSince,
        }
      : {
          ...checkpoint,
          backfillCursor: lastJobId,
          walkTopJobId: top?.id ?? null,
          walkTopStartedAt: top?.startedAt ?? null,
        };
    throwIfStopped(ctx.signal);
    const written = await ctx.archive.saveJobsPage(records, next);
    for (const r of records) if (r.status === 'pending') ctx.seen.add(r.id);
    inserted += written.inserted;
    updated += written.updated;
    checkpoint = next;
    ctx.onPage(records.length);
    if (last) return { checkpoint, inserted, updated, lastJobId };
  }
  // The pager ended without a page we took for the last (its own page cap): keep the cursor.
  return { checkpoint, inserted, updated, lastJobId };
}
