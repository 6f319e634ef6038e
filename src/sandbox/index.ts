/**
 * The sandbox Workato server: `startSandbox(options)` generates a deterministic fleet from the
 * seed and serves it over the Workato API on 127.0.0.1 (see types.ts for the handle).
 */
import { advanceClock, resetCounters } from './control.js';
import { FaultInjector } from './faults.js';
import { generateWorld } from './generate.js';
import type { WorkspaceModel } from './model.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { listen } from './server.js';
import type { ServerState } from './server.js';
import type { SandboxHandle, SandboxOptions } from './types.js';
import { accountInfo, worldView } from './world-view.js';

export type * from './types.js';

export const DEFAULT_SANDBOX_NOW = '2026-11-30T12:00:00.000Z';
export const DEFAULT_SANDBOX_OPTIONS = {
  seed: 42,
  accounts: 3,
  recipesPerAccount: 12,
  days: 30,
  jobsPerRecipePerDay: 24,
  jobsPageSize: 100,
  retentionDays: 90,
} as const;

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const d = DEFAULT_SANDBOX_OPTIONS;
  const startMs = Date.parse(options.now ?? DEFAULT_SANDBOX_NOW);
  if (Number.isNaN(startMs)) throw new RangeError(`sandbox: 'now' is not a date: ${options.now}`);
  const world = generateWorld({
    seed: options.seed ?? d.seed,
    accounts: options.accounts ?? d.accounts,
    recipesPerAccount: options.recipesPerAccount ?? d.recipesPerAccount,
    days: options.days ?? d.days,
    jobsPerRecipePerDay: options.jobsPerRecipePerDay ?? d.jobsPerRecipePerDay,
    jobsPageSize: options.jobsPageSize ?? d.jobsPageSize,
    retentionDays: options.retentionDays ?? d.retentionDays,
    startMs,
    startStopIdempotent: options.startStopIdempotent ?? true,
  });
  const tokens = new Map<string, WorkspaceModel>();
  for (const workspace of [world.admin, ...world.customers]) {
    tokens.set(workspace.token, workspace);
    tokens.set(`legacy:${workspace.email}`, workspace);
  }
  const rate = options.rateLimit;
  const faults = new FaultInjector(world.config.seed);
  if (options.faults) faults.set(options.faults);
  const state: ServerState = {
    world,
    counters: { total: 0, byEndpoint: {}, rateLimited: 0 },
    faults,
    limiter: new SlidingWindowLimiter((rate === false ? undefined : rate?.windowMs) ?? 60_000),
    limits:
      rate === false
        ? null
        : {
            developerPerMinute: rate?.developerPerMinute ?? 60,
            // Reference §8.2: customer recipe/job calls are 1,000/min (recipe reads 2,000),
            // shared by all customers; one bucket at the lower figure.
            embeddedPerMinute: rate?.embeddedPerMinute ?? 1_000,
            managedUsersPerMinute: rate?.managedUsersPerMinute ?? 60,
          },
    legacyAuth: options.legacyAuth ?? true,
    tokens,
  };
  const { server, baseUrl } = await listen(state, options.host ?? '127.0.0.1', options.port ?? 0);
  return {
    baseUrl,
    adminToken: world.admin.token,
    admin: accountInfo(world.admin),
    customers: world.customers.map(accountInfo),
    counters: () => ({
      total: state.counters.total,
      byEndpoint: { ...state.counters.byEndpoint },
      rateLimited: state.counters.rateLimited,
    }),
    resetCounters: () => resetCounters(state),
    advance: (ms) => advanceClock(state, ms),
    now: () => new Date(world.clock.now).toISOString(),
    setFaults: (next) => faults.set(next),
    faults: () => faults.get(),
    world: () => worldView(world),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
