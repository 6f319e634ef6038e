import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeCsv } from '../../src/load/csv/write-csv.js';
import { ZoneFormatter } from '../../src/load/time-format.js';
import type { Column, Provenance, Report, Row } from '../../src/transform/report.js';

const provenance: Provenance = {
  tool: 'recipe-ops',
  toolVersion: '0.1.0-test',
  generatedAt: '2026-04-01T08:00:00.000Z',
  dataSource: { kind: 'sandbox', description: 'sandbox seed 7' },
  accountsIncluded: ['acme'],
  accountsFailed: [{ account: 'globex', reason: 'HTTP 401' }],
  window: { since: '2026-03-29', until: '2026-03-30', timeZone: 'Europe/Berlin' },
  filters: { status: 'failed' },
  lastSyncedAt: { acme: '2026-04-01T07:59:00.000Z' },
};

async function* rowsOf(rows: readonly Row[]): AsyncIterable<Row> {
  await Promise.resolve();
  for (const row of rows) yield row;
}

function reportOf(
  columns: Column[],
  rows: readonly Row[],
  timeZone = 'UTC',
  name = 'job-history',
): Report {
  return { name, columns, timeZone, rows: rowsOf(rows) };
}

/** The digest the About documents describe, computed here from the rows themselves. */
function expectedDigest(rows: readonly Row[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(row) + '\n');
  return hash.digest('hex');
}

const BOM = '\ufeff';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeOne(report: Report, options: Record<string, unknown> = {}): Promise<string> {
  const out = join(dir, 'out.csv');
  await writeCsv([report], provenance, { out, fsync: false, ...options });
  return readFile(out, 'utf8');
}

