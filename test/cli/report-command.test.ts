/**
 * `recipe-ops report` and `recipe-ops run` end to end: the built CLI (npm run build) spawned
 * against a sandbox, writing CSV and XLSX, with exit codes, a failed account named in the
 * summary and the provenance, and usage errors.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { fakeEnv } from '../fakes/sheets-fixtures.js';
import { startFakeSheets } from '../fakes/sheets-server.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { parseWindow } from '../../src/transform/window.js';
import { jobsIn } from '../transform/expected-from-world.js';
import { readCsv } from './csv-read.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let sandbox: SandboxHandle;
let dir: string;
let env: NodeJS.ProcessEnv;

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/recipe-ops.js', ...args],
      { env: { ...env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function accountsFile(name: string, entries: string): string {
  const path = join(dir, name);
  writeFileSync(path, `accounts:\n${entries}`);
  return path;
}

const fleetEntry = (): string =>
  `  - name: fleet\n    base_url: ${sandbox.baseUrl}\n` +
  '    token_env: FLEET_TOKEN\n    managed: true\n';

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 4242,
    accounts: 2,
    recipesPerAccount: 4,
    days: 20,
    jobsPerRecipePerDay: 8,
    rateLimit: false,
  });
  dir = mkdtempSync(join(tmpdir(), 'recipe-ops-report-cli-'));
  env = { PATH: process.env.PATH, FLEET_TOKEN: sandbox.adminToken, LOG_LEVEL: 'error' };
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const WINDOW = ['--since', '2026-11-20', '--until', '2026-11-27', '--tz', 'Europe/Berlin'];

describe('recipe-ops report', () => {
  it('syncs, then writes one CSV per report with provenance beside it', async () => {
    const file = accountsFile('fleet.yaml', fleetEntry());
    const out = join(dir, 'csv');
    const db = join(dir, 'csv.sqlite');
    const args = ['report', 'job-history', 'transaction-usage', ...WINDOW];
    const result = await cli([
      ...args,
      '--format',
      'csv',
      '--out',
      out,
      '--db',
      db,
      '--accounts',
      file,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const window = parseWindow('2026-11-20', '2026-11-27', 'Europe/Berlin');
    const expected = jobsIn(sandbox.world(), window.since, window.until);
    const rows = readCsv(readFileSync(join(out, 'job-history.csv'), 'utf8'));
    expect(rows[0]?.slice(0, 6)).toEqual([
      'account_id',
      'account_name',
      'recipe_id',
      'recipe_name',
      'job_id',
      'status',
    ]);
    expect(rows.slice(1).map((r) => r[4])).toEqual(expected.map((j) => j.job.id));
    expect(result.stdout).toContain(`wrote job-history: ${expected.length} row(s)`);
    // the sink, not the transform, neutralises a formula-like account name
    expect(rows.some((r) => r[1]?.startsWith("'=HYPERLINK("))).toBe(true);

    const about = JSON.parse(readFileSync(join(out, 'job-history.about.json'), 'utf8')) as {
      dataSource: { kind: string };
      accountsIncluded: string[];
      accountsFailed: unknown[];
      window: { timeZone: string; since: string };
      lastSyncedAt: Record<string, string | null>;
      reports: { rows: number }[];
    };
    const keys = sandbox
      .world()
      .customers.map((c) => `fleet/${c.info.id}`)
      .sort();
    expect(about.dataSource.kind).toBe('sandbox');
    expect(about.accountsIncluded).toEqual(keys);
    expect(about.accountsFailed).toEqual([]);
    expect(about.window).toMatchObject({
      timeZone: 'Europe/Berlin',
      since: '2026-11-20T00:00:00+01:00',
    });
    expect(Object.keys(about.lastSyncedAt)).toEqual(keys);
    expect(Object.values(about.lastSyncedAt).every((v) => v !== null)).toBe(true);
    expect(about.reports[0]?.rows).toBe(expected.length);
    const usage = readCsv(readFileSync(join(out, 'transaction-usage.csv'), 'utf8'));
    expect(usage.length).toBe(1 + keys.length);
  });

  it('syncs into an archive in memory, which no other thread can open, and reports', async () => {
    const file = accountsFile('fleet-memory.yaml', fleetEntry());
    const out = join(dir, 'memory');
    const result = await cli([
      ...['report', 'job-history', ...WINDOW, '--format', 'csv', '--out', out],
      ...['--db', ':memory:', '--accounts', file],
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const window = parseWindow('2026-11-20', '2026-11-27', 'Europe/Berlin');
    const expected = jobsIn(sandbox.world(), window.since, window.until);
    const rows = readCsv(readFileSync(join(out, 'job-history.csv'), 'utf8'));
    expect(rows.slice(1).map((r) => r[4])).toEqual(expected.map((j) => j.job.id));
    expect(expected.length).toBeGreaterThan(100);
  });

  it('writes every report into one workbook, offline from the archive', async () => {
    const file = accountsFile('fleet-x.yaml', fleetEntry());
    const db = join(dir, 'xlsx.sqlite');
    const out = join(dir, 'all.xlsx');
    expect(
      (
        await cli([
          'report',
          'job-history',
          ...WINDOW,
          '--out',
          join(dir, 'seed.csv'),
          '--db',
          db,
          '--accounts',
          file,
        ])
      ).code,
    ).toBe(0);
    const requests = sandbox.counters().total;
    const result = await cli([
      'report',
      'all',
      ...WINDOW,
      '--format',
      'xlsx',
      '--out',
      out,
      '--db',
      db,
      '--offline',
    ]);
    expect(result.code).toBe(0);
    expect(sandbox.counters().total).toBe(requests); // --offline: no request at all
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'job-history',
        'transaction-usage',
        'connected-apps',
        'recipe-inventory',
        'About',
      ]),
    );
    const window = parseWindow('2026-11-20', '2026-11-27', 'Europe/Berlin');
    const sheet = workbook.getWorksheet('job-history');
    expect((sheet?.actualRowCount ?? 0) - 1).toBe(
      jobsIn(sandbox.world(), window.since, window.until).length,
    );
  });

  it('still writes the reports when an account fails, names it, and exits 1', async () => {
    const file = accountsFile(
      'with-broken.yaml',
      fleetEntry() +
        `  - name: broken\n    base_url: ${sandbox.baseUrl}\n    token_env: BROKEN_TOKEN\n` +
        `  - name: gone\n    base_url: ${sandbox.baseUrl}\n    token_env: BROKEN_TOKEN\n` +
        '    managed: true\n',
    );
    const out = join(dir, 'broken');
    const result = await cli(
      [
        'report',
        'transaction-usage',
        ...WINDOW,
        '--out',
        out,
        '--format',
        'csv',
        '--db',
        join(dir, 'b.sqlite'),
        '--accounts',
        file,
      ],
      { BROKEN_TOKEN: 'not-a-valid-token' },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/account failed: broken: .*401|account failed: broken: .*token/i);
    const about = JSON.parse(readFileSync(join(out, 'transaction-usage.about.json'), 'utf8')) as {
      accountsFailed: { account: string; reason: string }[];
      accountsIncluded: string[];
    };
    // a plain workspace that fails its sync, and an embedded admin whose customers cannot be
    // listed: both named, neither taking the others down
    expect(about.accountsFailed.map((f) => f.account)).toEqual(['broken', 'gone']);
    expect(result.stdout).toContain('account failed: gone: ');
    expect(about.accountsIncluded).toHaveLength(2);
    expect(JSON.stringify(about)).not.toContain('not-a-valid-token');
    const rows = readCsv(readFileSync(join(out, 'transaction-usage.csv'), 'utf8'));
    expect(rows.length).toBe(3);
  });

  it('syncs and reports only the accounts --account names', async () => {
    const file = accountsFile('fleet-one.yaml', fleetEntry());
    const [first, second] = sandbox.world().customers;
    if (!first?.info.externalId || !second) throw new Error('fleet too small');
    const out = join(dir, 'one');
    const common = ['report', 'recipe-inventory', '--out', out, '--db', join(dir, 'one.sqlite')];
    const byExternalId = await cli([
      ...common,
      '--accounts',
      file,
      '--account',
      first.info.externalId,
    ]);
    expect(byExternalId.code).toBe(0);
    const about = JSON.parse(readFileSync(join(out, 'recipe-inventory.about.json'), 'utf8')) as {
      accountsIncluded: string[];
    };
    expect(about.accountsIncluded).toEqual([`fleet/${first.info.id}`]);
    const rows = readCsv(readFileSync(join(out, 'recipe-inventory.csv'), 'utf8')).slice(1);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([String(first.info.id)]));
    // offline, the archive knows only the account synced above
    const offline = await cli([...common, '--offline', '--account', second.info.name]);
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain('--account: no archived account matches');
    const unknown = await cli([...common, '--accounts', file, '--account', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--account: no configured account matches 'nobody'");
  });

  it('exits 2 on bad usage, naming the flag and the value', async () => {
    const base = ['--out', join(dir, 'never'), '--db', join(dir, 'u.sqlite'), '--offline'];
    const badZone = await cli([
      'report',
      'job-history',
      '--since',
      '2026-11-01',
      '--until',
      '2026-11-02',
      '--tz',
      'Mars/Base',
      ...base,
    ]);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toContain("--tz: 'Mars/Base'");
    const badDate = await cli([
      'report',
      'job-history',
      '--since',
      '2026-02-30',
      '--until',
      '2026-03-02',
      ...base,
    ]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain("--since: '2026-02-30'");
    const noWindow = await cli(['report', 'job-history', ...base]);
    expect(noWindow.code).toBe(2);
    expect(noWindow.stderr).toContain('job-history needs a window');
    const badKind = await cli(['report', 'job-histories', ...base]);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain("'job-histories' is not a report");
  });
});

describe('recipe-ops run', () => {
  it('runs a valid spec like report; an invalid one exits 2 naming file and field', async () => {
    const file = accountsFile('fleet-run.yaml', fleetEntry());
    const out = join(dir, 'spec-out');
    const spec = join(dir, 'weekly.yaml');
    writeFileSync(
      spec,
      'reports: [job-history]\nwindow: { since: 2026-11-20, until: 2026-11-27 }\n' +
        'tz: Europe/Berlin\nfilters: { statuses: [failed] }\n' +
        `output: { format: csv, out: ${out} }\n`,
    );
    const ok = await cli(['run', spec, '--db', join(dir, 'run.sqlite'), '--accounts', file]);
    expect(ok.code).toBe(0);
    const rows = readCsv(readFileSync(join(out, 'job-history.csv'), 'utf8')).slice(1);
    const window = parseWindow('2026-11-20', '2026-11-27', 'Europe/Berlin');
    const failed = jobsIn(sandbox.world(), window.since, window.until).filter(
      (j) => j.job.status === 'failed',
    );
    expect(rows.map((r) => r[4])).toEqual(failed.map((j) => j.job.id));

    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'reports: [job-history]\nwindow: { last: 1d }\noutput: { format: pdf, out: x }\n',
    );
    const refused = await cli(['run', bad, '--offline', '--db', join(dir, 'run.sqlite')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}: output.format`);
  });
});

describe('recipe-ops run, Google Sheets append mode', () => {
  it('appends each job of the window once, however often it runs', async () => {
    const sheets = await startFakeSheets();
    try {
      const book = sheets.addSpreadsheet('Job log');
      const file = accountsFile('fleet-sheets.yaml', fleetEntry());
      const spec = join(dir, 'log.yaml');
      writeFileSync(
        spec,
        'reports: [job-history]\nwindow: { since: 2026-11-25, until: 2026-11-27 }\n' +
          `output: { format: sheets, spreadsheet: ${book.spreadsheetId}, mode: append }\n`,
      );
      const args = ['run', spec, '--db', join(dir, 'sheets.sqlite'), '--accounts', file];
      const first = await cli(args, fakeEnv(sheets));
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const second = await cli(args, fakeEnv(sheets));
      expect(second.code).toBe(0);
      const window = parseWindow('2026-11-25', '2026-11-27', 'UTC');
      const expected = jobsIn(sandbox.world(), window.since, window.until).map((j) => j.job.id);
      const ids = sheets
        .values(book.spreadsheetId, 'job-history')
        .slice(1)
        .map((r) => r[4]);
      expect(ids).toEqual(expected);
      expect(second.stdout).toContain('wrote job-history: 0 row(s)');
    } finally {
      await sheets.close();
    }
  });
});

describe('recipe-ops report --format sheets', () => {
  it('creates a titled spreadsheet, a tab per report plus About, shared with readers', async () => {
    const sheets = await startFakeSheets();
    try {
      const file = accountsFile('fleet-new-sheet.yaml', fleetEntry());
      const args = [
        'report',
        'job-history',
        'transaction-usage',
        ...WINDOW,
        '--accounts',
        file,
        '--db',
        join(dir, 'new-sheet.sqlite'),
        '--format',
        'sheets',
        '--spreadsheet',
        'new',
        '--sheets-title',
        'Workato audit {date}',
        '--share-with',
        'auditor@example.com,second@example.com',
        '--on-cell-limit',
        'rollover',
      ];
      const result = await cli(args, fakeEnv(sheets));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(sheets.spreadsheets.size).toBe(1);
      const [book] = [...sheets.spreadsheets.values()];
      if (book === undefined) throw new Error('no spreadsheet created');
      expect(book.properties.title).toMatch(/^Workato audit \d{4}-\d{2}-\d{2}$/);
      expect(book.sheets.map((s) => s.properties.title)).toEqual(
        expect.arrayContaining(['job-history', 'transaction-usage', 'About']),
      );
      expect(book.permissions.map((p) => [p.emailAddress, p.role])).toEqual([
        ['auditor@example.com', 'reader'],
        ['second@example.com', 'reader'],
      ]);
      const window = parseWindow('2026-11-20', '2026-11-27', 'Europe/Berlin');
      const expected = jobsIn(sandbox.world(), window.since, window.until).map((j) => j.job.id);
      const ids = sheets
        .values(book.spreadsheetId, 'job-history')
        .slice(1)
        .map((r) => r[4]);
      expect(ids).toEqual(expected);
      expect(sheets.values(book.spreadsheetId, 'transaction-usage')).toHaveLength(3);
    } finally {
      await sheets.close();
    }
  });

  it('refuses a --share-with value that is not an e-mail, before any request', async () => {
    const sheets = await startFakeSheets();
    try {
      const result = await cli(
        ['report', 'job-history', ...WINDOW, '--offline', '--db', join(dir, 'x.sqlite')].concat([
          '--spreadsheet',
          'new',
          '--share-with',
          'not-an-email',
        ]),
        fakeEnv(sheets),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--share-with: 'not-an-email' is not an e-mail");
      expect(sheets.requests).toHaveLength(0);
    } finally {
      await sheets.close();
    }
  });
});
