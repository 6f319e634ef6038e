import type { ArgumentsCamelCase, Argv } from 'yargs';

import {
  DEFAULT_ACCOUNT_CONCURRENCY,
  DEFAULT_RECIPE_CONCURRENCY,
} from '../../store/sync/concurrency.js';
import type { AnyCommand } from './index.js';

export interface SyncArgs {
  db?: string;
  accounts?: string;
  account?: string;
  since: string;
  shard?: string;
  concurrency: number;
  'recipe-concurrency': number;
}

/**
 * `recipe-ops sync`: pulls every configured account's recipes, jobs, connections and usage into
 * the archive; the first run backfills to --since, later runs fetch only what is new.
 */
export const syncCommand: AnyCommand = {
  command: 'sync',
  describe: 'Sync accounts into the local archive (incremental after the first run)',
  builder: (yargs: Argv) =>
    yargs
      .option('db', {
        type: 'string',
        describe:
          'Archive file (default: RECIPE_OPS_DB, else $XDG_DATA_HOME/recipe-ops/archive.sqlite)',
      })
      .option('accounts', {
        type: 'string',
        describe: 'Accounts file (default: RECIPE_OPS_ACCOUNTS, else the WORKATO_* environment)',
      })
      .option('account', {
        type: 'string',
        describe: 'Only this account (an entry name, or admin/<customer id>)',
      })
      .option('since', {
        type: 'string',
        default: '30d',
        describe: "First sync's backfill: a duration (30d, 12h, 2w), a date (ISO) or 'all'",
      })
      .option('shard', {
        type: 'string',
        describe: 'I/N: only the accounts in shard I (0-based) of N, by a stable hash of the key',
      })
      .option('concurrency', {
        type: 'number',
        default: DEFAULT_ACCOUNT_CONCURRENCY,
        describe: 'Accounts at a time',
      })
      .option('recipe-concurrency', {
        type: 'number',
        default: DEFAULT_RECIPE_CONCURRENCY,
        describe: 'Recipes at a time per account',
      }),
  handler: async (argv: ArgumentsCamelCase) => {
    const { runSyncCommand } = await import('../sync-runner.js');
    await runSyncCommand(argv as unknown as SyncArgs);
  },
};
