import { createHash } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TRUNCATION_MARKER } from '../../src/load/formula.js';
import { writeSheets } from '../../src/load/sheets/index.js';
import type { Row } from '../../src/transform/report.js';
import { startFakeSheets, type FakeSheetsServer } from '../fakes/sheets-server.js';
import { fakeEnv, jobHistory, jobRow, provenance, virtualClock } from '../fakes/sheets-fixtures.js';

let server: FakeSheetsServer;
beforeEach(async () => {
  server = await startFakeSheets();
});
afterEach(async () => {
  await server.close();
});

function options(spreadsheet: string, extra: Record<string, unknown> = {}) {
  const clock = virtualClock();
  return { spreadsheet, env: fakeEnv(server), sleep: clock.sleep, now: clock.now, ...extra };
}

/** A spreadsheet whose filler tab leaves room for exactly `rows` rows of 15 columns. */
function nearlyFull(rows: number) {
  const used = 10_000_000 - 10_000 - (rows + 1) * 15;
  return server.addSpreadsheet('Full', [
    { title: 'filler', rows: [['x']], rowCount: used, columnCount: 1 },
  ]);
}

const isReportWrite = (body: unknown) => {
  const text = JSON.stringify(body);
  return text.includes('~tmp') && text.includes('job-history') && !text.includes('About');
};

describe('Google Sheets sink, limits', () => {
  it('refuses a report over the 10M-cell limit before writing any of it', async () => {
    const book = nearlyFull(300);
    const done = writeSheets([jobHistory(1_000)], provenance(), options(book.spreadsheetId));
    await expect(done).rejects.toThrow(
      /job-history needs 1,000 rows × 15 columns \(15,015 cells\)/,
    );
    expect(server.writeRequests().filter((r) => isReportWrite(r.body))).toEqual([]);
    expect(server.sheet(book.spreadsheetId, 'job-history')).toBeUndefined();
  });

  it('without a row count, stops when the limit is reached and leaves the old tab', async () => {
    const book = nearlyFull(300);
    const done = writeSheets(
      [jobHistory(1_000, { rowCount: false })],
      provenance(),
      options(book.spreadsheetId, { maxRequestBytes: 20_000 }),
    );
    await expect(done).rejects.toThrow(/has room for 300 rows/);
    const titles = server.spreadsheets
      .get(book.spreadsheetId)!
      .sheets.map((s) => s.properties.title);
    expect(titles).toEqual(['About', 'filler']);
  });

  it('rolls over to a new spreadsheet when told to, keeping every row once, in order', async () => {
    const book = nearlyFull(300);
    const outcome = await writeSheets(
      [jobHistory(1_000)],
      provenance(),
      options(book.spreadsheetId, { onCellLimit: 'rollover', maxRequestBytes: 20_000 }),
    );
    expect(outcome.spreadsheets).toHaveLength(2);
    const [first, second] = outcome.spreadsheets.map((s) => s.spreadsheetId);
    const part1 = server.values(first!, 'job-history');
    const part2 = server.values(second!, 'job-history');
    expect(part1).toHaveLength(301);
    expect(part2[0]).toEqual(part1[0]); // both parts have the header
    const ids = [...part1.slice(1), ...part2.slice(1)].map((r) => r[4]);
    expect(ids).toEqual(Array.from({ length: 1_000 }, (_, i) => jobRow(i)[4]));
    const about = server
      .values(first!, 'About')
      .map((r) => r.join(' '))
      .join('\n');
    expect(about).toContain('job-history: rows 1–300');
    expect(about).toContain(`Parts of job-history`);
    expect(about).toContain(second!);
    const about2 = server
      .values(second!, 'About')
      .map((r) => r.join(' '))
      .join('\n');
    expect(about2).toContain('job-history: rows 301–1,000');
  });

  it('cuts cells over 50,000 characters; the digest covers the original rows', async () => {
    const book = server.addSpreadsheet('Audit');
    const long = 'x'.repeat(60_000);
    const rows: Row[] = [0, 1, 2].map((i) => {
      const row = [...jobRow(i)];
      if (i === 1) row[12] = long;
      return row;
    });
    const report = jobHistory(3, { row: (i) => rows[i]! });
    const outcome = await writeSheets([report], provenance(), options(book.spreadsheetId));
    const cell = server.values(book.spreadsheetId, 'job-history')[2]?.[12] as string;
    expect(cell).toHaveLength(50_000);
    expect(cell.endsWith(TRUNCATION_MARKER)).toBe(true);
    const expected = createHash('sha256')
      .update(rows.map((r) => JSON.stringify(r) + '\n').join(''))
      .digest('hex');
    expect(outcome.reports[0]?.sha256).toBe(expected);
    const about = server
      .values(book.spreadsheetId, 'About')
      .map((r) => r.join(' '))
      .join('\n');
    expect(about).toContain('Cut cells: job-history 1 cells over 50,000 characters');
  });

  it('gives every report a valid, unique tab name', async () => {
    const book = server.addSpreadsheet('Audit');
    const long = `job-history ${'y'.repeat(150)}`;
    await writeSheets(
      [
        jobHistory(2, { name: 'recipe-inventory' }),
        jobHistory(2, { name: 'recipe-inventory' }),
        jobHistory(2, { name: 'About' }),
        jobHistory(2, { name: long }),
      ],
      provenance(),
      options(book.spreadsheetId),
    );
    const titles = server.spreadsheets
      .get(book.spreadsheetId)!
      .sheets.map((s) => s.properties.title);
    expect(titles).toContain('recipe-inventory');
    expect(titles).toContain('recipe-inventory (2)');
    expect(titles).toContain('About (2)');
    expect(titles.every((t) => t.length <= 100)).toBe(true);
    expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
  });
});
