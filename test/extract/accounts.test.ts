import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { accountFromEnvironment, configErrorOf } from './accounts-helpers.js';
import { loadAccountsFile, resolveAccounts } from '../../src/extract/workato/index.js';
import { ConfigError } from '../../src/shared/errors.js';
import { redact } from '../../src/shared/redact.js';
import { sendJson, startFakeServer } from './fake-server.js';
import type { FakeServer } from './fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function writeAccounts(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ops-accounts-'));
  const file = join(dir, 'accounts.yaml');
  writeFileSync(file, text);
  return file;
}

describe('accounts file', () => {
  it('reads entries with data centres, base URLs, legacy keys and rate limits', () => {
    const file = writeAccounts(`
accounts:
  - name: acme
    data_center: eu
    token_env: ACME_TOKEN
    transactions_limit: 5000
    rate_limit: { per_minute: 30, window_ms: 1000 }
  - name: old
    base_url: https://app.example.test/api/
    email_env: OLD_EMAIL
    api_key_env: OLD_KEY
`);
    const env = { ACME_TOKEN: 'acme-secret-1', OLD_EMAIL: 'a@b.c', OLD_KEY: 'old-key-99' };
    const [acme, old] = loadAccountsFile(file, env);
    expect(acme).toMatchObject({
      name: 'acme',
      baseUrl: 'https://app.eu.workato.com',
      dataCenter: 'eu',
      credentials: { kind: 'bearer', token: 'acme-secret-1' },
      transactionsLimit: 5000,
      rateLimit: { perMinute: 30, windowMs: 1000 },
      managed: false,
    });
    expect(old).toMatchObject({
      dataCenter: null,
      baseUrl: 'https://app.example.test/api/',
      credentials: { kind: 'legacy', email: 'a@b.c', apiKey: 'old-key-99' },
    });
    // secrets read from the environment are redacted from then on
    expect(redact('token acme-secret-1 and old-key-99')).toBe('token [redacted] and [redacted]');
  });

  it.each([
    [
      'accounts:\n  - name: a\n    data_center: mars\n    token_env: T\n',
      'accounts[0] "a": data_center:',
    ],
    ['accounts:\n  - name: a\n    data_centre: eu\n    token_env: T\n', 'accounts[0] "a": (body):'],
    ['accounts:\n  - name: a\n    data_center: eu\n', 'accounts[0] "a": token_env: required'],
    [
      'accounts:\n  - name: a\n    token_env: T\n  - name: a\n    token_env: T\n',
      'accounts[1] "a": name:',
    ],
    ['accounts:\n  - data_center: eu\n    token_env: T\n', 'accounts[0]: name:'],
    ['accounts: [\n', 'not valid YAML'],
  ])('names the file, the entry and the field: %#', (text, expected) => {
    const file = writeAccounts(text);
    const error = configErrorOf(() => loadAccountsFile(file, { T: 'secret-t' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`${file}: `);
    expect(error.message).toContain(expected);
    expect(error.exitCode).toBe(2);
  });

  it('says which variable is missing, never its value', () => {
    const file = writeAccounts('accounts:\n  - name: acme\n    token_env: ACME_TOKEN\n');
    const error = configErrorOf(() => loadAccountsFile(file, {}));
    expect(error.message).toBe(
      `${file}: accounts[0] "acme": token_env: ACME_TOKEN is not set in the environment`,
    );
  });
});

describe('environment account', () => {
  it('defaults to the us data centre', () => {
    const account = accountFromEnvironment({ WORKATO_API_TOKEN: 'tok-12345' });
    expect(account).toMatchObject({
      name: 'default',
      dataCenter: 'us',
      baseUrl: 'https://www.workato.com',
    });
  });

  it('refuses an unknown data centre and a missing token with exit code 2', () => {
    expect(
      configErrorOf(() =>
        accountFromEnvironment({ WORKATO_API_TOKEN: 'tok-12345', WORKATO_DATA_CENTER: 'xx' }),
      ).message,
    ).toContain('WORKATO_DATA_CENTER');
    const missing = configErrorOf(() => accountFromEnvironment({}));
    expect(missing.hint).toContain('WORKATO_API_TOKEN');
  });
});

describe('resolveAccounts', () => {
  it('expands a managed account into its selected customers with stable keys', async () => {
    const customers = [
      { id: 11, name: 'Acme Corp', external_id: 'A-1' },
      { id: 12, name: 'Acme Test', external_id: 'A-2' },
      { id: 13, name: 'Globex', external_id: 'G-1' },
      { id: 14, name: 'Initech', external_id: null },
    ];
    server = await startFakeServer((_req, res) => sendJson(res, 200, { result: customers }));
    const file = writeAccounts(`
accounts:
  - name: plain
    base_url: ${server.baseUrl}
    token_env: PLAIN_TOKEN
  - name: oem
    base_url: ${server.baseUrl}
    token_env: OEM_TOKEN
    managed: true
    include: { names: ['acme*', 'Initech'], external_ids: 'G-*' }
    exclude: { names: '*test*' }
`);
    const env = { PLAIN_TOKEN: 'plain-token-1', OEM_TOKEN: 'oem-token-1' };
    const resolved = await resolveAccounts({ accountsFile: file, env });
    expect(resolved.failures).toEqual([]);
    expect(resolved.targets.map((t) => [t.key, t.name, t.kind])).toEqual([
      ['plain', 'plain', 'workspace'],
      ['oem/11', 'Acme Corp', 'customer'],
      ['oem/13', 'Globex', 'customer'],
      ['oem/14', 'Initech', 'customer'],
    ]);
    expect(resolved.targets.every((t) => t.sandbox)).toBe(true); // 127.0.0.1
    expect(server.requests.map((r) => r.path)).toEqual(['/api/managed_users']);

    const one = await resolveAccounts({ accountsFile: file, env, only: 'oem/EG-1' });
    expect(one.targets.map((t) => t.key)).toEqual(['oem/13']);
    await expect(resolveAccounts({ accountsFile: file, env, only: 'nope' })).rejects.toThrow(
      '--account: no account named "nope"',
    );
  });

  it('records a managed account whose customers cannot be listed as a failure', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 401, { message: 'Unauthorized' }));
    const file = writeAccounts(
      `accounts:\n  - name: oem\n    base_url: ${server.baseUrl}\n` +
        '    token_env: T\n    managed: true\n',
    );
    const resolved = await resolveAccounts({ accountsFile: file, env: { T: 'tok-oem-1' } });
    expect(resolved.targets).toEqual([]);
    expect(resolved.failures).toHaveLength(1);
    expect(String(resolved.failures[0]!.error)).toContain('oem: GET /api/managed_users');
  });
});
