/**
 * Jobs as pure functions of (seed, recipe, index): start time, duration, outcome, error and
 * title. Nothing is materialised; a recipe's job `i` exists when its start time falls inside
 * one of the recipe's running intervals and is not in the future. Start times grow strictly
 * with the index, so "newest first" is "highest index first" and a cursor is just an index.
 */
import { ERROR_TEMPLATES, JOB_TITLES, POLL_ERRORS, fillTemplate, longError } from './content.js';
import { HOUR_MS } from './model.js';
import type { RecipeModel } from './model.js';
import { hash4, pickBy, unitHash } from './rng.js';

/** No job runs longer than this, so jobs started earlier are settled. */
export const MAX_DURATION_MS = 3 * HOUR_MS;

export type JobStatus = 'succeeded' | 'failed' | 'pending';

export interface JobFacts {
  index: number;
  startedAt: number;
  /** When the job completes; after "now" the job is still pending. */
  completesAt: number;
  /** The outcome once completed. */
  outcome: 'succeeded' | 'failed';
  isPollError: boolean;
  error: string | null;
  title: string;
  isRepeat: boolean;
  masterIndex: number | null;
}

export function startOf(recipe: RecipeModel, index: number): number {
  const { start, intervalMs } = recipe.schedule;
  const jitter = (0.9 * hash4(recipe.seed, recipe.id, index, 11)) / 0x100000000;
  return start + Math.floor((index + jitter) * intervalMs);
}

/** The smallest index whose start is at or after `time`. */
export function firstIndexAtOrAfter(recipe: RecipeModel, time: number): number {
  const { start, intervalMs } = recipe.schedule;
  if (time <= start) return 0;
  let index = Math.max(0, Math.floor((time - start) / intervalMs) - 1);
  while (startOf(recipe, index) < time) index += 1;
  return index;
}

type FailureKind = 'none' | 'poll' | 'trigger-errors' | 'long' | 'template';

function failureKind(
  recipe: RecipeModel,
  index: number,
  startedAt: number,
  h: number,
): FailureKind {
  if (recipe.pollErrorsFrom !== null && startedAt >= recipe.pollErrorsFrom) return 'trigger-errors';
  if (recipe.longErrors && index % 97 === 13) return 'long';
  if (hash4(recipe.seed, recipe.id, index, 14) / 0x100000000 >= recipe.failureRate) return 'none';
  return recipe.pollTrigger && h % 4 === 0 ? 'poll' : 'template';
}

function completionOf(recipe: RecipeModel, index: number, startedAt: number, h: number): number {
  const u = hash4(recipe.seed, recipe.id, index, 12) / 0x100000000;
  let duration =
    u < 0.9 ? 200 + u * 20_000 : u < 0.98 ? 20_000 + (u - 0.9) * 7e6 : 6e5 + (u - 0.98) * 5e8;
  // Jobs started in the two hours before the initial clock tend to still be running then.
  const recent = startedAt <= recipe.anchorMs && startedAt > recipe.anchorMs - 2 * HOUR_MS;
  if (recent && h % 2 === 0) duration = 1_800_000 + (h % 9_000_000);
  return startedAt + Math.min(Math.floor(duration), MAX_DURATION_MS);
}

/** A job's status at `now` without rendering its strings (for filters and counts). */
export function statusOf(recipe: RecipeModel, index: number, now: number): JobStatus {
  const startedAt = startOf(recipe, index);
  const h = hash4(recipe.seed, recipe.id, index, 13);
  if (completionOf(recipe, index, startedAt, h) > now) return 'pending';
  return failureKind(recipe, index, startedAt, h) === 'none' ? 'succeeded' : 'failed';
}

function repeatOf(index: number, h: number): boolean {
  return index > 0 && h % 50 === 7;
}

/** Whether the job is a re-run (`is_repeat`), cheaply, for the `rerun_only` filter. */
export function isRepeatJob(recipe: RecipeModel, index: number): boolean {
  return repeatOf(index, hash4(recipe.seed, recipe.id, index, 13));
}

/** The outcome alone (cheap: no strings), for counting. */
export function outcomeOf(recipe: RecipeModel, index: number): 'succeeded' | 'failed' {
  const startedAt = recipe.pollErrorsFrom === null ? 0 : startOf(recipe, index);
  const h = hash4(recipe.seed, recipe.id, index, 13);
  return failureKind(recipe, index, startedAt, h) === 'none' ? 'succeeded' : 'failed';
}

