import {
  ACTION_APPS,
  ERROR_TEMPLATES,
  NO_CONNECTION_APPS,
  POLLING_APPS,
  RECIPE_NAMES,
  TRIGGER_APPS,
} from './content.js';
import { DAY_MS, HOUR_MS } from './model.js';
import type { ConfigEntry, ConnectionModel, RecipeModel, WorldConfig } from './model.js';
import type { Rng } from './rng.js';

export type RecipeRole =
  | 'running'
  | 'manual-stop'
  | 'never-run'
  | 'config-errors'
  | 'code-errors'
  | 'trigger_errors_limit'
  | 'action_quota_limit'
  | 'trial_expired'
  | 'txn_quota_limit';

/** The first recipes of every workspace cover each case; the rest are drawn at random. */
const FIXED_ROLES: readonly RecipeRole[] = [
  'running',
  'trigger_errors_limit',
  'action_quota_limit',
  'trial_expired',
  'txn_quota_limit',
  'config-errors',
  'manual-stop',
  'code-errors',
  'never-run',
];

export function roleOf(ordinal: number, rng: Rng): RecipeRole {
  const fixed = FIXED_ROLES[ordinal];
  if (fixed) return fixed;
  const u = rng.next();
  return u < 0.7 ? 'running' : u < 0.9 ? 'manual-stop' : 'config-errors';
}

export interface RecipeContext {
  config: WorldConfig;
  rng: Rng;
  workspaceId: number;
  folderIds: readonly number[];
  connections: readonly ConnectionModel[];
  nextId: () => number;
}

/** One recipe of a workspace, with its role decided by its ordinal. */
export function generateRecipe(ctx: RecipeContext, ordinal: number): RecipeModel {
  const { config, rng } = ctx;
  const role = roleOf(ordinal, rng);
  const historyStart = config.startMs - config.days * DAY_MS;
  const triggerApp = rng.pick(TRIGGER_APPS);
  const actionApps = pickDistinct(rng, ACTION_APPS, rng.int(1, 3), triggerApp);
  const needsConnection = [triggerApp, ...actionApps].some((app) => !NO_CONNECTION_APPS.has(app));
  if (role === 'config-errors' && !needsConnection) actionApps.push('slack');
  const config_ = buildConfig(ctx, [triggerApp, ...actionApps], role === 'config-errors');
  const createdAt = historyStart - rng.int(1, 400) * DAY_MS - rng.int(0, DAY_MS);
  const span = config.startMs - historyStart;
  const stoppedAt =
    role === 'running' || role === 'never-run'
      ? null
      : historyStart + Math.floor(span * (0.2 + 0.75 * rng.next()));
  const rate = config.jobsPerRecipePerDay * (0.5 + rng.next());
  const intervals =
    role === 'never-run' ? [] : [{ from: historyStart, to: stoppedAt ?? Number.POSITIVE_INFINITY }];
  const stopCause = role.includes('_') ? role : null;
  const name = rng
    .pick(RECIPE_NAMES)
    .replaceAll('{a}', triggerApp)
    .replaceAll('{b}', actionApps[0] ?? 'slack');
  const templates = [
    rng.int(0, ERROR_TEMPLATES.length - 1),
    rng.int(0, ERROR_TEMPLATES.length - 1),
  ];
  return {
    id: ctx.nextId(),
    workspaceId: ctx.workspaceId,
    ordinal,
    seed: config.seed,
    anchorMs: config.startMs,
    name: `${name} #${ordinal + 1}`,
    description: rng.chance(0.5) ? `Keeps ${triggerApp}, ${actionApps.join(' & ')} "in sync"` : '',
    folderId: rng.pick(ctx.folderIds),
    triggerApp,
    actionApps,
    config: config_,
    createdAt,
    updatedAt: Math.min(stoppedAt ?? config.startMs, createdAt + rng.int(1, 500) * DAY_MS),
    versionNo: rng.int(1, 40),
    copyCount: rng.int(0, 5),
    authorName: rng.pick(['Jane Doe', 'Jürgen Müller', '=Mallory', 'Li Wei']),
    tags: rng.chance(0.3) ? [`tag-${ordinal}sbx`] : [],
    running: role === 'running',
    stopCause,
    stoppedAt,
    intervals,
    codeErrors:
      role === 'code-errors'
        ? [[2, [['Issue key', null, 'Unknown data field "My Param" used in ', 'id']]]]
        : [],
    schedule: { start: historyStart, intervalMs: Math.max(2, Math.floor(DAY_MS / rate)) },
    failureRate: rng.chance(0.2) ? 0 : 0.02 + 0.3 * rng.next() ** 2,
    pollTrigger: POLLING_APPS.has(triggerApp),
    errorTemplates: templates,
    tasksPerJob: rng.int(1, 8),
    longErrors: ordinal === 0,
    pollErrorsFrom:
      role === 'trigger_errors_limit' && stoppedAt !== null ? stoppedAt - 6 * HOUR_MS : null,
    counts: { upTo: 0, succeeded: 0, failed: 0 },
  };
}

function buildConfig(ctx: RecipeContext, apps: string[], missing: boolean): ConfigEntry[] {
  const unique = [...new Set(apps)].sort();
  let missingDone = false;
  return unique.map((app) => {
    const choices = ctx.connections.filter((c) => c.application === app);
    let accountId: number | null = null;
    if (!NO_CONNECTION_APPS.has(app) && choices.length > 0) {
      accountId = ctx.rng.pick(choices).id;
      if (missing && !missingDone) {
        accountId = null;
        missingDone = true;
      }
    }
    return {
      keyword: 'application',
      name: app,
      provider: app,
      skip_validation: false,
      account_id: accountId,
    };
  });
}

function pickDistinct(rng: Rng, items: readonly string[], count: number, not: string): string[] {
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < 50; tries += 1) {
    const item = rng.pick(items);
    if (item !== not && !out.includes(item)) out.push(item);
  }
  return out;
}
