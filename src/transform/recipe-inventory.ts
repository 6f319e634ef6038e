/**
 * recipe-inventory: one row per recipe as the last sync saw it (recipes deleted in Workato are
 * left out), ordered by account key and recipe id. List cells (`action_applications`,
 * `connection_ids`) are joined with ", ", in the recipe's order and ascending id respectively.
 */
import type { Archive, RecipeRecord } from '../store/archive.js';
import type { Column, Report, Row } from './report.js';
import type { ReportQuery } from './report-query.js';
import { byAccountThenRecipe, recipeSelected, streamOf } from './report-scope.js';

export const RECIPE_INVENTORY_COLUMNS: readonly Column[] = [
  { name: 'account_id', type: 'integer', width: 10 },
  { name: 'account_name', type: 'string', width: 24 },
  { name: 'recipe_id', type: 'integer', width: 10 },
  { name: 'recipe_name', type: 'string', width: 40 },
  { name: 'folder_id', type: 'integer', width: 10 },
  { name: 'running', type: 'boolean', width: 8 },
  { name: 'trigger_application', type: 'string', width: 20 },
  { name: 'action_applications', type: 'string', width: 30 },
  { name: 'connection_ids', type: 'string', width: 20 },
  { name: 'created_at', type: 'timestamp', width: 20 },
  { name: 'updated_at', type: 'timestamp', width: 20 },
  { name: 'last_run_at', type: 'timestamp', width: 20 },
  { name: 'stopped_at', type: 'timestamp', width: 20 },
  { name: 'stop_cause', type: 'string', width: 20 },
  { name: 'version_no', type: 'integer', width: 8 },
  { name: 'job_succeeded_count', type: 'integer', width: 10 },
  { name: 'job_failed_count', type: 'integer', width: 10 },
  { name: 'lifetime_task_count', type: 'integer', width: 10 },
];

/** Distinct connection ids a recipe's config names, ascending. */
export function recipeConnectionIds(recipe: RecipeRecord): number[] {
  const ids = new Set<number>();
  for (const entry of recipe.config) if (entry.connectionId !== null) ids.add(entry.connectionId);
  return [...ids].sort((a, b) => a - b);
}

export async function recipeInventoryReport(archive: Archive, query: ReportQuery): Promise<Report> {
  const accounts = await archive.listAccounts(query.accounts);
  const accountByKey = new Map(accounts.map((a) => [a.key, a]));
  const recipes = (await archive.listRecipes(query.accounts))
    .filter((r) => r.deletedAt == null && accountByKey.has(r.accountKey))
    .filter((r) => recipeSelected(r, query))
    .sort(byAccountThenRecipe);

  function toRow(recipe: RecipeRecord): Row {
    const account = accountByKey.get(recipe.accountKey);
    const connections = recipeConnectionIds(recipe);
    return [
      account?.workspaceId ?? null,
      account?.name ?? recipe.accountKey,
      recipe.id,
      recipe.name,
      recipe.folderId,
      recipe.running,
      recipe.triggerApplication,
      recipe.actionApplications.length > 0 ? recipe.actionApplications.join(', ') : null,
      connections.length > 0 ? connections.join(', ') : null,
      recipe.createdAt,
      recipe.updatedAt,
      recipe.lastRunAt,
      recipe.stoppedAt,
      recipe.stopCause,
      recipe.versionNo,
      recipe.jobSucceededCount,
      recipe.jobFailedCount,
      recipe.lifetimeTaskCount,
    ];
  }

  return {
    name: 'recipe-inventory',
    columns: RECIPE_INVENTORY_COLUMNS,
    timeZone: query.timeZone,
    rows: streamOf(recipes.map(toRow)),
  };
}
