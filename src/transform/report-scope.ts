/**
 * Small helpers every report shares: the window a windowed report needs, which recipes the
 * filters select, and the deterministic order of accounts and recipes.
 */
import { ConfigError } from '../shared/errors.js';
import type { AccountRecord, RecipeRecord } from '../store/archive.js';
import type { ReportQuery } from './report-query.js';
import type { ReportWindow } from './window.js';

export function requireWindow(query: ReportQuery, kind: string): ReportWindow {
  if (query.window === null) {
    throw new ConfigError(`${kind} needs a window`, { hint: 'give --since and --until' });
  }
  return query.window;
}

/** Whether a recipe passes the recipe-id and folder filters. */
export function recipeSelected(recipe: RecipeRecord, query: ReportQuery): boolean {
  if (query.recipeIds !== undefined && !query.recipeIds.includes(recipe.id)) return false;
  if (query.folderIds !== undefined) {
    if (recipe.folderId === null || !query.folderIds.includes(recipe.folderId)) return false;
  }
  return true;
}

/** Code-unit order, independent of the machine's locale (byte-identical output). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byAccountKey(a: AccountRecord, b: AccountRecord): number {
  return compareText(a.key, b.key);
}

export function byAccountThenRecipe(a: RecipeRecord, b: RecipeRecord): number {
  return compareText(a.accountKey, b.accountKey) || a.id - b.id;
}

/** A composite map key of an account and a numeric id. */
export function pairKey(accountKey: string, id: number | string): string {
  return `${accountKey}\u0000${id}`;
}

/** An async stream over rows already computed (the small, per-account reports). */
export function streamOf<T>(items: Iterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const iterator = items[Symbol.iterator]();
      return { next: () => Promise.resolve(iterator.next()) };
    },
  };
}
