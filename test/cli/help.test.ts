import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('recipe-ops CLI', () => {
  it('prints usage and exits 2 when no command is named', async () => {
    const failure = await run('node', ['bin/recipe-ops.js']).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("Run 'recipe-ops --help'");
  });
});
