import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TRUNCATION_MARKER } from '../../src/load/formula.js';
import { sanitiseSheetName } from '../../src/load/xlsx/sheet-names.js';
import { writeXlsx } from '../../src/load/xlsx/write-xlsx.js';
import type { Column, Provenance, Report, Row } from '../../src/transform/report.js';

const provenance: Provenance = {
  tool: 'recipe-ops',
  toolVersion: '0.1.0-test',
  generatedAt: '2026-04-01T08:00:00.000Z',
  dataSource: { kind: 'sandbox', description: 'sandbox seed 7' },
  accountsIncluded: ['acme', 'initech'],
  accountsFailed: [{ account: 'globex', reason: 'HTTP 401' }],
  window: { since: '2026-03-29', until: '2026-03-30', timeZone: 'Europe/Berlin' },
  filters: { status: 'failed' },
  lastSyncedAt: { acme: '2026-04-01T07:59:00.000Z' },
};

async function* rowsOf(rows: readonly Row[]): AsyncIterable<Row> {
  await Promise.resolve();
  for (const row of rows) yield row;
}

function reportOf(name: string, columns: Column[], rows: readonly Row[], timeZone = 'UTC'): Report {
  return { name, columns, timeZone, rows: rowsOf(rows) };
}

function expectedDigest(rows: readonly Row[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(row) + '\n');
  return hash.digest('hex');
}

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function aboutMap(workbook: ExcelJS.Workbook): Map<string, string> {
  const about = workbook.getWorksheet('About');
  if (!about) throw new Error('no About sheet');
  const entries = new Map<string, string>();
  about.eachRow((row, number) => {
    if (number > 1) entries.set(row.getCell(1).text, row.getCell(2).text);
  });
  return entries;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jobColumns: Column[] = [
  { name: 'account_id', type: 'integer' },
  { name: 'recipe_name', type: 'string', width: 40 },
  { name: 'started_at', type: 'timestamp' },
  { name: 'duration_s', type: 'number' },
  { name: 'is_poll_error', type: 'boolean' },
  { name: 'day', type: 'date' },
  { name: 'error', type: 'string' },
];

describe('writeXlsx', () => {
  it('writes typed cells: numbers, booleans, wall-clock date-times and dates', async () => {
    const rows: Row[] = [
      // 2026-03-29 01:30 UTC is 03:30 in Berlin (after the spring-forward at 01:00 UTC).
      [101, 'Sync orders', Date.UTC(2026, 2, 29, 1, 30, 15), 12.5, true, '2026-03-29', null],
      // 00:59:59 UTC is still 01:59:59 CET.
      [-7, '-negative text', Date.UTC(2026, 2, 29, 0, 59, 59), -0.25, false, '2026-03-28', 'e'],
    ];
    const out = join(dir, 'jobs.xlsx');
    const outcome = await writeXlsx(
      [reportOf('job-history', jobColumns, rows, 'Europe/Berlin')],
      provenance,
      { out, fsync: false },
    );
    expect(outcome).toEqual({
      location: out,
      reports: [{ name: 'job-history', rowCount: 2, sha256: expectedDigest(rows) }],
    });

    const sheet = (await readBack(out)).getWorksheet('job-history');
    if (!sheet) throw new Error('sheet missing');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'account_id',
      'recipe_name',
      'started_at (Europe/Berlin)',
      'duration_s',
      'is_poll_error',
      'day',
      'error',
    ]);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(101);
    expect(first.getCell(2).value).toBe('Sync orders');
    const started = first.getCell(3);
    expect(started.type).toBe(ExcelJS.ValueType.Date);
    expect(started.value).toEqual(new Date(Date.UTC(2026, 2, 29, 3, 30, 15)));
    expect(started.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(4).value).toBe(12.5);
    expect(first.getCell(5).value).toBe(true);
    expect(first.getCell(6).value).toEqual(new Date(Date.UTC(2026, 2, 29)));
    expect(first.getCell(6).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(7).value).toBeNull();

    const second = sheet.getRow(3);
    expect(second.getCell(1).value).toBe(-7);
    expect(second.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(second.getCell(2).value).toBe("'-negative text");
    expect(second.getCell(3).value).toEqual(new Date(Date.UTC(2026, 2, 29, 1, 59, 59)));
    expect(second.getCell(4).value).toBe(-0.25);
    expect(second.getCell(5).value).toBe(false);
  });

  it('shows New York wall-clock times on both sides of the 2026-11-01 fall-back', async () => {
    const columns: Column[] = [{ name: 'at', type: 'timestamp' }];
    // 05:30 UTC is 01:30 EDT (-4); 06:30 UTC is 01:30 EST (-5): the same wall-clock time twice.
    const rows: Row[] = [[Date.UTC(2026, 10, 1, 5, 30)], [Date.UTC(2026, 10, 1, 6, 30)]];
    const out = join(dir, 'ny.xlsx');
    await writeXlsx([reportOf('ny', columns, rows, 'America/New_York')], provenance, {
      out,
      fsync: false,
    });
    const sheet = (await readBack(out)).getWorksheet('ny');
    if (!sheet) throw new Error('sheet missing');
    expect(sheet.getRow(1).getCell(1).value).toBe('at (America/New_York)');
    expect(sheet.getRow(2).getCell(1).value).toEqual(new Date(Date.UTC(2026, 10, 1, 1, 30)));
    expect(sheet.getRow(3).getCell(1).value).toEqual(new Date(Date.UTC(2026, 10, 1, 1, 30)));
  });

  it('makes the header bold and frozen, adds an autofilter and sizes columns', async () => {
    const out = join(dir, 'jobs.xlsx');
    const rows: Row[] = [[1, 'a', 0, 1, false, '2026-01-01', null]];
    const report = reportOf('job-history', jobColumns, rows, 'America/New_York');
    await writeXlsx([report], provenance, { out, fsync: false });
    const sheet = (await readBack(out)).getWorksheet('job-history');
    if (!sheet) throw new Error('sheet missing');
    for (let c = 1; c <= jobColumns.length; c += 1) {
      expect(sheet.getRow(1).getCell(c).font?.bold).toBe(true);
    }
    expect(sheet.getRow(2).getCell(2).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:G2');
    // The width hint is used; a header longer than the default widens its column.
    expect(sheet.getColumn(2).width).toBe(40);
    expect(sheet.getColumn(5).width).toBe('is_poll_error'.length + 2);
    expect(sheet.getColumn(3).width).toBe('started_at (America/New_York)'.length + 2);
  });

  it('neutralises formula text and truncates cells over 32,767 characters visibly', async () => {
    const columns: Column[] = [
      { name: 'text', type: 'string' },
      { name: 'n', type: 'number' },
    ];
    const long = 'x'.repeat(40_000);
    const rows: Row[] = [
      ['=1+2', -5],
      ['+x', 1],
      ['@z', 2],
      ['\tt', 3],
      ['\nn', 4],
      [long, 5],
      ['bell\u0007here', 6],
    ];
    const out = join(dir, 'f.xlsx');
    const outcome = await writeXlsx([reportOf('f', columns, rows)], provenance, {
      out,
      fsync: false,
    });
    // The digest is over the original rows, before escaping and truncation.
    expect(outcome.reports[0]?.sha256).toBe(expectedDigest(rows));
    const sheet = (await readBack(out)).getWorksheet('f');
    if (!sheet) throw new Error('sheet missing');
    const texts = [2, 3, 4, 5, 6].map((r) => sheet.getRow(r).getCell(1).value);
    expect(texts).toEqual(["'=1+2", "'+x", "'@z", "'\tt", "'\nn"]);
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(2).getCell(2).value).toBe(-5);
    const cut = sheet.getRow(7).getCell(1).text;
    expect(cut).toHaveLength(32_767);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(cut.startsWith('x'.repeat(32_767 - TRUNCATION_MARKER.length))).toBe(true);
    // A control character XML cannot hold is replaced, so the file stays valid.
    expect(sheet.getRow(8).getCell(1).value).toBe('bell\ufffdhere');
  });

  it('gives every report a valid, unique sheet name and writes the About sheet', async () => {
    const columns: Column[] = [{ name: 'v', type: 'integer' }];
    const names = [
      'job-history',
      'job-history',
      'a:b/c?d*e[f]g\\h',
      'History',
      "'quoted'",
      'About',
      'a very long report name that goes past thirty-one characters',
    ];
    const out = join(dir, 'many.xlsx');
    await writeXlsx(
      names.map((name, i) => reportOf(name, columns, [[i]])),
      provenance,
      { out, fsync: false },
    );
    const workbook = await readBack(out);
    const sheetNames = workbook.worksheets.map((ws) => ws.name);
    expect(sheetNames).toEqual([
      'job-history',
      'job-history (2)',
      'a_b_c_d_e_f_g_h',
      'History_',
      'quoted',
      'About (2)',
      'a very long report name that go',
      'About',
    ]);
    for (const name of sheetNames) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]|^'|'$/);
    }
    expect(workbook.getWorksheet('job-history (2)')?.getRow(2).getCell(1).value).toBe(1);

    const about = aboutMap(workbook);
    expect(about.get('Data source')).toMatch(/^SANDBOX DATA /);
    expect(about.get('Data source')).toContain('sandbox seed 7');
    expect(about.get('Accounts included')).toBe('acme, initech');
    expect(about.get('Accounts failed')).toBe('globex: HTTP 401');
    expect(about.get('Filters')).toBe('status=failed');
    expect(about.get('Time zone')).toBe('Europe/Berlin');
    expect(about.get('Rows: job-history (2)')).toBe('1');
    expect(about.get('SHA-256: job-history (2)')).toBe(expectedDigest([[1]]));
    expect(about.get('Report: a_b_c_d_e_f_g_h')).toBe('a:b/c?d*e[f]g\\h');
    expect(about.get('Last successful sync: acme')).toBe('2026-04-01T07:59:00.000Z');
    expect(about.get('Timestamps: job-history')).toContain('UTC');
    expect(await readdir(dir)).toEqual(['many.xlsx']);
  });

  it('does not call live data sandbox data', async () => {
    const out = join(dir, 'live.xlsx');
    await writeXlsx(
      [reportOf('r', [{ name: 'v', type: 'integer' }], [])],
      { ...provenance, dataSource: { kind: 'live', description: 'app.eu.workato.com' } },
      { out, fsync: false },
    );
    const about = aboutMap(await readBack(out));
    expect(about.get('Data source')).toBe('app.eu.workato.com');
    expect(about.get('Rows: r')).toBe('0');
  });

  it('sanitises names that would be empty or split a surrogate pair', () => {
    expect(sanitiseSheetName("''")).toBe('Sheet');
    const emoji = sanitiseSheetName('x'.repeat(30) + '🚀');
    expect(emoji).toBe('x'.repeat(30));
    expect(sanitiseSheetName('history')).toBe('history_');
  });
});
