import type { ArgumentsCamelCase, Argv } from 'yargs';

import type { AnyCommand } from './index.js';

interface SandboxArgs {
  port: number;
  host: string;
  seed: number;
  accounts: number;
  recipes: number;
  days: number;
  'jobs-per-day': number;
  'rate-limit': boolean;
}

/**
 * `recipe-ops sandbox`: starts the sandbox Workato server, prints how to reach it (base URL,
 * tokens, environment lines, an accounts-file snippet) and serves until SIGINT/SIGTERM.
 */
export const sandboxCommand: AnyCommand = {
  command: 'sandbox',
  describe: 'Serve a generated, deterministic Workato fleet on 127.0.0.1 (for demos and tests)',
  builder: (yargs: Argv) =>
    yargs
      .option('port', { type: 'number', default: 0, describe: 'Port (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1' })
      .option('seed', { type: 'number', default: 42 })
      .option('accounts', {
        type: 'number',
        default: 5,
        describe: 'Customer workspaces of the embedded admin (0: one plain workspace)',
      })
      .option('recipes', { type: 'number', default: 12, describe: 'Recipes per account' })
      .option('days', { type: 'number', default: 30, describe: 'Days of job history' })
      .option('jobs-per-day', { type: 'number', default: 24, describe: 'Jobs per recipe per day' })
      .option('rate-limit', {
        type: 'boolean',
        default: true,
        describe: "Enforce Workato's rate limits (--no-rate-limit to turn off)",
      }),
  handler: async (argv) => {
    const args = argv as ArgumentsCamelCase<SandboxArgs>;
    const { runSandbox } = await import('../../sandbox/run.js');
    await runSandbox(
      {
        port: args.port,
        host: args.host,
        seed: args.seed,
        accounts: args.accounts,
        recipesPerAccount: args.recipes,
        days: args.days,
        jobsPerRecipePerDay: args['jobs-per-day'],
        ...(args['rate-limit'] ? {} : { rateLimit: false as const }),
      },
      process.stdout,
    );
  },
};
