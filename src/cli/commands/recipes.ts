/**
 * `recipe-ops recipes list | get ID | start ID… | stop ID…`. Start and stop print one line per
 * recipe and exit 1 if any failed; without ids they offer a searchable pick list on a terminal.
 */
import type { Argv } from 'yargs';

import type { WorkspaceApi } from '../../extract/workato/index.js';
import type { AccountArgs } from './accounts.js';
import { withAccountOptions } from './accounts.js';
import type { AnyCommand } from './index.js';

const STOP_CAUSES = [
  'trigger_errors_limit',
  'action_quota_limit',
  'trial_expired',
  'txn_quota_limit',
];

interface ListArgs extends AccountArgs {
  running?: boolean;
  stopped?: boolean;
  stopCause?: string;
  folder?: number;
  app?: string[];
  updatedSince?: string;
}

interface IdsArgs extends AccountArgs {
  ids?: (string | number)[];
}

async function listRecipes(args: ListArgs): Promise<void> {
  const { createLogger } = await import('../../shared/logger.js');
  const { ConfigError } = await import('../../shared/errors.js');
  const { openTarget } = await import('./accounts.js');
  const { formatTime } = await import('../output/format.js');
  const { renderTable } = await import('../output/table.js');
  const { writeJson, writeSandboxNote, writeText } = await import('../output/write.js');
  const { DateTime } = await import('luxon');
  let updatedAfter: string | undefined;
  if (args.updatedSince !== undefined) {
    const since = DateTime.fromISO(args.updatedSince, { zone: 'utc' });
    if (!since.isValid) {
      throw new ConfigError(`--updated-since: "${args.updatedSince}" is not an ISO date or time`);
    }
    updatedAfter = since.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
  }
  const target = await openTarget(args, createLogger());
  const running = args.running ? true : args.stopped ? false : undefined;
  const recipes = [];
  for await (const recipe of target.api.listRecipes({
    ...(running === undefined ? {} : { running }),
    ...(args.stopCause ? { stopCause: args.stopCause } : {}),
    ...(args.folder === undefined ? {} : { folderId: args.folder }),
    ...(args.app?.length ? { adapterNamesAny: args.app } : {}),
    ...(updatedAfter ? { updatedAfter } : {}),
    excludeCode: true,
  })) {
    recipes.push(recipe);
  }
  const out = { stdout: process.stdout, json: args.json };
  if (args.json) {
    writeJson(out, { account: target.key, sandbox: target.sandbox, recipes });
    return;
  }
  const columns = [
    { header: 'ID', align: 'right' as const },
    { header: 'STATE' },
    { header: 'STOP CAUSE' },
    { header: 'FOLDER', align: 'right' as const },
    { header: 'APPS', maxWidth: 30 },
    { header: 'UPDATED' },
    { header: 'NAME', maxWidth: 60 },
  ];
  const rows = recipes.map((r) => [
    r.id,
    r.running ? 'running' : 'stopped',
    r.stop_cause ?? '',
    r.folder_id ?? '',
    r.applications.join(','),
    formatTime(r.updated_at),
    r.name,
  ]);
  writeText(out, renderTable(columns, rows));
  writeText(out, `${recipes.length} recipe${recipes.length === 1 ? '' : 's'} in ${target.key}`);
  writeSandboxNote(out, target.sandbox);
}

async function getRecipe(args: AccountArgs & { id: number }): Promise<void> {
  const { createLogger } = await import('../../shared/logger.js');
  const { openTarget } = await import('./accounts.js');
  const { formatTime } = await import('../output/format.js');
  const { renderFields } = await import('../output/table.js');
  const { writeJson, writeSandboxNote, writeText } = await import('../output/write.js');
  const target = await openTarget(args, createLogger());
  const r = await target.api.getRecipe(args.id);
  const out = { stdout: process.stdout, json: args.json };
  if (args.json) {
    writeJson(out, { account: target.key, sandbox: target.sandbox, recipe: r });
    return;
  }
  const connections = r.config
    .map((c) => `${c.provider ?? c.name ?? c.keyword}=${c.account_id ?? 'none'}`)
    .join(', ');
  writeText(
    out,
    renderFields([
      ['id', r.id],
      ['name', r.name],
      ['state', r.running ? 'running' : 'stopped'],
      ['stop cause', r.stop_cause ?? ''],
      ['folder', r.folder_id ?? ''],
      ['trigger', r.trigger_application ?? ''],
      ['actions', r.action_applications.join(', ')],
      ['connections', connections],
      ['jobs succeeded', r.job_succeeded_count],
      ['jobs failed', r.job_failed_count],
      ['lifetime tasks', r.lifetime_task_count ?? 'n/a'],
      ['last run', formatTime(r.last_run_at)],
      ['stopped at', formatTime(r.stopped_at)],
      ['updated', formatTime(r.updated_at)],
      ['version', r.version_no ?? ''],
    ]),
  );
  writeSandboxNote(out, target.sandbox);
}

