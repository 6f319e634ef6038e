import yargs from 'yargs';

import { describeError, isRecipeOpsError } from '../shared/errors.js';
import { createLogger } from '../shared/logger.js';
import { commands } from './commands/index.js';

/**
 * The entry point: parses argv, runs one command and maps what it throws to an exit code
 * (0 all done; 1 some accounts or sinks failed; 2 bad usage or config). Only bin/ calls exit.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const logger = createLogger();
  let exitCode = 0;
  const parser = yargs([...argv])
    .scriptName('recipe-ops')
    .strict()
    .strictCommands()
    .demandCommand(1, 'Name a command: see --help.')
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageFailure(message);
    })
    .help()
    .version();
  for (const command of commands) parser.command(command);
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageFailure) {
      process.stderr.write(`recipe-ops: ${error.message}\nRun 'recipe-ops --help' for usage.\n`);
      return 2;
    }
    if (isRecipeOpsError(error)) {
      if (error.name !== 'ExitError') logger.error(describeError(error));
      return error.exitCode;
    }
    logger.error(
      { err: error },
      'internal error: this is a bug in recipe-ops; please report it with this output',
    );
    return 1;
  }
  exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  return exitCode;
}

class UsageFailure extends Error {}
