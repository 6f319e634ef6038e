import type { CommandModule } from 'yargs';

import { accountsCommand } from './accounts.js';
import { demoCommand } from './demo.js';
import { jobsCommand } from './jobs.js';
import { recipesCommand } from './recipes.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { sandboxCommand } from './sandbox.js';
import { syncCommand } from './sync.js';

/**
 * Every command of the CLI. Each module declares its flags and lazily imports the code that
 * does the work, so that `recipe-ops --help` stays fast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own args
export type AnyCommand = CommandModule<object, any>;

export const commands: AnyCommand[] = [
  accountsCommand,
  demoCommand,
  recipesCommand,
  jobsCommand,
  reportCommand,
  runCommand,
  sandboxCommand,
  syncCommand,
];
