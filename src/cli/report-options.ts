/**
 * The `report` command's flags and how they become a ReportJob. Kept apart from the command
 * module so that the flags can be tested without spawning the CLI.
 */
import type { Argv } from 'yargs';

import type { JobStatus } from '../extract/workato/schemas.js';
import { ConfigError } from '../shared/errors.js';
import { REPORT_KINDS, isReportKind } from '../transform/report-query.js';
import type { ReportKind } from '../transform/report-query.js';
import type { ReportFormat, ReportJob, WindowSpec } from './report-job.js';

export interface ReportArgs {
  kinds: string[];
  since?: string;
  until?: string;
  last?: string;
  tz?: string;
  account?: string[];
  recipe?: (string | number)[];
  folder?: (string | number)[];
  status?: string[];
  format?: string;
  out?: string;
  spreadsheet?: string;
  'sheets-mode'?: string;
  'sheets-title'?: string;
  'share-with'?: string[];
  'on-cell-limit'?: string;
  delimiter?: string;
  'low-remaining'?: number;
  db?: string;
  accounts?: string;
  offline: boolean;
}

export const STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'pending'];

export function reportOptions(yargs: Argv): Argv<ReportArgs> {
  return yargs
    .positional('kinds', {
      describe: `Reports to build: ${REPORT_KINDS.join(', ')}, or all`,
      type: 'string',
      array: true,
    })
    .option('since', {
      type: 'string',
      describe: 'Window start: YYYY-MM-DD (local midnight) or ISO',
    })
    .option('until', { type: 'string', describe: 'Window end (excluded), same forms as --since' })
    .option('last', {
      type: 'string',
      describe: 'Instead of --since/--until: 1d, 7d, 12h, month-to-date',
    })
    .option('tz', {
      type: 'string',
      describe: 'IANA time zone of the window and dates (default UTC)',
    })
    .option('account', {
      type: 'string',
      array: true,
      describe: 'Only these accounts (key, name, id)',
    })
    .option('recipe', { type: 'string', array: true, describe: 'Only these recipe ids' })
    .option('folder', { type: 'string', array: true, describe: 'Only recipes in these folder ids' })
    .option('status', {
      type: 'string',
      array: true,
      describe: 'job-history: only these statuses',
      choices: STATUSES,
    })
    .option('format', {
      type: 'string',
      choices: ['csv', 'xlsx', 'sheets'],
      describe: 'Output format (default from --out)',
    })
    .option('out', {
      type: 'string',
      describe: 'File (one report) or folder (csv); .xlsx file or folder (xlsx)',
    })
    .option('spreadsheet', { type: 'string', describe: 'sheets: spreadsheet id, URL, or new' })
    .option('sheets-mode', {
      type: 'string',
      choices: ['replace', 'append'],
      describe: 'sheets: replace tabs (default) or append new jobs',
    })
    .option('sheets-title', {
      type: 'string',
      describe: 'sheets: title of a new spreadsheet; {date} and {report} are filled in',
    })
    .option('share-with', {
      type: 'string',
      array: true,
      describe: 'sheets: e-mails given reader access to a new spreadsheet',
    })
    .option('on-cell-limit', {
      type: 'string',
      choices: ['fail', 'rollover'],
      describe: "sheets: over Google's 10M cells, refuse (default) or continue in a new one",
    })
    .option('delimiter', {
      type: 'string',
      choices: [',', ';', 'tab'],
      describe: 'csv: field separator (default ,)',
    })
    .option('low-remaining', {
      type: 'number',
      describe: 'transaction-usage: flag below this share left (default 0.1)',
    })
    .option('db', { type: 'string', describe: 'Archive path (default RECIPE_OPS_DB or per-user)' })
    .option('accounts', {
      type: 'string',
      describe: 'Accounts file (default RECIPE_OPS_ACCOUNTS or environment)',
    })
    .option('offline', {
      type: 'boolean',
      default: false,
      describe: 'Skip the sync: report from the archive as it is',
    }) as unknown as Argv<ReportArgs>;
}

function ids(values: readonly (string | number)[] | undefined, flag: string): number[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => String(v).split(','))
    .map((text) => {
      const n = Number(text.trim());
      if (!Number.isInteger(n) || n <= 0 || text.trim() === '') {
        throw new ConfigError(`${flag}: '${text}' is not a numeric id`);
      }
      return n;
    });
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

function emails(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const list = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const email of list) {
    if (!EMAIL.test(email)) throw new ConfigError(`--share-with: '${email}' is not an e-mail`);
  }
  return list;
}

export function parseKinds(values: readonly string[], field: string): ReportKind[] {
  if (values.length === 0) {
    throw new ConfigError(`${field}: name at least one report (${REPORT_KINDS.join(', ')}, all)`);
  }
  const kinds: ReportKind[] = [];
  for (const value of values.flatMap((v) => v.split(','))) {
    if (value === 'all') kinds.push(...REPORT_KINDS);
    else if (isReportKind(value)) kinds.push(value);
    else {
      throw new ConfigError(`${field}: '${value}' is not a report`, {
        hint: `expected one of ${REPORT_KINDS.join(', ')}, all`,
      });
    }
  }
  return [...new Set(kinds)];
}

function formatOf(args: ReportArgs): ReportFormat {
  if (args.format === 'csv' || args.format === 'xlsx' || args.format === 'sheets')
    return args.format;
  if (args.spreadsheet) return 'sheets';
  if (args.out?.toLowerCase().endsWith('.xlsx')) return 'xlsx';
  if (args.out) return 'csv';
  throw new ConfigError('--format: give csv, xlsx or sheets (or an --out path ending in .xlsx)');
}

function windowOf(args: ReportArgs): WindowSpec | null {
  if (args.last !== undefined) {
    if (args.since !== undefined || args.until !== undefined) {
      throw new ConfigError('--last: give --last or --since/--until, not both');
    }
    return { kind: 'relative', last: args.last };
  }
  if (args.since === undefined && args.until === undefined) return null;
  if (args.since === undefined) throw new ConfigError('--since: required with --until');
  if (args.until === undefined) throw new ConfigError('--until: required with --since');
  return { kind: 'explicit', since: args.since, until: args.until };
}

export function reportJobFromArgs(args: ReportArgs): ReportJob {
  const share = args['low-remaining'];
  if (share !== undefined && !(share >= 0 && share <= 1)) {
    throw new ConfigError(`--low-remaining: '${share}' is not a share between 0 and 1`);
  }
  return {
    origin: 'report',
    kinds: parseKinds(args.kinds, 'report'),
    window: windowOf(args),
    timeZone: args.tz,
    accounts: args.account,
    recipeIds: ids(args.recipe, '--recipe'),
    folderIds: ids(args.folder, '--folder'),
    statuses: args.status as JobStatus[] | undefined,
    lowRemainingShare: share,
    format: formatOf(args),
    out: args.out,
    delimiter: args.delimiter as ReportJob['delimiter'],
    spreadsheet: args.spreadsheet,
    sheetsMode: args['sheets-mode'] as ReportJob['sheetsMode'],
    sheetsTitle: args['sheets-title'],
    shareWith: emails(args['share-with']),
    onCellLimit: args['on-cell-limit'] as ReportJob['onCellLimit'],
    db: args.db,
    accountsFile: args.accounts,
    offline: args.offline,
  };
}
