import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { call } from './api.js';
import type { Envelope, Json } from './api.js';

const options = {
  seed: 99,
  accounts: 3,
  recipesPerAccount: 12,
  days: 4,
  rateLimit: false,
} as const;
let first: SandboxHandle;
let second: SandboxHandle;
let other: SandboxHandle;

beforeAll(async () => {
  [first, second, other] = await Promise.all([
    startSandbox(options),
    startSandbox(options),
    startSandbox({ ...options, seed: 100 }),
  ]);
});
afterAll(() => Promise.all([first.close(), second.close(), other.close()]));

async function snapshot(sandbox: SandboxHandle): Promise<string[]> {
  const texts: string[] = [];
  for (const path of ['/api/users/me', '/api/managed_users', '/api/connections', '/api/recipes']) {
    texts.push((await call(sandbox, path)).text);
  }
  const customer = sandbox.customers[0]!;
  const recipes = await call<Envelope>(sandbox, '/api/recipes', { token: customer.token });
  texts.push(recipes.text);
  for (const recipe of recipes.body.items.slice(0, 4)) {
    texts.push(
      (await call(sandbox, `/api/recipes/${String(recipe.id)}/jobs`, { token: customer.token }))
        .text,
    );
  }
  return texts;
}

describe('sandbox determinism and content', () => {
  it('the same seed serves byte-identical data and tokens; another seed differs', async () => {
    expect(first.adminToken).toBe(second.adminToken);
    expect(first.customers).toEqual(second.customers);
    expect(await snapshot(first)).toEqual(await snapshot(second));
    expect(other.adminToken).not.toBe(first.adminToken);
    expect((await snapshot(other))[4]).not.toBe((await snapshot(first))[4]);
  });

  it('starts at the fixed default instant', () => {
    expect(first.now()).toBe('2026-11-30T12:00:00.000Z');
  });

  it('names carry Unicode, commas, quotes, newlines and formula prefixes', () => {
    const world = first.world();
    const workspaces = [world.admin, ...world.customers];
    const names = [
      ...workspaces.map((w) => w.info.name),
      ...workspaces.flatMap((w) => w.recipes.map((r) => r.name)),
      ...workspaces.flatMap((w) => w.connections.map((c) => String(c.name))),
      ...workspaces.flatMap((w) => w.recipes.flatMap((r) => r.jobs().map((j) => j.title))),
    ];
    for (const prefix of ['=', '+', '-', '@']) {
      expect(names.some((n) => n.startsWith(prefix))).toBe(true);
    }
    for (const needle of [',', '"', '\n']) expect(names.some((n) => n.includes(needle))).toBe(true);
    expect(names.some((n) => [...n].some((ch) => ch.charCodeAt(0) > 127))).toBe(true);
  });

  it('each workspace has running, manually stopped and Workato-stopped recipes', () => {
    for (const workspace of first.world().customers) {
      const causes = new Set(workspace.recipes.map((r) => r.stopCause));
      for (const cause of [
        'trigger_errors_limit',
        'action_quota_limit',
        'trial_expired',
        'txn_quota_limit',
      ]) {
        expect(causes).toContain(cause);
      }
      expect(workspace.recipes.some((r) => r.running)).toBe(true);
      expect(
        workspace.recipes.some((r) => !r.running && r.stopCause === null && r.json.stopped_at),
      ).toBe(true);
      expect(workspace.recipes.some((r) => r.startFails)).toBe(true);
      const config = workspace.recipes.flatMap((r) => r.json.config as Json[]);
      expect(config.some((c) => c.account_id === null)).toBe(true);
      expect(config.some((c) => typeof c.account_id === 'number')).toBe(true);
    }
  });

  it('customers have task limits, counts and an optional external id', () => {
    const customers = first.world().customers.map((c) => c.customer!);
    for (const customer of customers) {
      expect(customer.task_limit).toEqual(expect.any(Number));
      expect(customer.task_count).toEqual(expect.any(Number));
    }
    expect(customers.some((c) => (c.task_count as number) > 0)).toBe(true);
    expect(customers.some((c) => c.external_id === null)).toBe(true);
  });
});
