import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeSheets } from '../../src/load/sheets/index.js';
import { startFakeSheets, type FakeSheetsServer } from '../fakes/sheets-server.js';
import {
  BASE_MS,
  berlinSerial,
  fakeEnv,
  jobHistory,
  jobRow,
  provenance,
  virtualClock,
} from '../fakes/sheets-fixtures.js';

let server: FakeSheetsServer;
beforeEach(async () => {
  server = await startFakeSheets();
});
afterEach(async () => {
  await server.close();
});

const toMs = (serial: unknown) => Math.round((Number(serial) - 25_569) * 86_400_000);

function options(spreadsheet: string, extra: Record<string, unknown> = {}) {
  const clock = virtualClock();
  return { spreadsheet, env: fakeEnv(server), sleep: clock.sleep, now: clock.now, ...extra };
}

describe('Google Sheets sink, replace mode', () => {
  it('writes a 50,000-row report complete and typed, in full ~2 MB chunks', async () => {
    const book = server.addSpreadsheet('Audit', [{ title: 'job-history', rows: [['old']] }]);
    const outcome = await writeSheets(
      [jobHistory(50_000)],
      provenance(),
      options(book.spreadsheetId),
    );

    const values = server.values(book.spreadsheetId, 'job-history');
    expect(values).toHaveLength(50_001);
    expect(values[0]).toEqual(jobHistory(0).columns.map((c) => c.name));
    for (const i of [0, 3, 7, 12_345, 49_999]) {
      const row = jobRow(i);
      const got = values[i + 1]!;
      expect(got[0]).toBe(row[0]); // integer as a number
      expect(got[4]).toBe(row[4]); // job id as text
      // timestamp → serial of the Berlin wall-clock time, exact to the millisecond
      expect(toMs(got[6])).toBe(toMs(berlinSerial(row[6] as number)));
      if (row[7] === null) expect(got[7]).toBe('');
      else expect(toMs(got[7])).toBe(toMs(berlinSerial(row[7] as number)));
      expect(got[9]).toBe(row[9]); // boolean as a boolean
      expect(got[14]).toBe(Date.parse(`${String(row[14])}T00:00:00Z`) / 86_400_000 + 25_569);
    }
    expect(outcome.reports[0]?.rowCount).toBe(50_000);

    // Every values request is RAW and under 2 MB; all but the last are nearly full.
    const valueWrites = server.writeRequests().filter((r) => r.path.endsWith('values:batchUpdate'));
    const sizes = valueWrites.map((r) => r.bodyBytes);
    for (const r of valueWrites)
      expect((r.body as { valueInputOption: string }).valueInputOption).toBe('RAW');
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2_000_000);
    for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThan(2_000_000 - 2_000);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(valueWrites.length).toBe(Math.ceil(total / 2_000_000));
    // + one batch adding the temporary tab, one swapping it in, one writing About.
    expect(server.writeRequests()).toHaveLength(valueWrites.length + 3);

    // Grid sized up front: no request grew it.
    const structural = server.writeRequests().filter((r) => r.path.endsWith(':batchUpdate'));
    const grows = structural.filter((r) =>
      JSON.stringify(r.body).includes('"fields":"gridProperties.rowCount"'),
    );
    expect(grows).toHaveLength(0);
    expect(JSON.stringify(structural[0]?.body)).toContain('"rowCount":50001');
  });

  it('formats the tab: bold frozen header, filter, formats, highlight, chart', async () => {
    const book = server.addSpreadsheet('Audit');
    await writeSheets([jobHistory(3 * 1440)], provenance(), options(book.spreadsheetId));
    const tab = server.sheet(book.spreadsheetId, 'job-history')!;
    expect(tab.properties.hidden).toBe(false);
    expect(tab.properties.gridProperties).toMatchObject({
      rowCount: 4321,
      columnCount: 15,
      frozenRowCount: 1,
    });
    expect(tab.basicFilter).toBeDefined();
    const formats = JSON.stringify(tab.formats);
    expect(formats).toContain('"bold":true');
    expect(formats).toContain('"type":"DATE_TIME"');
    expect(formats).toContain('"type":"DATE"');
    expect(JSON.stringify(tab.conditionalFormats)).toContain('=$F2=\\"failed\\"');

    const chart = server.values(book.spreadsheetId, 'job-history · failed per day');
    // 3 days of jobs every minute in UTC span 4 calendar days in Berlin; i % 10 === 3 fail.
    const perDay = new Map<number, number>();
    for (let i = 0; i < 3 * 1440; i += 1) {
      if (i % 10 !== 3) continue;
      const day = Math.floor(berlinSerial(BASE_MS + i * 60_000));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(chart.slice(1)).toEqual([...perDay.entries()].sort((a, b) => a[0] - b[0]));
    expect(server.sheet(book.spreadsheetId, 'job-history · failed per day')!.charts).toHaveLength(
      1,
    );
  });

  it('keeps formula-like text as text and never sends a quote prefix', async () => {
    const book = server.addSpreadsheet('Audit');
    const evil = ['=HYPERLINK("http://x.example","click")', '+1+2', '-2h', '@SUM(A1)'];
    const report = jobHistory(evil.length, {
      row: (i) => {
        const row = [...jobRow(i)];
        row[13] = evil[i]!;
        return row;
      },
    });
    await writeSheets([report], provenance(), options(book.spreadsheetId));
    const values = server.values(book.spreadsheetId, 'job-history');
    expect(values.slice(1).map((r) => r[13])).toEqual(evil);
    const sent = server.writeRequests().filter((r) => r.path.endsWith('values:batchUpdate'));
    expect(
      sent.every((r) => (r.body as { valueInputOption: string }).valueInputOption === 'RAW'),
    ).toBe(true);
    expect(JSON.stringify(sent.map((r) => r.body))).not.toContain("'=HYPERLINK");
  });

  it('a second run replaces the tab, leaves no temporary tab and rewrites About', async () => {
    const book = server.addSpreadsheet('Audit');
    await writeSheets([jobHistory(500)], provenance(), options(book.spreadsheetId));
    await writeSheets(
      [jobHistory(200, { start: 1000 })],
      provenance(),
      options(book.spreadsheetId),
    );
    const values = server.values(book.spreadsheetId, 'job-history');
    expect(values).toHaveLength(201);
    expect(values[1]?.[4]).toBe(jobRow(1000)[4]);
    const titles = server.spreadsheets
      .get(book.spreadsheetId)!
      .sheets.map((s) => s.properties.title);
    expect(titles.filter((t) => t.startsWith('~tmp'))).toEqual([]);
    expect(titles).toContain('About');
    const about = server.values(book.spreadsheetId, 'About');
    const text = about.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain('SANDBOX DATA');
    expect(text).toContain('Rows: job-history | 200');
    expect(text).toContain('Time zone: job-history | Europe/Berlin');
  });

  it('creates a new spreadsheet from the title template and shares it with readers', async () => {
    const outcome = await writeSheets(
      [jobHistory(10)],
      provenance(),
      options('new', { title: 'Workato {report} {date}', shareWith: ['auditor@example.com'] }),
    );
    const [created] = [...server.spreadsheets.values()];
    expect(created?.properties.title).toBe('Workato job-history 2026-11-30');
    expect(created?.permissions).toEqual([
      { type: 'user', role: 'reader', emailAddress: 'auditor@example.com' },
    ]);
    expect(outcome.location).toContain(created!.spreadsheetId);
    expect(created!.sheets.map((s) => s.properties.title)).toEqual([
      'About',
      'job-history',
      'job-history · failed per day',
    ]);
  });
});