export function jobFacts(recipe: RecipeModel, index: number): JobFacts {
  const startedAt = startOf(recipe, index);
  const h = hash4(recipe.seed, recipe.id, index, 13);
  const completesAt = completionOf(recipe, index, startedAt, h);
  const trigger = recipe.triggerApp;
  const kind = failureKind(recipe, index, startedAt, h);
  let error: string | null = null;
  if (kind === 'trigger-errors') error = fillTemplate(POLL_ERRORS[1] ?? '', h, trigger);
  else if (kind === 'long') error = longError(h);
  else if (kind === 'poll')
    error = fillTemplate(pickBy(POLL_ERRORS, unitHash(h)), h >>> 3, trigger);
  else if (kind === 'template') {
    const template = ERROR_TEMPLATES[pickBy(recipe.errorTemplates, unitHash(h, 1))];
    error = fillTemplate(template ?? '', h >>> 3, trigger);
  }
  const isPollError = kind === 'poll' || kind === 'trigger-errors';
  const isRepeat = repeatOf(index, h);
  return {
    index,
    startedAt,
    completesAt,
    outcome: error === null ? 'succeeded' : 'failed',
    isPollError,
    error,
    title:
      isPollError && error ? error : fillTemplate(pickBy(JOB_TITLES, unitHash(h, 2)), h, trigger),
    isRepeat,
    masterIndex: isRepeat ? index - 1 : null,
  };
}

export function statusAt(job: JobFacts, now: number): JobStatus {
  return job.completesAt > now ? 'pending' : job.outcome;
}

/**
 * Index ranges [lo, hi) of the jobs that exist at `now` and started at or after `cutoff`,
 * ascending. Pass -Infinity as cutoff for the lifetime (retention ignored).
 */
export function jobRanges(
  recipe: RecipeModel,
  now: number,
  cutoff: number,
): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const interval of recipe.intervals) {
    const from = Math.max(interval.from, cutoff, recipe.schedule.start);
    const to = Math.min(interval.to, now + 1);
    if (from >= to) continue;
    const lo = firstIndexAtOrAfter(recipe, from);
    const hi = firstIndexAtOrAfter(recipe, to);
    if (lo < hi) ranges.push([lo, hi]);
  }
  return ranges;
}

export function rangeSize(ranges: ReadonlyArray<[number, number]>): number {
  let total = 0;
  for (const [lo, hi] of ranges) total += hi - lo;
  return total;
}

/** Indices in the ranges, newest first, strictly below `below` (Infinity for all). */
export function* indicesDescending(
  ranges: ReadonlyArray<[number, number]>,
  below: number,
): Generator<number> {
  for (let r = ranges.length - 1; r >= 0; r -= 1) {
    const [lo, hi] = ranges[r] ?? [0, 0];
    for (let i = Math.min(hi, below) - 1; i >= lo; i -= 1) yield i;
  }
}

/** Indices in the ranges, oldest first, strictly above `above`. */
export function* indicesAscending(
  ranges: ReadonlyArray<[number, number]>,
  above: number,
): Generator<number> {
  for (const [lo, hi] of ranges) {
    for (let i = Math.max(lo, above + 1); i < hi; i += 1) yield i;
  }
}

export interface RecipeJobStats {
  succeeded: number;
  failed: number;
  pending: number;
  /** Start of the newest job, or null when the recipe never ran. */
  lastRunAt: number | null;
}

/**
 * Lifetime counts as of `now`. Jobs started more than MAX_DURATION_MS ago are settled and
 * counted once into the recipe's cache; only the recent tail is looked at on every call.
 */
export function recipeJobStats(recipe: RecipeModel, now: number): RecipeJobStats {
  const ranges = jobRanges(recipe, now, Number.NEGATIVE_INFINITY);
  const settled = firstIndexAtOrAfter(recipe, now - MAX_DURATION_MS);
  const cache = recipe.counts;
  if (settled > cache.upTo) {
    for (const [lo, hi] of ranges) {
      for (let i = Math.max(lo, cache.upTo); i < Math.min(hi, settled); i += 1) {
        if (outcomeOf(recipe, i) === 'succeeded') cache.succeeded += 1;
        else cache.failed += 1;
      }
    }
    cache.upTo = settled;
  }
  const stats = {
    succeeded: cache.succeeded,
    failed: cache.failed,
    pending: 0,
    lastRunAt: null as number | null,
  };
  for (const i of indicesAscending(ranges, cache.upTo - 1)) stats[statusOf(recipe, i, now)] += 1;
  const last = ranges[ranges.length - 1];
  if (last) stats.lastRunAt = startOf(recipe, last[1] - 1);
  return stats;
}
