import type { ArgumentsCamelCase, Argv } from 'yargs';

import { ExitError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import type { AnyCommand } from './index.js';

interface RunArgs {
  spec: string;
  db?: string;
  accounts?: string;
  offline: boolean;
}

/**
 * `recipe-ops run SPEC.yaml`: validates a report spec (reports/*.yaml) and runs it like
 * `report` — sync, build, write. Exit 2 on an invalid spec, naming the file and the field.
 */
export const runCommand: AnyCommand = {
  command: 'run <spec>',
  describe: 'Run a standing report spec (reports/*.yaml): sync, build and write its reports',
  builder: (yargs: Argv) =>
    yargs
      .positional('spec', { type: 'string', describe: 'The report spec (YAML)' })
      .option('db', {
        type: 'string',
        describe: 'Archive path (default RECIPE_OPS_DB or per-user)',
      })
      .option('accounts', {
        type: 'string',
        describe: 'Accounts file (default RECIPE_OPS_ACCOUNTS)',
      })
      .option('offline', { type: 'boolean', default: false, describe: 'Skip the sync' }),
  handler: async (argv: ArgumentsCamelCase) => {
    const args = argv as unknown as RunArgs;
    const { loadReportSpec, reportJobFromSpec } = await import('../report-spec.js');
    const { runReportJob } = await import('../report-runner.js');
    const spec = loadReportSpec(args.spec);
    const job = reportJobFromSpec(spec, args.spec, {
      db: args.db,
      accountsFile: args.accounts,
      offline: args.offline,
    });
    const code = await runReportJob(job, {
      env: process.env,
      stdout: process.stdout,
      logger: createLogger(),
    });
    if (code !== 0) throw new ExitError(code);
  },
};
