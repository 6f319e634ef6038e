/** `recipe-ops accounts list | show` against a sandbox, with the env account and a file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let sandbox: SandboxHandle;
let accountsFile: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const childEnv = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env };
    execFile('node', ['bin/recipe-ops.js', ...args], { env: childEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function fileEnv(): Record<string, string> {
  return {
    RECIPE_OPS_ACCOUNTS: accountsFile,
    OEM_TOKEN: sandbox.adminToken,
    SOLO_TOKEN: sandbox.customers[0]!.token,
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, accounts: 3, recipesPerAccount: 6, days: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ops-cli-accounts-'));
  accountsFile = join(dir, 'accounts.yaml');
  // customer 1's external id has a slash, a non-ASCII letter, a comma and quotes
  const skipped = sandbox.customers[1]!;
  writeFileSync(
    accountsFile,
    [
      'accounts:',
      '  - name: solo',
      `    base_url: ${sandbox.baseUrl}`,
      '    token_env: SOLO_TOKEN',
      '    transactions_limit: 5000',
      '  - name: oem',
      `    base_url: ${sandbox.baseUrl}`,
      '    token_env: OEM_TOKEN',
      '    managed: true',
      `    exclude: { external_ids: ['${skipped.externalId}'] }`,
      '',
    ].join('\n'),
  );
});
afterAll(() => sandbox.close());

describe('recipe-ops accounts', () => {
  it('lists the environment account', async () => {
    const result = await cli(['accounts', 'list'], {
      WORKATO_BASE_URL: sandbox.baseUrl,
      WORKATO_API_TOKEN: sandbox.customers[0]!.token,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'KEY      NAME     KIND       WHERE' + ' '.repeat(sandbox.baseUrl.length - 5) + '  SANDBOX',
      `default  default  workspace  ${sandbox.baseUrl}  yes`,
      '',
    ]);
  });

  it('expands a managed account into its customers, minus the excluded one', async () => {
    const result = await cli(['accounts', 'list', '--json'], fileEnv());
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { accounts: { key: string; kind: string }[] };
    const [c0, , c2] = sandbox.customers;
    expect(body.accounts.map((a) => a.key)).toEqual(['solo', `oem/${c0!.id}`, `oem/${c2!.id}`]);
    expect(body.accounts.map((a) => a.kind)).toEqual(['workspace', 'customer', 'customer']);
  });

  it('shows task usage, recipes and connections of a customer', async () => {
    const view = sandbox.world().customers[0]!;
    const result = await cli(['accounts', 'show', `oem/${view.info.id}`, '--json'], fileEnv());
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    const customer = view.customer!;
    const limit = Number(customer.task_limit) + Number(customer.task_limit_adjustment ?? 0);
    expect(summary).toMatchObject({
      key: `oem/${view.info.id}`,
      name: view.info.name,
      kind: 'customer',
      plan: customer.plan_id,
      taskLimit: limit,
      tasksUsed: customer.task_count,
      tasksRemaining: limit - Number(customer.task_count),
      recipesTotal: view.recipes.length,
      recipesRunning: view.recipes.filter((r) => r.running).length,
      connections: view.connections.length,
      sandbox: true,
    });
  });

  it('shows a plain workspace with its configured task limit', async () => {
    const view = sandbox.world().customers[0]!;
    const result = await cli(['accounts', 'show', 'solo'], fileEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('task limit       5000\n');
    expect(result.stdout).toContain('tasks used       n/a\n');
    expect(result.stdout).toContain(`recipes total    ${view.recipes.length}\n`);
    expect(result.stdout).toContain(`connections      ${view.connections.length}\n`);
    expect(result.stdout).toContain('sandbox data');
  });

  it('names the file, the entry and the field of a bad accounts file (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recipe-ops-cli-bad-'));
    const bad = join(dir, 'accounts.yaml');
    writeFileSync(bad, 'accounts:\n  - name: x\n    data_center: moon\n    token_env: T\n');
    const result = await cli(['accounts', 'list', '--accounts', bad], { T: 'tok-1234' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}: accounts[0] \\"x\\": data_center:`);
  });

  it('without any credentials explains what to set (exit 2)', async () => {
    const result = await cli(['accounts', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no Workato account configured');
    expect(result.stderr).toContain('WORKATO_API_TOKEN');
  });
});
