/**
 * Jobs in (account_key, started_at, id) order without an index in that order: the jobs table is
 * keyed (account, recipe, start, id) so that sync writes stay sequential, and reads merge the
 * recipes of each account. Each recipe is read in small keyset chunks, so memory is bounded by
 * (recipes of one account × chunk) whatever the number of jobs.
 */
import type { Database, Statement } from 'better-sqlite3';

import type { JobFilter, JobRecord } from '../archive.js';
import { buildJobQuery } from './job-query.js';
import { rowToJob } from './rows.js';
import type { SqlRow } from './rows.js';

/** Rows buffered per account at most (split over its recipes, at least 16 each). */
export const DEFAULT_MERGE_BUFFER = 4096;

interface Cursor {
  recipeId: number;
  rows: SqlRow[];
  at: number;
  done: boolean;
}

const before = (a: SqlRow, b: SqlRow): boolean => {
  const sa = Number(a.started_at);
  const sb = Number(b.started_at);
  return sa < sb || (sa === sb && String(a.id) < String(b.id));
};

export function* mergedJobs(db: Database, filter: JobFilter): Generator<JobRecord> {
  const { where, params } = buildJobQuery(filter);
  const pairs = recipesWithJobs(db);
  const page = db.prepare(
    `SELECT j.* FROM jobs j WHERE j.account_key = ? AND j.recipe_id = ? AND ${where} ` +
      'AND (j.started_at, j.id) > (?, ?) ORDER BY j.started_at, j.id LIMIT ?',
  );
  const accounts = [...new Set(pairs.map((p) => p.a))];
  for (const account of accounts) {
    if (filter.accounts !== undefined && !filter.accounts.includes(account)) continue;
    const recipes = pairs.filter((p) => p.a === account).map((p) => p.r);
    yield* mergeAccount(page, params, account, recipes);
  }
}

/** The distinct (account, recipe) prefixes of the jobs key: one index seek each. */
function recipesWithJobs(db: Database): { a: string; r: number }[] {
  const next = db.prepare(
    'SELECT account_key AS a, recipe_id AS r FROM jobs WHERE (account_key, recipe_id) > (?, ?) ' +
      'ORDER BY account_key, recipe_id LIMIT 1',
  );
  const pairs: { a: string; r: number }[] = [];
  let at = next.get('', Number.MIN_SAFE_INTEGER) as { a: string; r: number } | undefined;
  while (at !== undefined) {
    pairs.push(at);
    at = next.get(at.a, at.r) as { a: string; r: number } | undefined;
  }
  return pairs;
}

function* mergeAccount(
  page: Statement,
  params: readonly (string | number)[],
  account: string,
  recipes: readonly number[],
): Generator<JobRecord> {
  const chunk = Math.max(16, Math.floor(DEFAULT_MERGE_BUFFER / Math.max(1, recipes.length)));
  const refill = (c: Cursor): void => {
    const last = c.rows[c.rows.length - 1];
    c.rows = page.all(
      account,
      c.recipeId,
      ...params,
      last ? Number(last.started_at) : Number.MIN_SAFE_INTEGER,
      last ? String(last.id) : '',
      chunk,
    ) as SqlRow[];
    c.at = 0;
    c.done = c.rows.length < chunk;
  };
  const heap: Cursor[] = [];
  for (const recipeId of recipes) {
    const cursor: Cursor = { recipeId, rows: [], at: 0, done: false };
    refill(cursor);
    if (cursor.rows.length > 0) push(heap, cursor);
  }
  while (heap.length > 0) {
    const top = heap[0] as Cursor;
    yield rowToJob(top.rows[top.at] as SqlRow);
    top.at += 1;
    if (top.at === top.rows.length) {
      if (top.done) {
        pop(heap);
        continue;
      }
      refill(top);
      if (top.rows.length === 0) {
        pop(heap);
        continue;
      }
    }
    siftDown(heap, 0);
  }
}

const head = (c: Cursor): SqlRow => c.rows[c.at] as SqlRow;

function push(heap: Cursor[], c: Cursor): void {
  heap.push(c);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(head(heap[i] as Cursor), head(heap[parent] as Cursor))) break;
    [heap[i], heap[parent]] = [heap[parent] as Cursor, heap[i] as Cursor];
    i = parent;
  }
}

function pop(heap: Cursor[]): void {
  const last = heap.pop();
  if (heap.length === 0 || last === undefined) return;
  heap[0] = last;
  siftDown(heap, 0);
}

function siftDown(heap: Cursor[], start: number): void {
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let best = i;
    if (l < heap.length && before(head(heap[l] as Cursor), head(heap[best] as Cursor))) best = l;
    if (r < heap.length && before(head(heap[r] as Cursor), head(heap[best] as Cursor))) best = r;
    if (best === i) return;
    [heap[i], heap[best]] = [heap[best] as Cursor, heap[i] as Cursor];
    i = best;
  }
}
