import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeSheets } from '../../src/load/sheets/index.js';
import { startFakeSheets, type FakeSheetsServer } from '../fakes/sheets-server.js';
import { fakeEnv, jobHistory, jobRow, provenance, virtualClock } from '../fakes/sheets-fixtures.js';

let server: FakeSheetsServer;
beforeEach(async () => {
  server = await startFakeSheets();
});
afterEach(async () => {
  await server.close();
});

function append(spreadsheet: string, from: number, count: number, extra = {}) {
  const clock = virtualClock();
  return writeSheets([jobHistory(count, { start: from, rowCount: false })], provenance(), {
    spreadsheet,
    mode: 'append',
    env: fakeEnv(server),
    sleep: clock.sleep,
    now: clock.now,
    maxRequestBytes: 50_000,
    ...extra,
  });
}

function jobIds(spreadsheet: string): unknown[] {
  return server
    .values(spreadsheet, 'job-history')
    .slice(1)
    .map((r) => r[4]);
}

describe('Google Sheets sink, append mode', () => {
  it('run twice over overlapping windows adds each job once, in order', async () => {
    const book = server.addSpreadsheet('Log');
    await append(book.spreadsheetId, 0, 1_500);
    const second = await append(book.spreadsheetId, 1_000, 1_500); // 500 already there
    expect(second.reports[0]?.rowCount).toBe(1_000);
    const expected = Array.from({ length: 2_500 }, (_, i) => jobRow(i)[4]);
    expect(jobIds(book.spreadsheetId)).toEqual(expected);
    const tab = server.sheet(book.spreadsheetId, 'job-history')!;
    expect(tab.properties.gridProperties.rowCount).toBe(2_501); // grown, then trimmed exactly
    // Rows went to explicit ranges with values.batchUpdate; values.append was never used.
    expect(server.requests.some((r) => r.path.includes(':append'))).toBe(false);
    const about = server
      .values(book.spreadsheetId, 'About')
      .map((r) => r.join(' '))
      .join('\n');
    expect(about).toContain('appended rows 1,501–2,500 (500 rows already present were skipped)');
  });

  it('a write retried after a lost answer, and a re-run, never duplicate a job', async () => {
    const book = server.addSpreadsheet('Log');
    await append(book.spreadsheetId, 0, 100);
    server.faults.push({
      match: (r) => r.path.endsWith('values:batchUpdate'),
      status: 500,
      times: 2,
      afterApplying: true,
    });
    await append(book.spreadsheetId, 50, 1_000);
    await append(book.spreadsheetId, 0, 1_050); // a full re-run adds nothing
    const ids = jobIds(book.spreadsheetId);
    expect(ids).toHaveLength(1_050);
    expect(new Set(ids).size).toBe(1_050);
  });

  it('refuses to append to a tab whose header is not the report header', async () => {
    const book = server.addSpreadsheet('Log', [
      { title: 'job-history', rows: [['something', 'else']] },
    ]);
    await expect(append(book.spreadsheetId, 0, 10)).rejects.toThrow(
      /tab "job-history" has columns \[something, else\]/,
    );
    expect(server.values(book.spreadsheetId, 'job-history')).toEqual([['something', 'else']]);
  });
});