describe('writeCsv', () => {
  it('writes a BOM, a header and one CRLF line per row, each type in its own form', async () => {
    const columns: Column[] = [
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'string' },
      { name: 'ratio', type: 'number' },
      { name: 'ok', type: 'boolean' },
      { name: 'at', type: 'timestamp' },
      { name: 'day', type: 'date' },
    ];
    const rows: Row[] = [
      [1, 'alpha', 1.5, true, Date.UTC(2026, 2, 29, 12, 30, 5, 7), '2026-03-29'],
      [-42, null, -0.25, false, null, null],
    ];
    const text = await writeOne(reportOf(columns, rows));
    expect(text).toBe(
      BOM +
        'id,name,ratio,ok,at,day\r\n' +
        '1,alpha,1.5,true,2026-03-29T12:30:05.007Z,2026-03-29\r\n' +
        '-42,,-0.25,false,,\r\n',
    );
  });

  it('returns row count and SHA-256 of the original rows; writes .about.json', async () => {
    const columns: Column[] = [
      { name: 'id', type: 'integer' },
      { name: 'text', type: 'string' },
    ];
    const rows: Row[] = [
      [1, '=cmd'],
      [2, 'x'.repeat(10)],
    ];
    const out = join(dir, 'jobs.csv');
    const outcome = await writeCsv([reportOf(columns, rows)], provenance, { out, fsync: false });
    expect(outcome).toEqual({
      location: out,
      reports: [{ name: 'job-history', rowCount: 2, sha256: expectedDigest(rows) }],
    });
    const about = JSON.parse(await readFile(join(dir, 'jobs.about.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(about).toMatchObject({
      sandboxData: true,
      dataSource: { kind: 'sandbox', description: 'sandbox seed 7' },
      window: { since: '2026-03-29', until: '2026-03-30', timeZone: 'Europe/Berlin' },
      accountsFailed: [{ account: 'globex', reason: 'HTTP 401' }],
      reports: [{ name: 'job-history', rows: 2, sha256: expectedDigest(rows) }],
      file: 'jobs.csv',
      timeZone: 'UTC',
    });
    expect(about.dataSourceStatement).toMatch(/^SANDBOX DATA .*sandbox seed 7$/);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Unicode as UTF-8', async () => {
    const columns: Column[] = [{ name: 'text', type: 'string' }];
    const rows: Row[] = [
      ['a,b'],
      ['say "hi"'],
      ['line1\nline2'],
      ['crlf\r\ninside'],
      ['Grüße 東京 🚀'],
      ['plain'],
    ];
    const out = join(dir, 'u.csv');
    await writeCsv([reportOf(columns, rows)], provenance, { out, fsync: false });
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'text\r\n' +
        '"a,b"\r\n' +
        '"say ""hi"""\r\n' +
        '"line1\nline2"\r\n' +
        '"crlf\r\ninside"\r\n' +
        'Grüße 東京 🚀\r\n' +
        'plain\r\n',
    );
    expect(bytes.includes(Buffer.from('🚀', 'utf8'))).toBe(true);
  });

  it('keeps CRLF record ends exact when a batch holds a line break in a cell', async () => {
    const columns: Column[] = [
      { name: 'n', type: 'integer' },
      { name: 'text', type: 'string' },
    ];
    const rows: Row[] = [
      [1, 'a'],
      [2, 'b'],
      [3, 'x\ny'],
      [4, 'c'],
      [5, 'd'],
    ];
    const text = await writeOne(reportOf(columns, rows), { batchRows: 2 });
    expect(text).toBe(BOM + 'n,text\r\n1,a\r\n2,b\r\n3,"x\ny"\r\n4,c\r\n5,d\r\n');
  });

  it('writes no BOM when asked, and uses ; or tab as the delimiter', async () => {
    const columns: Column[] = [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'number' },
    ];
    const rows: Row[] = [
      ['x;y', 2.5],
      ['p,q', 3],
      ['tab\there', 4],
    ];
    const semicolon = await writeOne(reportOf(columns, rows), { bom: false, delimiter: ';' });
    expect(semicolon).toBe('a;b\r\n"x;y";2.5\r\np,q;3\r\ntab\there;4\r\n');
    const tab = await writeOne(reportOf(columns, rows), { bom: false, delimiter: 'tab' });
    expect(tab).toBe('a\tb\r\nx;y\t2.5\r\np,q\t3\r\n"tab\there"\t4\r\n');
    const lf = await writeOne(reportOf(columns, rows), { bom: false, lineEnding: 'lf' });
    expect(lf).toBe('a,b\nx;y,2.5\n"p,q",3\ntab\there,4\n');
  });

  it("puts ' before text that starts like a formula, never before numbers", async () => {
    const columns: Column[] = [
      { name: 'text', type: 'string' },
      { name: 'n', type: 'number' },
    ];
    const rows: Row[] = [
      ['=1+2', -5],
      ['+x', -0.5],
      ['-y', 0],
      ['@z', 7],
      ['\tt', 1],
      ['\rr', 1],
      ['\nn', 1],
      ['-5', 1],
      ['a=1', 1],
    ];
    const text = await writeOne(reportOf(columns, rows), { bom: false });
    expect(text).toBe(
      'text,n\r\n' +
        "'=1+2,-5\r\n" +
        "'+x,-0.5\r\n" +
        "'-y,0\r\n" +
        "'@z,7\r\n" +
        "'\tt,1\r\n" +
        `"'\rr",1\r\n` +
        `"'\nn",1\r\n` +
        "'-5,1\r\n" +
        'a=1,1\r\n',
    );
  });

  it('writes a 40,000-character cell whole', async () => {
    const long = 'é'.repeat(20_000) + 'x,'.repeat(10_000);
    const columns: Column[] = [
      { name: 'id', type: 'integer' },
      { name: 'error', type: 'string' },
    ];
    const text = await writeOne(reportOf(columns, [[9, long]]), { bom: false });
    expect(long).toHaveLength(40_000);
    expect(text).toBe(`id,error\r\n9,"${long}"\r\n`);
  });

  it('renders timestamps with the offset in force at each instant across DST', async () => {
    const columns: Column[] = [{ name: 'at', type: 'timestamp' }];
    // Europe/Berlin springs forward on 2026-03-29 at 01:00 UTC (02:00 → 03:00 local).
    const berlin = [
      Date.UTC(2026, 2, 28, 23, 0, 0, 0),
      Date.UTC(2026, 2, 29, 0, 59, 59, 999),
      Date.UTC(2026, 2, 29, 1, 0, 0, 0),
      Date.UTC(2026, 2, 29, 22, 0, 0, 0),
    ];
    expect(
      await writeOne(
        reportOf(
          columns,
          berlin.map((t) => [t]),
          'Europe/Berlin',
        ),
      ),
    ).toBe(
      BOM +
        'at\r\n' +
        '2026-03-29T00:00:00.000+01:00\r\n' +
        '2026-03-29T01:59:59.999+01:00\r\n' +
        '2026-03-29T03:00:00.000+02:00\r\n' +
        '2026-03-30T00:00:00.000+02:00\r\n',
    );
    // America/New_York falls back on 2026-11-01 at 06:00 UTC (02:00 EDT → 01:00 EST): 01:30
    // happens twice, once at -04:00 and once at -05:00.
    const newYork = [
      Date.UTC(2026, 10, 1, 4, 0, 0, 0),
      Date.UTC(2026, 10, 1, 5, 30, 0, 0),
      Date.UTC(2026, 10, 1, 5, 59, 59, 999),
      Date.UTC(2026, 10, 1, 6, 0, 0, 0),
      Date.UTC(2026, 10, 1, 6, 30, 0, 0),
    ];
    expect(
      await writeOne(
        reportOf(
          columns,
          newYork.map((t) => [t]),
          'America/New_York',
        ),
      ),
    ).toBe(
      BOM +
        'at\r\n' +
        '2026-11-01T00:00:00.000-04:00\r\n' +
        '2026-11-01T01:30:00.000-04:00\r\n' +
        '2026-11-01T01:59:59.999-04:00\r\n' +
        '2026-11-01T01:00:00.000-05:00\r\n' +
        '2026-11-01T01:30:00.000-05:00\r\n',
    );
  });

  it('writes several reports into a folder, each with its .about.json', async () => {
    const columns: Column[] = [{ name: 'v', type: 'integer' }];
    const a = reportOf(columns, [[1]], 'UTC', 'job-history');
    const b = reportOf(columns, [[2], [3]], 'UTC', 'recipe-inventory');
    const out = join(dir, 'reports');
    const outcome = await writeCsv([a, b], provenance, { out, fsync: false, bom: false });
    expect(outcome.location).toBe(out);
    expect(outcome.reports.map((r) => [r.name, r.rowCount])).toEqual([
      ['job-history', 1],
      ['recipe-inventory', 2],
    ]);
    expect((await readdir(out)).sort()).toEqual([
      'job-history.about.json',
      'job-history.csv',
      'recipe-inventory.about.json',
      'recipe-inventory.csv',
    ]);
    expect(await readFile(join(out, 'recipe-inventory.csv'), 'utf8')).toBe('v\r\n2\r\n3\r\n');
    const about = JSON.parse(await readFile(join(out, 'recipe-inventory.about.json'), 'utf8')) as {
      reports: unknown[];
    };
    expect(about.reports).toEqual([
      { name: 'recipe-inventory', rows: 2, sha256: expectedDigest([[2], [3]]) },
    ]);
  });

  it('writes a header-only file for a report without rows', async () => {
    const columns: Column[] = [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'string' },
    ];
    const out = join(dir, 'empty.csv');
    const outcome = await writeCsv([reportOf(columns, [])], provenance, { out, fsync: false });
    expect(await readFile(out, 'utf8')).toBe(BOM + 'a,b\r\n');
    expect(outcome.reports[0]).toEqual({
      name: 'job-history',
      rowCount: 0,
      sha256: createHash('sha256').digest('hex'),
    });
  });

  it('renders the same instants as luxon in zones with odd offsets and far dates', async () => {
    const zones = ['Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const instants = Array.from({ length: 300 }, () =>
      Math.floor(Date.UTC(1950, 0, 1) + next() * (Date.UTC(2090, 0, 1) - Date.UTC(1950, 0, 1))),
    );
    instants.push(Date.UTC(1969, 11, 31, 23, 59, 59, 999), -1, 0, Date.UTC(9999, 11, 31, 12));
    const columns: Column[] = [{ name: 'at', type: 'timestamp' }];
    for (const zone of zones) {
      const text = await writeOne(
        reportOf(
          columns,
          instants.map((t) => [t]),
          zone,
        ),
        { bom: false, lineEnding: 'lf' },
      );
      const expected = instants.map((t) => {
        const local = DateTime.fromMillis(t, { zone });
        return zone === 'UTC' ? local.toUTC().toISO()?.replace('+00:00', 'Z') : local.toISO();
      });
      expect(text).toBe(['at', ...expected].join('\n') + '\n');
    }
    expect(new ZoneFormatter('Asia/Kolkata').iso(0)).toBe('1970-01-01T05:30:00.000+05:30');
  });
});
