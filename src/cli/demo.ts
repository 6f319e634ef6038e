/**
 * The demo: the main job end to end against the embedded sandbox, so that a new user sees what
 * recipe-ops does without a Workato account. It starts the sandbox on 127.0.0.1, writes an
 * accounts file for its embedded admin workspace (the token goes through an environment
 * variable, as a real one would), then runs the same commands an operator would.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { startSandbox } from '../sandbox/index.js';

export interface DemoOptions {
  out: string;
  seed: number;
  accounts: number;
  /** Runs one CLI command in this process and returns its exit code. */
  run: (argv: readonly string[]) => Promise<number>;
  stdout: NodeJS.WritableStream;
}

const TOKEN_ENV = 'RECIPE_OPS_DEMO_TOKEN';

export async function runDemo(options: DemoOptions): Promise<number> {
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  const sandbox = await startSandbox({
    seed: options.seed,
    accounts: options.accounts,
    recipesPerAccount: 8,
    days: 14,
  });
  try {
    const accountsFile = join(out, 'accounts.yaml');
    await writeFile(
      accountsFile,
      [
        '# Written by `recipe-ops demo`: the sandbox embedded admin and all its customers.',
        'accounts:',
        '  - name: sandbox',
        `    base_url: ${sandbox.baseUrl}`,
        `    token_env: ${TOKEN_ENV}`,
        '    managed: true',
        '',
      ].join('\n'),
    );
    process.env[TOKEN_ENV] = sandbox.adminToken;
    const firstCustomer = sandbox.customers[0];
    const steps: string[][] = [['accounts', 'list', '--accounts', accountsFile]];
    if (firstCustomer) {
      const key = `sandbox/${firstCustomer.id}`;
      steps.push(['recipes', 'list', '--accounts', accountsFile, '--account', key]);
    }
    let worst = 0;
    for (const argv of steps) {
      options.stdout.write(`\n$ recipe-ops ${argv.join(' ')}\n`);
      worst = Math.max(worst, await options.run(argv));
    }
    return worst;
  } finally {
    await sandbox.close();
  }
}
