/**
 * The demo: the main job end to end against the embedded sandbox, so that a new user sees what
 * recipe-ops does without a Workato account. It starts the sandbox on 127.0.0.1, writes an
 * accounts file for its embedded admin workspace (the token goes through an environment
 * variable, as a real one would), then runs the commands the nightly job and an operator would:
 * list the accounts, sync them into an archive and write every report as an XLSX workbook and
 * as CSV files, all into one folder. The report window is the last seven whole days of the
 * sandbox's clock, not the wall clock, so the output is the same whenever it runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { DateTime } from 'luxon';

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
const WINDOW_DAYS = 7;

/** The demo's commands, given the sandbox clock and the files it writes into. */
export function demoSteps(sandboxNow: string, out: string, accountsFile: string): string[][] {
  const until = DateTime.fromISO(sandboxNow, { zone: 'utc' }).startOf('day');
  const window = [
    '--since',
    until.minus({ days: WINDOW_DAYS }).toISODate() ?? '',
    '--until',
    until.toISODate() ?? '',
    '--tz',
    'UTC',
  ];
  const common = ['--accounts', accountsFile, '--db', join(out, 'archive.sqlite')];
  return [
    ['accounts', 'list', '--accounts', accountsFile],
    ['report', 'all', ...window, ...common, '--format', 'xlsx', '--out', join(out, 'reports.xlsx')],
    ['report', 'all', ...window, ...common, '--offline', '--format', 'csv', '--out', out],
  ];
}

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
    let worst = 0;
    for (const argv of demoSteps(sandbox.now(), out, accountsFile)) {
      options.stdout.write(`\n$ recipe-ops ${argv.join(' ')}\n`);
      worst = Math.max(worst, await options.run(argv));
    }
    options.stdout.write(
      `\nThe demo wrote its archive, reports.xlsx and the CSV reports into ${out}.\n` +
        'They are sandbox data, and their About sheet and .about.json files say so.\n',
    );
    return worst;
  } finally {
    await sandbox.close();
  }
}
