/**
 * Jobs in (account_key, started_at, id) order without an index in that order: the jobs table is
 * keyed (account, recipe, start, id) so that sync writes stay sequential, and reads merge the
 * recipes of each account. Each recipe is read in small keyset chunks, so memory is bounded by
 * (recipes of one account × chunk) whatever the number of jobs. Chunks are read as arrays
 * (better-sqlite3's raw mode): ~35 % cheaper than a keyed object per row, and less for the
 * garbage collector to copy while a chunk waits in the merge.
 */
import type { Database, Statement } from 'better-sqlite3';

import type { JobFilter, JobRecord } from '../archive.js';
import { buildJobQuery } from './job-query.js';
import { JOB_COLUMNS, jobFromColumns } from './rows.js';
import type { SqlValue } from './rows.js';

/** Rows buffered per account at most (split over its recipes, at least 16 each). */
export const DEFAULT_MERGE_BUFFER = 4096;

type JobColumns = SqlValue[];

interface Cursor {
  recipeId: number;
  rows: JobColumns[];
  at: number;
  done: boolean;
}

const STARTED_AT = JOB_COLUMNS.indexOf('started_at');
const ID = JOB_COLUMNS.indexOf('id');
const SELECTED = JOB_COLUMNS.map((column) => `j.${column}`).join(', ');

const before = (a: JobColumns, b: JobColumns): boolean => {
  const sa = Number(a[STARTED_AT]);
  const sb = Number(b[STARTED_AT]);
  return sa < sb || (sa === sb && String(a[ID]) < String(b[ID]));
};

export function* mergedJobs(db: Database, filter: JobFilter): Generator<JobRecord> {
  const { where, params } = buildJobQuery(filter);
  const pairs = recipesWithJobs(db);
  const page = db
    .prepare(
      `SELECT ${SELECTED} FROM jobs j WHERE j.account_key = ? AND j.recipe_id = ? AND ${where} ` +
        'AND (j.started_at, j.id) > (?, ?) ORDER BY j.started_at, j.id LIMIT ?',
    )
    .raw(true);
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
      last ? Number(last[STARTED_AT]) : Number.MIN_SAFE_INTEGER,
      last ? String(last[ID]) : '',
      chunk,
    ) as JobColumns[];
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
    yield jobFromColumns(top.rows[top.at] as JobColumns);
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

const head = (c: Cursor): JobColumns => c.rows[c.at] as JobColumns;

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
