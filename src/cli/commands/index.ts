import type { CommandModule } from 'yargs';

/**
 * Every command of the CLI. Each module declares its flags and lazily imports the code that
 * does the work, so that `recipe-ops --help` stays fast.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own args
export type AnyCommand = CommandModule<object, any>;

export const commands: AnyCommand[] = [];
