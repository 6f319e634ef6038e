/**
 * connected-apps: one row per connection, plus one per application that recipes use without
 * any connection (a config entry with no connection chosen, or a trigger/action application
 * the config does not list) — those rows have empty connection columns.
 *
 * `recipes_total` / `recipes_running` / `recipe_ids` count the recipes (not deleted, passing the
 * recipe and folder filters) whose config names the connection, or that use the application
 * without a connection. A folder filter also limits the connections listed to those folders.
 * Order: account key, application, then connections by id, then the no-connection row.
 */
import type { Archive, ConnectionRecord, RecipeRecord } from '../store/archive.js';
import type { Column, Report, Row } from './report.js';
import type { ReportQuery } from './report-query.js';
import { byAccountKey, compareText, pairKey, recipeSelected, streamOf } from './report-scope.js';

export const CONNECTED_APPS_COLUMNS: readonly Column[] = [
  { name: 'account_id', type: 'integer', width: 10 },
  { name: 'account_name', type: 'string', width: 24 },
  { name: 'application', type: 'string', width: 20 },
  { name: 'connection_id', type: 'integer', width: 10 },
  { name: 'connection_name', type: 'string', width: 30 },
  { name: 'authorization_status', type: 'string', width: 12 },
  { name: 'authorized_at', type: 'timestamp', width: 20 },
  { name: 'authorization_error', type: 'string', width: 40 },
  { name: 'recipes_total', type: 'integer', width: 8 },
  { name: 'recipes_running', type: 'integer', width: 8 },
  { name: 'recipe_ids', type: 'string', width: 30 },
];

/** Applications a recipe uses without a connection, sorted. */
export function applicationsWithoutConnection(recipe: RecipeRecord): string[] {
  const apps = new Set<string>();
  const configured = new Set(recipe.config.map((entry) => entry.application));
  for (const entry of recipe.config) if (entry.connectionId === null) apps.add(entry.application);
  const used = [recipe.triggerApplication, ...recipe.actionApplications];
  for (const app of used) if (app !== null && !configured.has(app)) apps.add(app);
  return [...apps].sort(compareText);
}

function usage(recipes: readonly RecipeRecord[]): [number, number, string | null] {
  const ids = recipes.map((r) => r.id).sort((a, b) => a - b);
  const running = recipes.filter((r) => r.running).length;
  return [recipes.length, running, ids.length > 0 ? ids.join(', ') : null];
}

export async function connectedAppsReport(archive: Archive, query: ReportQuery): Promise<Report> {
  const accounts = (await archive.listAccounts(query.accounts)).sort(byAccountKey);
  const recipes = (await archive.listRecipes(query.accounts)).filter(
    (r) => r.deletedAt == null && recipeSelected(r, query),
  );
  const connections = (await archive.listConnections(query.accounts)).filter(
    (c) =>
      query.folderIds === undefined ||
      (c.folderId !== null && query.folderIds.includes(c.folderId)),
  );

  const byConnection = new Map<string, RecipeRecord[]>();
  const withoutConnection = new Map<string, Map<string, RecipeRecord[]>>();
  for (const recipe of recipes) {
    const ids = new Set(recipe.config.map((e) => e.connectionId).filter((id) => id !== null));
    for (const id of ids) push(byConnection, pairKey(recipe.accountKey, id), recipe);
    const apps = withoutConnection.get(recipe.accountKey) ?? new Map<string, RecipeRecord[]>();
    withoutConnection.set(recipe.accountKey, apps);
    for (const app of applicationsWithoutConnection(recipe)) push(apps, app, recipe);
  }

  const rows: Row[] = [];
  for (const account of accounts) {
    type Entry = { application: string; connection: ConnectionRecord | null };
    const entries: Entry[] = connections
      .filter((c) => c.accountKey === account.key)
      .map((c) => ({ application: c.application, connection: c }));
    for (const app of withoutConnection.get(account.key)?.keys() ?? []) {
      entries.push({ application: app, connection: null });
    }
    entries.sort(
      (a, b) =>
        compareText(a.application, b.application) ||
        (a.connection?.id ?? Number.MAX_SAFE_INTEGER) -
          (b.connection?.id ?? Number.MAX_SAFE_INTEGER),
    );
    for (const { application, connection } of entries) {
      const users = connection
        ? (byConnection.get(pairKey(account.key, connection.id)) ?? [])
        : (withoutConnection.get(account.key)?.get(application) ?? []);
      rows.push([
        account.workspaceId,
        account.name,
        application,
        connection?.id ?? null,
        connection?.name ?? null,
        connection?.authorizationStatus ?? null,
        connection?.authorizedAt ?? null,
        connection?.authorizationError ?? null,
        ...usage(users),
      ]);
    }
  }

  return {
    name: 'connected-apps',
    columns: CONNECTED_APPS_COLUMNS,
    timeZone: query.timeZone,
    highlight: { column: 'authorization_status', values: ['failed', 'exception'] },
    rows: streamOf(rows),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
