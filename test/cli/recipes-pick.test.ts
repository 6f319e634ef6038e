/**
 * `recipes start|stop` without ids on a terminal: a searchable pick list. The CLI runs under a
 * pseudo-terminal from util-linux `script`, and the test types into it as a user would.
 */
import { spawn } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, accounts: 1, recipesPerAccount: 12, days: 1 });
});
afterAll(() => sandbox.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the CLI on a pty, types `keys` once it prompts, and returns the exit code and output. */
async function onTerminal(args: string, keys: string[]): Promise<{ code: number; out: string }> {
  const customer = sandbox.customers[0]!;
  const child = spawn('script', ['-qec', `node bin/recipe-ops.js ${args}`, '/dev/null'], {
    env: {
      PATH: process.env.PATH ?? '',
      TERM: 'xterm',
      LOG_LEVEL: 'error',
      WORKATO_BASE_URL: sandbox.baseUrl,
      WORKATO_API_TOKEN: customer.token,
    },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  for (let waited = 0; !out.includes('type to filter') && waited < 20_000; waited += 50) {
    await sleep(50);
  }
  for (const key of keys) {
    child.stdin.write(key);
    await sleep(300);
  }
  return { code: await exited, out };
}

describe('recipes stop with no id on a terminal', () => {
  it('offers running recipes, filters as the user types, stops the one picked', async () => {
    const running = sandbox.world().customers[0]!.recipes.filter((r) => r.running);
    const target = running[running.length - 1]!;
    const result = await onTerminal('recipes stop', [String(target.id), '\r']);
    expect(result.out).toContain('Recipe to stop');
    expect(result.out).toContain(`${target.id}  stopped`);
    expect(result.code).toBe(0);
    const after = sandbox.world().customers[0]!.recipes.find((r) => r.id === target.id);
    expect(after?.running).toBe(false);
    const others = sandbox.world().customers[0]!.recipes.filter((r) => r.id !== target.id);
    expect(others.filter((r) => r.running)).toHaveLength(running.length - 1);
  });
});
