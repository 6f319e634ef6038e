/**
 * Expected report rows computed from the sandbox's own world data (handle.world()), not from
 * the archive or the reports: what an auditor would compute by hand from the source.
 */
import type {
  SandboxJobView,
  SandboxWorkspaceView,
  SandboxWorld,
} from '../../src/sandbox/index.js';
import type { CellValue, Report } from '../../src/transform/report.js';
import { ENTRY } from './sandbox-archive.js';

export type Json = Readonly<Record<string, unknown>>;
export type ExpectedRow = CellValue[];

export const keyOf = (c: SandboxWorkspaceView): string => `${ENTRY}/${c.info.id}`;
export const ms = (iso: unknown): number | null =>
  typeof iso === 'string' ? Date.parse(iso) : null;
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Customers in account-key order (the reports' order). */
export function customers(world: SandboxWorld): SandboxWorkspaceView[] {
  return [...world.customers].sort((a, b) => byText(keyOf(a), keyOf(b)));
}

export interface WorldJob {
  customer: SandboxWorkspaceView;
  recipeId: number;
  recipeName: string;
  job: SandboxJobView;
  startedAt: number;
}

export function worldJobs(world: SandboxWorld): WorldJob[] {
  const out: WorldJob[] = [];
  for (const customer of customers(world)) {
    for (const recipe of customer.recipes) {
      for (const job of recipe.jobs()) {
        out.push({
          customer,
          recipeId: recipe.id,
          recipeName: recipe.name,
          job,
          startedAt: Date.parse(job.started_at),
        });
      }
    }
  }
  return out.sort(
    (a, b) =>
      byText(keyOf(a.customer), keyOf(b.customer)) ||
      a.startedAt - b.startedAt ||
      byText(a.job.id, b.job.id),
  );
}

export function jobsIn(world: SandboxWorld, since: number, until: number): WorldJob[] {
  return worldJobs(world).filter((j) => j.startedAt >= since && j.startedAt < until);
}

export async function collect(report: Report): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  for await (const row of report.rows) rows.push([...row]);
  return rows;
}

/** Connection ids a recipe JSON's config names, distinct and ascending. */
export function configConnectionIds(recipe: Json): number[] {
  const config = (recipe.config ?? []) as Json[];
  const ids = config.map((e) => e.account_id).filter((id): id is number => typeof id === 'number');
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Applications a recipe JSON uses without a connection. */
export function appsWithoutConnection(recipe: Json): string[] {
  const config = (recipe.config ?? []) as Json[];
  const apps = new Set<string>();
  const configured = new Set(config.map((e) => String(e.provider ?? e.name)));
  for (const e of config) if (e.account_id == null) apps.add(String(e.provider ?? e.name));
  const used = [recipe.trigger_application, ...((recipe.action_applications ?? []) as unknown[])];
  for (const app of used) if (typeof app === 'string' && !configured.has(app)) apps.add(app);
  return [...apps].sort(byText);
}
