/**
 * Tasks used in the current billing period for a workspace whose API gives no task count
 * (only embedded customers have `task_count`): the sum over its recipes of the lifetime task
 * counter now minus its value at the period start. The value at the start is the newest recipe
 * snapshot taken in the 36 hours up to the start; a recipe created since the start counts from
 * 0. Any recipe without such a baseline (or without a counter) makes the result unknown (null):
 * a blank is honest, a guess is not.
 */
import type { AccountRecord, Archive, RecipeUsageSnapshot } from '../store/archive.js';

const BASELINE_SLACK_MS = 36 * 3_600_000;
const DAY_MS = 86_400_000;

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export async function usedFromRecipeSnapshots(
  archive: Archive,
  account: AccountRecord,
): Promise<number | null> {
  const start = account.billingPeriodStart;
  if (start === null) return null;
  const recipes = await archive.listRecipes([account.key]);
  if (recipes.length === 0) return null;
  // Snapshot dates are calendar dates; a few days either side covers any zone's offset.
  const snapshots = await archive.listRecipeUsage(
    [account.key],
    utcDate(start - BASELINE_SLACK_MS - 2 * DAY_MS),
    utcDate(start + 2 * DAY_MS),
  );
  const baseline = new Map<number, RecipeUsageSnapshot>();
  for (const s of snapshots) {
    if (s.takenAt > start || s.takenAt < start - BASELINE_SLACK_MS) continue;
    if (s.lifetimeTaskCount === null) continue;
    const seen = baseline.get(s.recipeId);
    if (!seen || s.takenAt > seen.takenAt) baseline.set(s.recipeId, s);
  }
  let used = 0;
  for (const recipe of recipes) {
    if (recipe.lifetimeTaskCount === null) return null;
    const base = recipe.createdAt >= start ? 0 : baseline.get(recipe.id)?.lifetimeTaskCount;
    if (base === undefined || base === null) return null;
    used += recipe.lifetimeTaskCount - base;
  }
  return used;
}
