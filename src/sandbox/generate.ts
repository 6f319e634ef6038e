import { AUTH_ERRORS, CONNECTION_NAMES, CUSTOMER_NAMES, NO_CONNECTION_APPS } from './content.js';
import { ACTION_APPS, TRIGGER_APPS } from './content.js';
import { generateRecipe } from './generate-recipes.js';
import { DAY_MS } from './model.js';
import type {
  ConnectionModel,
  CustomerFacts,
  WorkspaceModel,
  WorldConfig,
  WorldModel,
} from './model.js';
import { createRng, hashInts } from './rng.js';
import type { Rng } from './rng.js';

const CONNECTION_APPS = [...new Set([...TRIGGER_APPS, ...ACTION_APPS])]
  .filter((app) => !NO_CONNECTION_APPS.has(app))
  .sort();
const TIME_ZONES = ['Pacific Time (US & Canada)', 'Europe/Berlin', 'Tokyo', 'UTC'];

/** Builds the whole fleet from the seed: same config, same world, byte for byte. */
export function generateWorld(config: WorldConfig): WorldModel {
  const rng = createRng(config.seed);
  let recipeId = 41_000 + rng.int(0, 900);
  let connectionId = 6_000 + rng.int(0, 900);
  let folderId = 4_500 + rng.int(0, 900);
  const ids = {
    recipe: () => (recipeId += rng.int(1, 37)),
    connection: () => (connectionId += rng.int(1, 9)),
    folder: () => (folderId += rng.int(1, 5)),
  };
  const embedded = config.accounts > 0;
  const adminRecipes = embedded ? Math.min(3, config.recipesPerAccount) : config.recipesPerAccount;
  const adminId = 17_000 + (config.seed % 1000);
  const admin = generateWorkspace(config, rng, ids, {
    kind: embedded ? 'admin' : 'single',
    id: adminId,
    name: embedded
      ? `Sandbox embedded admin (seed ${config.seed})`
      : `Sandbox workspace (seed ${config.seed})`,
    recipes: adminRecipes,
    customer: null,
  });
  const customers: WorkspaceModel[] = [];
  for (let k = 0; k < config.accounts; k += 1) {
    const base = CUSTOMER_NAMES[k % CUSTOMER_NAMES.length] ?? 'Customer';
    customers.push(
      generateWorkspace(config, rng, ids, {
        kind: 'customer',
        id: 3_498_000 + k * 131 + rng.int(0, 100),
        name: `${base} [sandbox customer ${k + 1}]`,
        recipes: config.recipesPerAccount,
        customer: customerFacts(config, rng, k),
      }),
    );
  }
  return { config, admin, customers, clock: { now: config.startMs } };
}

interface WorkspaceSpec {
  kind: WorkspaceModel['kind'];
  id: number;
  name: string;
  recipes: number;
  customer: CustomerFacts | null;
}

interface IdSource {
  recipe: () => number;
  connection: () => number;
  folder: () => number;
}

function generateWorkspace(config: WorldConfig, rng: Rng, ids: IdSource, spec: WorkspaceSpec) {
  const rootFolderId = ids.folder();
  const folderIds = [rootFolderId, ids.folder(), ids.folder(), ids.folder()];
  const historyStart = config.startMs - config.days * DAY_MS;
  const connections = CONNECTION_APPS.map((app, n) =>
    generateConnection(rng, ids.connection(), app, n, historyStart, rng.pick(folderIds)),
  );
  const workspace: WorkspaceModel = {
    kind: spec.kind,
    id: spec.id,
    name: spec.name,
    token: token('wrkaus-sbx', config.seed, spec.id, 40),
    email: `api+${spec.id}@sandbox.recipe-ops.example`,
    apiKey: token('sbxkey', config.seed, spec.id + 1, 32),
    createdAt: historyStart - rng.int(100, 900) * DAY_MS,
    planId: spec.customer?.planId ?? (spec.kind === 'admin' ? 'oem_plan' : 'business'),
    billingDay: spec.customer?.billingDay ?? rng.int(1, 28),
    rootFolderId,
    folderIds,
    recipes: [],
    recipeById: new Map(),
    connections,
    customer: spec.customer,
  };
  const ctx = { config, rng, workspaceId: spec.id, folderIds, connections, nextId: ids.recipe };
  for (let ordinal = 0; ordinal < spec.recipes; ordinal += 1) {
    const recipe = generateRecipe(ctx, ordinal);
    workspace.recipes.push(recipe);
    workspace.recipeById.set(recipe.id, recipe);
  }
  return workspace;
}

function generateConnection(
  rng: Rng,
  id: number,
  app: string,
  n: number,
  historyStart: number,
  folderId: number,
): ConnectionModel {
  // The first two connections of a workspace are broken, so both failure states always exist.
  const u = rng.next();
  const status = n === 0 ? 'failed' : n === 1 ? 'exception' : u < 0.8 ? 'success' : 'failed';
  const createdAt = historyStart - rng.int(10, 300) * DAY_MS;
  const lost = status === 'success' ? null : historyStart + rng.int(0, 20) * DAY_MS;
  return {
    id,
    application: app,
    name: rng.pick(CONNECTION_NAMES).replaceAll('{app}', app),
    description: rng.chance(0.3) ? `Used by "ops", owner: ${app}@example.com` : null,
    authorizationStatus: status,
    authorizationError: status === 'success' ? null : rng.pick(AUTH_ERRORS),
    authorizedAt: createdAt + 60_000,
    createdAt,
    updatedAt: lost ?? createdAt + 60_000,
    folderId,
    connectionLostAt: lost,
    connectionLostReason: lost === null ? null : 'Connection lost: token revoked, "reconnect"',
  };
}

function customerFacts(config: WorldConfig, rng: Rng, k: number): CustomerFacts {
  const externalId = k % 4 === 2 ? null : k === 1 ? 'cust/ü 7,"x"' : `SBX-${1000 + k}`;
  return {
    externalId,
    notificationEmail: `ops+${k}@customer-${k}.example`,
    timeZone: rng.pick(TIME_ZONES),
    trial: k === 2,
    inTrial: k === 2,
    updatedAt: config.startMs - rng.int(1, 60) * DAY_MS,
    billingDay: rng.int(1, 28),
    planId: rng.pick(['oem_plan', 'oem_business', 'oem_enterprise']),
    taskLimit: rng.pick([10_000, 50_000, 100_000, 1_000_000]),
    taskLimitAdjustment: rng.pick([null, null, '-5000', '2000']),
    activeConnectionLimit: rng.int(10, 50),
  };
}

function token(prefix: string, seed: number, id: number, length: number): string {
  let out = '';
  for (let n = 0; out.length < length; n += 1) {
    out += hashInts(seed, id, n).toString(16).padStart(8, '0');
  }
  return `${prefix}-${out.slice(0, length)}`;
}
