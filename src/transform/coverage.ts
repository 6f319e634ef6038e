/**
 * Whether the archive covers a window: a recipe whose first backfill stopped at a bound later
 * than the window's start has no archived jobs before that bound, so a report over the window
 * would be missing them without saying so. This finds those accounts, for a warning.
 */
import type { Archive } from '../store/archive.js';
import { compareText } from './report-scope.js';
import type { ReportWindow } from './window.js';

export interface CoverageGap {
  account: string;
  /** The latest backfill bound among the account's recipes (epoch ms). */
  archivedFrom: number;
}

export async function coverageGaps(
  archive: Archive,
  accountKeys: readonly string[],
  window: ReportWindow,
): Promise<CoverageGap[]> {
  const gaps = new Map<string, number>();
  for (const recipe of await archive.listRecipes(accountKeys)) {
    if (recipe.deletedAt != null) continue;
    const checkpoint = await archive.getCheckpoint(recipe.accountKey, recipe.id);
    const bound = checkpoint?.backfillSince ?? null;
    if (bound !== null && bound > window.since && recipe.createdAt < bound) {
      gaps.set(recipe.accountKey, Math.max(bound, gaps.get(recipe.accountKey) ?? bound));
    }
  }
  return [...gaps.entries()]
    .map(([account, archivedFrom]) => ({ account, archivedFrom }))
    .sort((a, b) => compareText(a.account, b.account));
}
