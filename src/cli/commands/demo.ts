import type { ArgumentsCamelCase, Argv } from 'yargs';

import type { AnyCommand } from './index.js';

interface DemoArgs {
  out: string;
  seed: number;
  accounts: number;
}

/** `recipe-ops demo`: the main job against the embedded sandbox (no Workato account needed). */
export const demoCommand: AnyCommand = {
  command: 'demo',
  describe: 'Run the main job against the embedded sandbox and show what it wrote',
  builder: (yargs: Argv) =>
    yargs
      .option('out', { type: 'string', default: 'demo-out', describe: 'Folder for the outputs' })
      .option('seed', { type: 'number', default: 42, describe: 'Sandbox seed' })
      .option('accounts', { type: 'number', default: 3, describe: 'Sandbox customer accounts' }),
  handler: async (argv) => {
    const args = argv as ArgumentsCamelCase<DemoArgs>;
    const { runDemo } = await import('../demo.js');
    const { main } = await import('../main.js');
    const code = await runDemo({
      out: args.out,
      seed: args.seed,
      accounts: args.accounts,
      run: (commandArgv) => main(commandArgv),
      stdout: process.stdout,
    });
    process.exitCode = code;
  },
};
