import type { ArgumentsCamelCase, Argv } from 'yargs';

import { ExitError } from '../../shared/errors.js';
import { createLogger } from '../../shared/logger.js';
import type { ReportArgs } from '../report-options.js';
import { reportOptions } from '../report-options.js';
import type { AnyCommand } from './index.js';

/**
 * `recipe-ops report <kind…>`: syncs the accounts it needs (unless --offline), builds the
 * reports from the archive and writes them as CSV, XLSX or Google Sheets with provenance.
 */
export const reportCommand: AnyCommand = {
  command: 'report <kinds..>',
  describe: 'Build reports (job-history, transaction-usage, …) and write CSV, XLSX or Sheets',
  builder: (yargs: Argv) => reportOptions(yargs),
  handler: async (argv: ArgumentsCamelCase) => {
    const args = argv as unknown as ReportArgs;
    const { reportJobFromArgs } = await import('../report-options.js');
    const { runReportJob } = await import('../report-runner.js');
    const job = reportJobFromArgs(args);
    const code = await runReportJob(job, {
      env: process.env,
      stdout: process.stdout,
      logger: createLogger(),
    });
    if (code !== 0) throw new ExitError(code);
  },
};
