/** `recipe-ops jobs list` against a sandbox: limit, status, and the [since, until) window. */
import { execFile } from 'node:child_process';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxJobView } from '../../src/sandbox/index.js';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let sandbox: SandboxHandle;
let recipeId: number;
let jobs: SandboxJobView[];

function cli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'error',
      WORKATO_BASE_URL: sandbox.baseUrl,
      WORKATO_API_TOKEN: sandbox.customers[0]!.token,
    };
    execFile('node', ['bin/recipe-ops.js', ...args], { env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function jobIds(args: string[]): Promise<string[]> {
  const result = await cli(['jobs', 'list', String(recipeId), '--json', ...args]);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { jobs: { id: string }[] }).jobs.map((j) => j.id);
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, accounts: 1, recipesPerAccount: 6, days: 10 });
  let best: { id: number; jobs: SandboxJobView[] } = { id: 0, jobs: [] };
  for (const recipe of sandbox.world().customers[0]!.recipes) {
    const all = recipe.jobs();
    if (all.length > best.jobs.length) best = { id: recipe.id, jobs: all };
  }
  recipeId = best.id;
  jobs = best.jobs;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.resetCounters());

describe('recipe-ops jobs list', () => {
  it('lists the last 100 jobs by default, newest first', async () => {
    expect(jobs.length).toBeGreaterThan(150);
    expect(await jobIds([])).toEqual(jobs.slice(0, 100).map((j) => j.id));
  });

  it('filters by status and limit', async () => {
    const failed = jobs.filter((j) => j.status === 'failed');
    expect(failed.length).toBeGreaterThan(3);
    expect(await jobIds(['--status', 'failed', '--limit', '3'])).toEqual(
      failed.slice(0, 3).map((j) => j.id),
    );
  });

  it('keeps jobs started in [since, until) and stops paging past since', async () => {
    const since = jobs[120]!.started_at;
    const until = jobs[20]!.started_at;
    const expected = jobs
      .filter((j) => j.started_at >= since && j.started_at < until)
      .map((j) => j.id);
    expect(await jobIds(['--since', since, '--until', until, '--limit', '1000'])).toEqual(expected);
    // 121 newest jobs reach back to `since`: two pages of 100, not every page of the history
    expect(sandbox.counters().byEndpoint['GET /api/recipes/:id/jobs']).toBe(2);
  });

  it('prints a table with a count line', async () => {
    const result = await cli(['jobs', 'list', String(recipeId), '--limit', '2']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^JOB ID +STATUS +STARTED +DURATION {2}ERROR \/ TITLE$/);
    expect(lines[1]).toMatch(new RegExp(`^${jobs[0]!.id} +${jobs[0]!.status} `));
    expect(lines[3]).toBe(`2 jobs of recipe ${recipeId}`);
  });

  it('refuses a bad date (exit 2) without calling the API', async () => {
    const result = await cli(['jobs', 'list', String(recipeId), '--since', 'last tuesday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since: \\"last tuesday\\" is not an ISO date or time');
    expect(sandbox.counters().total).toBe(0);
  });
});
