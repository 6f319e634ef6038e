/**
 * `recipe-ops jobs list RECIPE_ID`: the recipe's last jobs, newest first (100 by default).
 * The API has no date filter, so --since / --until ([since, until), on started_at) are applied
 * here, and paging stops at the first job older than --since.
 */
import type { Argv } from 'yargs';

import type { AccountArgs } from './accounts.js';
import { withAccountOptions } from './accounts.js';
import type { AnyCommand } from './index.js';

export const DEFAULT_JOB_LIMIT = 100;

interface JobsArgs extends AccountArgs {
  recipeId: number;
  limit: number;
  status?: 'succeeded' | 'failed' | 'pending';
  since?: string;
  until?: string;
}

async function listJobs(args: JobsArgs): Promise<void> {
  const { createLogger } = await import('../../shared/logger.js');
  const { ConfigError } = await import('../../shared/errors.js');
  const { DateTime } = await import('luxon');
  const { openTarget } = await import('./accounts.js');
  const { formatDuration, formatTime } = await import('../output/format.js');
  const { renderTable } = await import('../output/table.js');
  const { writeJson, writeSandboxNote, writeText } = await import('../output/write.js');
  const bound = (flag: string, value: string | undefined): number | null => {
    if (value === undefined) return null;
    const time = DateTime.fromISO(value, { zone: 'utc' });
    if (!time.isValid) throw new ConfigError(`--${flag}: "${value}" is not an ISO date or time`);
    return time.toMillis();
  };
  const since = bound('since', args.since);
  const until = bound('until', args.until);
  if (since !== null && until !== null && since >= until) {
    throw new ConfigError('--since must be before --until (the window is [since, until))');
  }
  if (!Number.isInteger(args.limit) || args.limit <= 0) {
    throw new ConfigError(`--limit: "${args.limit}" is not a positive whole number`);
  }
  const target = await openTarget(args, createLogger());
  const jobs = [];
  for await (const job of target.api.listJobs(
    args.recipeId,
    args.status ? { status: args.status } : {},
  )) {
    const started = Date.parse(job.started_at);
    if (since !== null && started < since) break;
    if (until !== null && started >= until) continue;
    jobs.push(job);
    if (jobs.length >= args.limit) break;
  }
  const out = { stdout: process.stdout, json: args.json };
  if (args.json) {
    writeJson(out, { account: target.key, sandbox: target.sandbox, recipeId: args.recipeId, jobs });
    return;
  }
  const columns = [
    { header: 'JOB ID' },
    { header: 'STATUS' },
    { header: 'STARTED' },
    { header: 'DURATION', align: 'right' as const },
    { header: 'ERROR / TITLE', maxWidth: 80 },
  ];
  const rows = jobs.map((j) => [
    j.id,
    j.status,
    formatTime(j.started_at),
    formatDuration(j.started_at, j.completed_at),
    j.error ?? j.title ?? '',
  ]);
  writeText(out, renderTable(columns, rows));
  writeText(out, `${jobs.length} job${jobs.length === 1 ? '' : 's'} of recipe ${args.recipeId}`);
  writeSandboxNote(out, target.sandbox);
}

export const jobsCommand: AnyCommand = {
  command: 'jobs <action>',
  describe: "list a recipe's jobs",
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list <recipe-id>',
        describe: 'jobs of one recipe, newest first',
        builder: (y: Argv) =>
          withAccountOptions(y)
            .positional('recipe-id', { type: 'number', demandOption: true })
            .option('limit', {
              type: 'number',
              default: DEFAULT_JOB_LIMIT,
              describe: 'at most this many jobs',
            })
            .option('status', { choices: ['succeeded', 'failed', 'pending'] as const })
            .option('since', {
              type: 'string',
              describe: 'jobs started at or after this ISO date/time',
            })
            .option('until', {
              type: 'string',
              describe: 'jobs started before this ISO date/time',
            }),
        handler: (argv: JobsArgs) => listJobs(argv),
      })
      .demandCommand(1, 'Name an action: list.'),
  handler: () => undefined,
};
