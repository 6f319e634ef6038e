/**
 * `recipe-ops recipes ...` run as a user would (node bin/recipe-ops.js, after `npm run build`)
 * against a sandbox started in the test process.
 */
import { execFile } from 'node:child_process';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxWorkspaceView } from '../../src/sandbox/index.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let sandbox: SandboxHandle;
let token: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const childEnv = {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'error',
      WORKATO_BASE_URL: sandbox.baseUrl,
      WORKATO_API_TOKEN: token,
      ...env,
    };
    execFile('node', ['bin/recipe-ops.js', ...args], { env: childEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const workspace = (): SandboxWorkspaceView => sandbox.world().customers[0]!;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, accounts: 1, recipesPerAccount: 130, days: 1 });
  token = sandbox.customers[0]!.token;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetCounters());

describe('recipe-ops recipes list', () => {
  it('lists every recipe, all pages, as JSON', async () => {
    const result = await cli(['recipes', 'list', '--json']);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { sandbox: boolean; recipes: { id: number }[] };
    const expected = workspace()
      .recipes.map((r) => r.id)
      .reverse();
    expect(body.recipes.map((r) => r.id)).toEqual(expected);
    expect(body.sandbox).toBe(true);
    expect(sandbox.counters().byEndpoint['GET /api/recipes']).toBe(2);
  });

  it('prints an aligned table with a count and the sandbox label', async () => {
    const result = await cli(['recipes', 'list', '--stop-cause', 'trial_expired']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const expected = workspace().recipes.filter((r) => r.stopCause === 'trial_expired');
    expect(expected.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^\s*ID {2}STATE {4}STOP CAUSE {5}FOLDER {2}APPS/);
    const rows = lines.slice(1, 1 + expected.length);
    for (const [i, recipe] of [...expected].reverse().entries()) {
      expect(rows[i]).toMatch(new RegExp(`^\\s*${recipe.id} {2}stopped {2}trial_expired `));
    }
    expect(lines.at(-2)).toBe(
      `${expected.length} recipe${expected.length === 1 ? '' : 's'} in default`,
    );
    expect(lines.at(-1)).toContain('sandbox data');
  });

  it('filters running, stopped, folder, app and updated-since', async () => {
    const ids = async (args: string[]) => {
      const result = await cli(['recipes', 'list', '--json', ...args]);
      expect(result.code).toBe(0);
      const body = JSON.parse(result.stdout) as { recipes: { id: number }[] };
      return body.recipes.map((r) => r.id).sort((a, b) => a - b);
    };
    const all = workspace().recipes;
    const pick = (keep: (r: (typeof all)[number]) => boolean) => all.filter(keep).map((r) => r.id);
    expect(await ids(['--running'])).toEqual(pick((r) => r.running));
    expect(await ids(['--stopped'])).toEqual(pick((r) => !r.running));
    const folder = all[0]!.folderId;
    const app = all[0]!.applications[0]!;
    expect(await ids(['--folder', String(folder), '--app', app])).toEqual(
      pick((r) => r.folderId === folder && r.applications.includes(app)),
    );
    const updated = all.map((r) => String(r.json.updated_at)).sort()[Math.floor(all.length / 2)]!;
    expect(await ids(['--updated-since', updated])).toEqual(
      pick((r) => Date.parse(String(r.json.updated_at)) > Date.parse(updated)),
    );
  });

  it('refuses --running with --stopped as a usage error', async () => {
    const result = await cli(['recipes', 'list', '--running', '--stopped']);
    expect(result.code).toBe(2);
  });
});

describe('recipe-ops recipes get / start / stop', () => {
  it('shows one recipe', async () => {
    const recipe = workspace().recipes[4]!;
    const result = await cli(['recipes', 'get', String(recipe.id)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`id              ${recipe.id}\n`);
    expect(result.stdout).toContain(`state           ${recipe.running ? 'running' : 'stopped'}\n`);
  });

  it('starts several recipes, one line each, and exits 1 when one fails', async () => {
    const stopped = workspace().recipes.filter((r) => !r.running);
    const good = stopped.find((r) => !r.startFails)!;
    const bad = stopped.find((r) => r.startFails)!;
    const result = await cli(['recipes', 'start', String(good.id), String(bad.id)]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${good.id}  started`);
    expect(lines[1]).toMatch(
      new RegExp(`^${bad.id} {2}FAILED {2}start refused by Workato: (config|code) errors: step `),
    );
    const now = workspace().recipes;
    expect(now.find((r) => r.id === good.id)!.running).toBe(true);
    expect(now.find((r) => r.id === bad.id)!.running).toBe(false);

    const stop = await cli(['recipes', 'stop', String(good.id)]);
    expect(stop.code).toBe(0);
    expect(stop.stdout.split('\n')[0]).toBe(`${good.id}  stopped`);
    expect(workspace().recipes.find((r) => r.id === good.id)!.running).toBe(false);
  });

  it('without ids and without a terminal is a usage error (exit 2)', async () => {
    const result = await cli(['recipes', 'stop']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('recipes stop: name at least one recipe id');
    expect(sandbox.counters().total).toBe(0);
  });

  it('a wrong token exits 1 with the hint, and never prints the token', async () => {
    const result = await cli(['recipes', 'get', '1'], { WORKATO_API_TOKEN: 'wrkaus-wrong-0000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('401 unauthorized');
    expect(result.stderr).toContain('token rejected: check WORKATO_API_TOKEN');
    expect(result.stderr).not.toContain('wrkaus-wrong-0000');
  });
});
