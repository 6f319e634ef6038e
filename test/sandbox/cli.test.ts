import { spawn } from 'node:child_process';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/** Runs the built CLI (npm test builds first), reads its start-up text, then stops it. */
describe('recipe-ops sandbox', () => {
  it('prints URL, tokens, env lines and an accounts file; serves; stops on SIGTERM', async () => {
    const child = spawn(
      'node',
      [
        'bin/recipe-ops.js',
        'sandbox',
        '--port',
        '0',
        '--seed',
        '42',
        '--accounts',
        '2',
        '--recipes',
        '3',
        '--days',
        '2',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('SANDBOX_CUSTOMER_2_TOKEN\n')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${stdout}`)));
    });
    const baseUrl = /export WORKATO_BASE_URL=(\S+)/.exec(stdout)?.[1];
    const adminToken = /export SANDBOX_ADMIN_TOKEN=(\S+)/.exec(stdout)?.[1];
    const customerToken = /export SANDBOX_CUSTOMER_2_TOKEN=(\S+)/.exec(stdout)?.[1];
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await fetch(`${baseUrl}/api/users/me`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(((await me.json()) as { name: string }).name).toMatch(/^Sandbox/);
    const customers = await fetch(`${baseUrl}/api/managed_users`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const { result } = (await customers.json()) as { result: { id: number }[] };
    expect(result).toHaveLength(2);
    const own = await fetch(`${baseUrl}/api/users/me`, {
      headers: { authorization: `Bearer ${customerToken}` },
    });
    expect(((await own.json()) as { id: number }).id).toBe(result[1]!.id);

    const yamlText = stdout.slice(stdout.indexOf('accounts:'));
    expect(parseYaml(yamlText)).toEqual({
      accounts: [
        {
          name: 'sandbox-admin',
          base_url: baseUrl,
          token_env: 'SANDBOX_ADMIN_TOKEN',
          managed: true,
          sandbox: true,
        },
      ],
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('sandbox stopped');
  });
});
