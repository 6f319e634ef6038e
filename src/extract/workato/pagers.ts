/**
 * The two paging styles of the API, as async generators. Callers never see pages, except sync,
 * which consumes `jobCursorPages` to checkpoint page by page. Both stop at a hard cap on pages
 * with a warning that names the cap.
 */
import type { Logger } from '../../shared/logger.js';
import type { Job } from './schemas.js';

/** Recipes and managed users: 100 a page, the most the API allows. */
export const DEFAULT_PER_PAGE = 100;
/** 1,000 pages of 100 = 100,000 recipes or customers. */
export const DEFAULT_MAX_PAGES = 1000;
/** 10,000 pages of jobs per recipe per call. */
export const DEFAULT_MAX_JOB_PAGES = 10_000;

export interface PagerOptions {
  /** What is paged, for the warning: "GET /api/recipes of acme". */
  what: string;
  logger: Logger;
  maxPages?: number;
}

function warnCap(options: PagerOptions, cap: number): void {
  options.logger.warn(
    { maxPages: cap },
    `stopped paging ${options.what} at the cap of ${cap} pages (maxPages); ` +
      'later items were not read',
  );
}

/** `page`/`per_page` paging until a short page (no totals in the API). */
export async function* pageNumberPager<T>(
  fetchPage: (page: number, perPage: number) => Promise<T[]>,
  options: PagerOptions & { perPage?: number },
): AsyncGenerator<T> {
  const perPage = options.perPage ?? DEFAULT_PER_PAGE;
  const cap = options.maxPages ?? DEFAULT_MAX_PAGES;
  for (let page = 1; ; page += 1) {
    if (page > cap) return warnCap(options, cap);
    const items = await fetchPage(page, perPage);
    yield* items;
    if (items.length < perPage) return;
  }
}

export interface RawJobsPage {
  jobs: Job[];
  jobSucceededCount: number | null;
  jobFailedCount: number | null;
  jobCount: number | null;
  /** Jobs matching the filter in all (`job_scope_count`, newest API versions only). */
  jobScopeCount?: number | null;
}

export interface CursorPage extends RawJobsPage {
  nextOffsetJobId: string | null;
}

/**
 * Jobs by `offset_job_id`. prev=false: newest first, each page older than the cursor, the next
 * cursor is the last job of the page. prev=true: jobs newer than the cursor; the order inside
 * such a page is not relied on: the next cursor is the job that started last, and ids already
 * seen are dropped. The page size is undocumented: paging ends on an empty page, on a page with
 * nothing new, on a page shorter than a full one seen before (or than `pageSize` if known), or
 * when a first page already holds all `job_scope_count` jobs (no second request for a recipe
 * with few jobs).
 */
export async function* jobCursorPages(
  fetchPage: (offsetJobId: string | undefined) => Promise<RawJobsPage>,
  options: PagerOptions & { prev?: boolean; offsetJobId?: string; pageSize?: number },
): AsyncGenerator<CursorPage> {
  const cap = options.maxPages ?? DEFAULT_MAX_JOB_PAGES;
  const prev = options.prev ?? false;
  const seen = new Set<string>();
  let fullPage = options.pageSize ?? 0;
  let cursor = options.offsetJobId;
  for (let page = 1; ; page += 1) {
    if (page > cap) return warnCap(options, cap);
    const raw = await fetchPage(cursor);
    // Only prev=true pages may overlap; older-going pages are strictly before their cursor.
    const jobs = prev ? raw.jobs.filter((job) => !seen.has(job.id)) : raw.jobs;
    if (prev) for (const job of jobs) seen.add(job.id);
    const next = jobs.length === 0 ? null : prev ? newestOf(jobs) : jobs[jobs.length - 1]!.id;
    const scope = raw.jobScopeCount ?? null;
    const whole = cursor === undefined && scope !== null && raw.jobs.length >= scope;
    const short = fullPage > 0 && raw.jobs.length < fullPage;
    const last = next === null || whole || short || next === cursor;
    fullPage = Math.max(fullPage, raw.jobs.length);
    const { jobScopeCount: _scope, ...counts } = raw;
    yield { ...counts, jobs, nextOffsetJobId: last ? null : next };
    if (last) return;
    cursor = next;
  }
}

function newestOf(jobs: readonly Job[]): string {
  let best = jobs[0]!;
  for (const job of jobs) if (Date.parse(job.started_at) >= Date.parse(best.started_at)) best = job;
  return best.id;
}