describe('Google Sheets sink, quota and highlights', () => {
  it('never starts more than writesPerMinute writes in any minute', async () => {
    const book = server.addSpreadsheet('Audit');
    const clock = virtualClock();
    const stamps: number[] = [];
    server.faults.push({
      match: (r) => {
        if (r.writeNumber > 0) stamps.push(clock.now());
        return false;
      },
      status: 500,
      times: Infinity,
    });
    await writeSheets([jobHistory(2_000)], provenance(), {
      spreadsheet: book.spreadsheetId,
      env: fakeEnv(server),
      sleep: clock.sleep,
      now: clock.now,
      maxRequestBytes: 50_000,
      writesPerMinute: 5,
    });
    expect(stamps.length).toBeGreaterThan(10);
    for (let i = 0; i + 5 < stamps.length; i += 1) {
      expect(stamps[i + 5]! - stamps[i]!).toBeGreaterThanOrEqual(60_000);
    }
  });

  it('marks flagged accounts (flag ≠ ok) and rows named by Report.highlight', async () => {
    const book = server.addSpreadsheet('Audit');
    const usage = (name: string, highlight?: { column: string; values: string[] }) => ({
      name,
      columns: [
        { name: 'account_id', type: 'integer' as const },
        { name: 'flag', type: 'string' as const },
      ],
      timeZone: 'UTC',
      highlight,
      rows: (async function* () {
        yield await Promise.resolve([1, 'ok']);
        yield [2, 'over_limit'];
      })(),
    });
    await writeSheets(
      [usage('transaction-usage'), usage('custom', { column: 'flag', values: ['over_limit'] })],
      provenance('live'),
      options(book.spreadsheetId),
    );
    const rule = (title: string) =>
      JSON.stringify(server.sheet(book.spreadsheetId, title)!.conditionalFormats);
    expect(rule('transaction-usage')).toContain('=AND($B2<>\\"\\",$B2<>\\"ok\\")');
    expect(rule('custom')).toContain('=OR($B2=\\"over_limit\\")');
    const about = server
      .values(book.spreadsheetId, 'About')
      .map((r) => r.join(' '))
      .join('\n');
    expect(about).not.toContain('SANDBOX');
  });
});
