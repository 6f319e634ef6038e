/**
 * What `accounts show` reports for one target: plan, billing period, task limit / used /
 * remaining where the API gives them, recipes running and total, connections. A plain
 * workspace's task counters are not in the API (reference §6): its limit comes from the
 * accounts file's transactions_limit and usage is reported as unknown.
 */
import type { AccountTarget } from '../../extract/workato/index.js';
import { formatTime } from './format.js';

export interface AccountSummary {
  key: string;
  name: string;
  kind: 'workspace' | 'customer';
  dataCenter: string | null;
  baseUrl: string;
  plan: string | null;
  billingPeriod: string | null;
  taskLimit: number | null;
  tasksUsed: number | null;
  tasksRemaining: number | null;
  recipesRunning: number | null;
  recipesTotal: number | null;
  connections: number;
  sandbox: boolean;
}

export async function describeAccount(target: AccountTarget): Promise<AccountSummary> {
  const details = await target.api.describe();
  const connections = (await target.api.listConnections()).length;
  const base = {
    key: target.key,
    name: target.name,
    kind: target.kind,
    dataCenter: target.dataCenter,
    baseUrl: target.baseUrl,
    connections,
  };
  if (details.kind === 'workspace') {
    const w = details.workspace;
    return {
      ...base,
      plan: w.plan_id,
      billingPeriod: period(w.current_billing_period_start, w.current_billing_period_end),
      taskLimit: target.transactionsLimit,
      tasksUsed: null,
      tasksRemaining: null,
      recipesRunning: w.active_recipes_count,
      recipesTotal: w.recipes_count,
      sandbox: target.sandbox,
    };
  }
  const c = details.customer;
  let total = 0;
  let running = 0;
  for await (const recipe of target.api.listRecipes({ excludeCode: true })) {
    total += 1;
    if (recipe.running) running += 1;
  }
  // The reference calls task_limit_adjustment a signed change for the current period only; it is
  // read here as added to task_limit. If Workato turns out to fold it in already, drop the sum.
  const adjustment = Number(c.task_limit_adjustment ?? 0);
  const limit =
    c.task_limit === null ? null : c.task_limit + (Number.isFinite(adjustment) ? adjustment : 0);
  return {
    ...base,
    plan: c.plan_id,
    billingPeriod: period(c.current_billing_period_start, c.current_billing_period_end),
    taskLimit: limit,
    tasksUsed: c.task_count,
    tasksRemaining: limit === null || c.task_count === null ? null : limit - c.task_count,
    recipesRunning: running,
    recipesTotal: total,
    sandbox: target.sandbox,
  };
}

function period(start: string | null, end: string | null): string | null {
  if (!start && !end) return null;
  return `${formatTime(start)} → ${formatTime(end)}`;
}
