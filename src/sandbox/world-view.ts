/** The read-only snapshot `handle.world()` returns (see SandboxWorld in types.ts). */
import { configErrorsOf, retentionCutoff } from './handlers.js';
import { indicesDescending, jobFacts, jobRanges } from './jobs.js';
import type { WorkspaceModel, WorldModel } from './model.js';
import { connectionJson, customerJson, jobJson, recipeJson, workspaceJson } from './serialize.js';
import type {
  SandboxAccountInfo,
  SandboxJobView,
  SandboxWorkspaceView,
  SandboxWorld,
} from './types.js';

export function accountInfo(workspace: WorkspaceModel): SandboxAccountInfo {
  return {
    id: workspace.id,
    externalId: workspace.customer?.externalId ?? null,
    name: workspace.name,
    token: workspace.token,
    email: workspace.email,
    apiKey: workspace.apiKey,
  };
}

export function worldView(world: WorldModel): SandboxWorld {
  return {
    seed: world.config.seed,
    now: new Date(world.clock.now).toISOString(),
    retentionDays: world.config.retentionDays,
    jobsPageSize: world.config.jobsPageSize,
    admin: workspaceView(world, world.admin),
    customers: world.customers.map((customer) => workspaceView(world, customer)),
  };
}

function workspaceView(world: WorldModel, workspace: WorkspaceModel): SandboxWorkspaceView {
  const now = world.clock.now;
  return {
    kind: workspace.kind,
    info: accountInfo(workspace),
    details: workspaceJson(workspace, now),
    customer: workspace.kind === 'customer' ? customerJson(workspace, now) : null,
    recipes: workspace.recipes.map((recipe) => ({
      id: recipe.id,
      name: recipe.name,
      running: recipe.running,
      stopCause: recipe.stopCause,
      folderId: recipe.folderId,
      applications: [recipe.triggerApp, ...recipe.actionApps],
      startFails: configErrorsOf(workspace, recipe).length > 0 || recipe.codeErrors.length > 0,
      json: recipeJson(recipe, now, { includeTags: true }),
      jobs: () => {
        const at = world.clock.now;
        const ranges = jobRanges(recipe, at, retentionCutoff(world));
        const out: SandboxJobView[] = [];
        for (const i of indicesDescending(ranges, Number.POSITIVE_INFINITY)) {
          out.push(jobJson(recipe, jobFacts(recipe, i), at) as unknown as SandboxJobView);
        }
        return out;
      },
    })),
    connections: workspace.connections.map((c) => connectionJson(c, false)),
  };
}