async function changeState(args: IdsArgs, action: 'start' | 'stop'): Promise<void> {
  const { createLogger } = await import('../../shared/logger.js');
  const { ConfigError, ExitError } = await import('../../shared/errors.js');
  const { openTarget } = await import('./accounts.js');
  const { cellText } = await import('../output/table.js');
  const { writeJson, writeSandboxNote, writeText } = await import('../output/write.js');
  const ids: number[] = [];
  for (const raw of args.ids ?? []) {
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0)
      throw new ConfigError(`recipe id: "${raw}" is not a recipe id`);
    ids.push(id);
  }
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (ids.length === 0 && !interactive) {
    throw new ConfigError(`recipes ${action}: name at least one recipe id`, {
      hint: `the pick list needs a terminal; pass ids, e.g. recipe-ops recipes ${action} 123 456`,
    });
  }
  const target = await openTarget(args, createLogger());
  if (ids.length === 0) ids.push(await pickRecipe(target.api, action));
  const outcomes = [];
  for (const id of ids)
    outcomes.push(await target.api[action === 'start' ? 'startRecipe' : 'stopRecipe'](id));
  const out = { stdout: process.stdout, json: args.json };
  if (args.json)
    writeJson(out, { account: target.key, sandbox: target.sandbox, action, results: outcomes });
  else {
    const done = action === 'start' ? 'started' : 'stopped';
    const idWidth = Math.max(...outcomes.map((o) => String(o.recipeId).length));
    for (const o of outcomes) {
      const id = String(o.recipeId).padStart(idWidth);
      writeText(out, o.ok ? `${id}  ${done}` : `${id}  FAILED  ${cellText(o.message)}`);
    }
    writeSandboxNote(out, target.sandbox);
  }
  if (outcomes.some((o) => !o.ok)) throw new ExitError(1);
}

async function pickRecipe(api: WorkspaceApi, action: 'start' | 'stop'): Promise<number> {
  const { default: search } = await import('@inquirer/search');
  const { cellText } = await import('../output/table.js');
  const candidates: { value: number; name: string }[] = [];
  // Only recipes the action can change: stopped ones to start, running ones to stop.
  for await (const r of api.listRecipes({ running: action === 'stop', excludeCode: true })) {
    candidates.push({ value: r.id, name: `${r.id}  ${cellText(r.name)}` });
  }
  return search<number>({
    message: `Recipe to ${action} (type to filter)`,
    source: (term) => {
      const needle = (term ?? '').toLowerCase();
      return candidates.filter((c) => c.name.toLowerCase().includes(needle));
    },
  });
}

const idsPositional = (y: Argv) =>
  withAccountOptions(y).positional('ids', {
    type: 'string',
    array: true,
    describe: 'recipe ids (none on a terminal: pick from a list)',
  });

export const recipesCommand: AnyCommand = {
  command: 'recipes <action>',
  describe: 'list, show, start and stop recipes',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: "list the account's recipes (all pages)",
        builder: (y: Argv) =>
          withAccountOptions(y)
            .option('running', { type: 'boolean', describe: 'only running recipes' })
            .option('stopped', { type: 'boolean', describe: 'only stopped recipes' })
            .conflicts('running', 'stopped')
            .option('stop-cause', {
              type: 'string',
              choices: STOP_CAUSES,
              describe: 'why Workato stopped it',
            })
            .option('folder', { type: 'number', describe: 'folder id' })
            .option('app', { type: 'string', array: true, describe: 'uses any of these apps' })
            .option('updated-since', {
              type: 'string',
              describe: 'updated after this ISO date/time',
            }),
        handler: (argv: ListArgs) => listRecipes(argv),
      })
      .command({
        command: 'get <id>',
        describe: 'show one recipe',
        builder: (y: Argv) =>
          withAccountOptions(y).positional('id', { type: 'number', demandOption: true }),
        handler: (argv: AccountArgs & { id: number }) => getRecipe(argv),
      })
      .command({
        command: 'start [ids..]',
        describe: 'start recipes; one line per recipe, exit 1 if any failed',
        builder: idsPositional,
        handler: (argv: IdsArgs) => changeState(argv, 'start'),
      })
      .command({
        command: 'stop [ids..]',
        describe: 'stop recipes; one line per recipe, exit 1 if any failed',
        builder: idsPositional,
        handler: (argv: IdsArgs) => changeState(argv, 'stop'),
      })
      .demandCommand(1, 'Name an action: list, get, start or stop.'),
  handler: () => undefined,
};
