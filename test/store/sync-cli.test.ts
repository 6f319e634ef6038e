import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { dumpTable, runSync, startFixture } from './sync-fixture.js';
import type { Fixture } from './sync-fixture.js';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await startFixture();
});
afterEach(async () => {
  await fixture.close();
});

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `recipe-ops sync`; when `killAfter` is set, sends it `signal` once the sandbox has
 * served that many more requests. */
function cliSync(
  f: Fixture,
  db: string,
  since: string,
  killAfter?: number,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<CliRun> {
  const start = f.sandbox.counters().total;
  // A run to be cut short gets every answer 20 ms late: the 1 ms poll below then kills it
  // within a request or two of `killAfter`, however loaded the machine (a prompt sandbox
  // could let a fast child finish before the poll ran).
  if (killAfter !== undefined) f.sandbox.setFaults({ slow: 1, slowMs: 20 });
  const child = spawn(
    'node',
    ['bin/recipe-ops.js', 'sync', '--db', db, '--accounts', f.accountsFile, '--since', since],
    { env: { ...f.env, LOG_LEVEL: 'warn' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const poll =
    killAfter === undefined
      ? null
      : setInterval(() => {
          if (f.sandbox.counters().total - start >= killAfter && !child.killed) child.kill(signal);
        }, 1);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      if (killAfter !== undefined) f.sandbox.setFaults({});
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The archive's content, without the instants that say when a sync ran. */
function content(db: string): Record<string, unknown[]> {
  return {
    accounts: dumpTable(db, 'accounts'),
    recipes: dumpTable(db, 'recipes'),
    recipe_history: dumpTable(db, 'recipe_history', ['seq']),
    jobs: dumpTable(db, 'jobs'),
    connections: dumpTable(db, 'connections'),
    checkpoints: dumpTable(db, 'checkpoints'),
    recipe_usage: dumpTable(db, 'recipe_usage', ['taken_at']),
    account_usage: dumpTable(db, 'account_usage', ['taken_at']),
  };
}

describe('recipe-ops sync (CLI)', () => {
  it('killed at any point and re-run, ends with the archive of an uninterrupted run', async () => {
    const since = new Date(Date.parse(fixture.sandbox.now()) - 5 * 86_400_000).toISOString();
    const whole = join(fixture.dir, 'whole.sqlite');
    const full = await cliSync(fixture, whole, since);
    expect(full.code).toBe(0);
    const requests = fixture.sandbox.counters().total;
    expect(requests).toBeGreaterThan(100);

    const killed = join(fixture.dir, 'killed.sqlite');
    const jobsAfterKill: number[] = [];
    let walksInProgress = 0;
    const stopped = await cliSync(fixture, killed, since, Math.floor(requests * 0.05), 'SIGTERM');
    // SIGTERM: a clean stop after the current transaction, exit 1, the summary says so.
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('stopping after the current transaction');
    expect(stopped.stdout).toContain('stopped on request');
    for (const fraction of [0.1, 0.35, 0.6]) {
      const run = await cliSync(fixture, killed, since, Math.floor(requests * fraction));
      expect(run.signal).toBe('SIGKILL');
      jobsAfterKill.push(dumpTable(killed, 'jobs').length);
      const checkpoints = dumpTable(killed, 'checkpoints') as { backfill_cursor: string | null }[];
      walksInProgress += checkpoints.filter((c) => c.backfill_cursor !== null).length;
    }
    // Each run was cut mid-way, with some walks left to resume from their cursor.
    expect(walksInProgress).toBeGreaterThan(0);
    const last = await cliSync(fixture, killed, since);
    expect(last.code).toBe(0);
    const expected = content(whole);
    expect((expected.jobs ?? []).length).toBeGreaterThan(500);
    expect(jobsAfterKill[0]).toBeGreaterThan(0);
    expect(jobsAfterKill[2]).toBeLessThan((expected.jobs ?? []).length);
    expect(content(killed)).toEqual(expected);
  });

  it('fails an account with a bad token alone: exit 1, the summary names it', async () => {
    appendFileSync(
      fixture.accountsFile,
      [
        '  - name: broken',
        `    base_url: ${fixture.sandbox.baseUrl}`,
        '    token_env: BROKEN_TOKEN',
        '',
      ].join('\n'),
    );
    fixture.env.BROKEN_TOKEN = 'wrkaus-not-a-token';
    const db = join(fixture.dir, 'archive.sqlite');
    const run = await cliSync(fixture, db, 'all');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken\s+FAILED/m);
    expect(run.stdout).toMatch(/failed: broken: .*401/);
    expect(run.stdout).not.toContain('wrkaus-not-a-token');
    const ok = run.stdout.split('\n').filter((l) => /^fleet\/\d+\s+ok/.test(l));
    expect(ok).toHaveLength(fixture.sandbox.world().customers.length);

    // The others are complete: the same as a sync of them alone.
    const alone = join(fixture.dir, 'alone.sqlite');
    const withoutBroken = join(fixture.dir, 'accounts-ok.yaml');
    writeFileSync(
      withoutBroken,
      readFileSync(fixture.accountsFile, 'utf8').split('  - name: broken')[0] ?? '',
    );
    await runSync(fixture, alone, null, withoutBroken);
    expect(dumpTable(db, 'jobs')).toEqual(dumpTable(alone, 'jobs'));
    const outcomes = dumpTable(db, 'run_accounts') as {
      account_key: string;
      ok: number;
      error: string;
    }[];
    const broken = outcomes.find((o) => o.account_key === 'broken');
    expect(broken?.ok).toBe(0);
    expect(broken?.error).toMatch(/401/);
  });
});
