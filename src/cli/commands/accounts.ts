/**
 * `recipe-ops accounts list | show [NAME]`, and the account options every API command shares
 * (`--account`, `--accounts`, `--json`). The work is imported lazily so that --help stays fast.
 */
import type { Argv } from 'yargs';

import type { AccountTarget, ResolvedAccounts } from '../../extract/workato/index.js';
import type { Logger } from '../../shared/logger.js';
import type { AnyCommand } from './index.js';

export interface AccountArgs {
  account?: string;
  accounts?: string;
  json: boolean;
}

/** Declares --account, --accounts and --json. */
export function withAccountOptions<T>(yargs: Argv<T>): Argv<T & AccountArgs> {
  return yargs
    .option('account', {
      type: 'string',
      describe: 'account name from the accounts file (or <managed name>/<customer id>)',
    })
    .option('accounts', {
      type: 'string',
      describe: 'accounts YAML file (default $RECIPE_OPS_ACCOUNTS, else the WORKATO_* variables)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'JSON output for scripts' });
}

async function resolve(
  args: AccountArgs,
  logger: Logger,
  only?: string,
): Promise<ResolvedAccounts> {
  const { resolveAccounts } = await import('../../extract/workato/index.js');
  const key = only ?? args.account;
  return resolveAccounts({
    logger,
    ...(args.accounts === undefined ? {} : { accountsFile: args.accounts }),
    ...(key === undefined ? {} : { only: key }),
  });
}

/** The one workspace a command acts on: `--account`, or the only configured one. */
export async function openTarget(
  args: AccountArgs,
  logger: Logger,
  only?: string,
): Promise<AccountTarget> {
  const { ConfigError } = await import('../../shared/errors.js');
  const resolved = await resolve(args, logger, only);
  const failure = resolved.failures[0];
  if (failure) throw failure.error;
  const [first, ...others] = resolved.targets;
  if (!first) throw new ConfigError('no account selected: the managed account has no customers');
  if (others.length > 0) {
    const keys = resolved.targets.map((t) => t.key);
    const shown = keys.slice(0, 10).join(', ') + (keys.length > 10 ? ', …' : '');
    throw new ConfigError(`${keys.length} accounts are configured: pick one with --account`, {
      hint: `one of ${shown}`,
    });
  }
  return first;
}

async function listAccounts(args: AccountArgs): Promise<void> {
  const { createLogger } = await import('../../shared/logger.js');
  const { describeError, ExitError } = await import('../../shared/errors.js');
  const { renderTable } = await import('../output/table.js');
  const { writeJson, writeText } = await import('../output/write.js');
  const logger = createLogger();
  const out = { stdout: process.stdout, json: args.json };
  const resolved = await resolve(args, logger);
  const rows = resolved.targets.map((t) => ({
    key: t.key,
    name: t.name,
    kind: t.kind,
    dataCenter: t.dataCenter,
    baseUrl: t.baseUrl,
    externalId: t.customer?.external_id ?? null,
    sandbox: t.sandbox,
  }));
  if (args.json) {
    const failures = resolved.failures.map((f) => ({
      account: f.account,
      error: describeError(f.error),
    }));
    writeJson(out, { accounts: rows, failures });
  } else {
    const columns = [
      { header: 'KEY' },
      { header: 'NAME', maxWidth: 40 },
      { header: 'KIND' },
      { header: 'WHERE' },
      { header: 'SANDBOX' },
    ];
    const cells = rows.map((r) => [
      r.key,
      r.name,
      r.kind,
      r.dataCenter ?? r.baseUrl,
      r.sandbox ? 'yes' : 'no',
    ]);
    writeText(out, renderTable(columns, cells));
  }
  for (const failure of resolved.failures) logger.error(describeError(failure.error));
  if (resolved.failures.length > 0) throw new ExitError(1);
}

async function showAccount(args: AccountArgs & { name?: string }): Promise<void> {
  const { createLogger } = await import('../../shared/logger.js');
  const { describeAccount } = await import('../output/account-summary.js');
  const { renderFields } = await import('../output/table.js');
  const { writeJson, writeSandboxNote, writeText } = await import('../output/write.js');
  const logger = createLogger();
  const target = await openTarget(args, logger, args.name);
  const summary = await describeAccount(target);
  const out = { stdout: process.stdout, json: args.json };
  if (args.json) writeJson(out, summary);
  else {
    const rows: [string, unknown][] = [
      ['account', summary.key],
      ['name', summary.name],
      ['kind', summary.kind],
      ['where', summary.dataCenter ?? summary.baseUrl],
      ['plan', summary.plan ?? 'n/a'],
      ['billing period', summary.billingPeriod ?? 'n/a'],
      ['task limit', summary.taskLimit ?? 'n/a'],
      ['tasks used', summary.tasksUsed ?? 'n/a'],
      ['tasks remaining', summary.tasksRemaining ?? 'n/a'],
      ['recipes running', summary.recipesRunning ?? 'n/a'],
      ['recipes total', summary.recipesTotal ?? 'n/a'],
      ['connections', summary.connections],
    ];
    writeText(out, renderFields(rows));
  }
  writeSandboxNote(out, summary.sandbox);
}

export const accountsCommand: AnyCommand = {
  command: 'accounts <action>',
  describe: 'list the configured accounts, or show one',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: 'list accounts (a managed account lists its customers)',
        builder: (y: Argv) => withAccountOptions(y),
        handler: (argv: AccountArgs) => listAccounts(argv),
      })
      .command({
        command: 'show [name]',
        describe: 'plan, billing period, task usage, recipes and connections of one account',
        builder: (y: Argv) =>
          withAccountOptions(y).positional('name', {
            type: 'string',
            describe: 'account name or key (default: --account, or the only account)',
          }),
        handler: (argv: AccountArgs & { name?: string }) => showAccount(argv),
      })
      .demandCommand(1, 'Name an action: list or show.'),
  handler: () => undefined,
};
