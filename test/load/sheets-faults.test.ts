import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { writeSheets } from '../../src/load/sheets/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { startFakeSheets, type FakeSheetsServer } from '../fakes/sheets-server.js';
import {
  fakeEnv,
  jobHistory,
  provenance,
  serviceAccountKeyFile,
  virtualClock,
} from '../fakes/sheets-fixtures.js';

let server: FakeSheetsServer;
beforeEach(async () => {
  server = await startFakeSheets();
});
afterEach(async () => {
  await server.close();
});

const OLD_ROWS = [
  ['job_id', 'status'],
  ['j-old', 'failed'],
];

function run(spreadsheet: string, extra: Record<string, unknown> = {}) {
  const clock = virtualClock();
  const opts = {
    spreadsheet,
    env: fakeEnv(server),
    sleep: clock.sleep,
    now: clock.now,
    maxRequestBytes: 100_000,
    ...extra,
  };
  return { clock, done: writeSheets([jobHistory(5_000)], provenance(), opts) };
}

const isValues = (path: string) => path.endsWith('values:batchUpdate');

describe('Google Sheets sink, failures', () => {
  it('waits out a 429 mid-way (Retry-After) and writes the same result', async () => {
    const clean = server.addSpreadsheet('clean');
    await run(clean.spreadsheetId).done;
    const cleanWrites = server.writeRequests().length;

    const book = server.addSpreadsheet('retried');
    server.failNthWrite(5, 429, { retryAfterSeconds: 7 });
    const { clock, done } = run(book.spreadsheetId);
    await done;

    expect(server.values(book.spreadsheetId, 'job-history')).toEqual(
      server.values(clean.spreadsheetId, 'job-history'),
    );
    const writes = server.writeRequests().slice(cleanWrites);
    expect(writes.filter((r) => r.status === 429)).toHaveLength(1);
    expect(writes).toHaveLength(cleanWrites + 1);
    expect(clock.sleeps).toContain(7_000);
  });

  it('leaves the old tab unchanged and no temporary tab when a write fails for good', async () => {
    const book = server.addSpreadsheet('Audit', [{ title: 'job-history', rows: OLD_ROWS }]);
    const oldId = book.sheets[0]!.properties.sheetId;
    server.faults.push({
      match: (r) => isValues(r.path) && r.writeNumber >= 4,
      status: 500,
      times: 100,
    });
    const { done } = run(book.spreadsheetId, { maxAttempts: 3 });
    await expect(done).rejects.toThrow(/job-history/);

    const sheets = server.spreadsheets.get(book.spreadsheetId)!.sheets;
    expect(sheets.map((s) => s.properties.title).filter((t) => t.startsWith('~tmp'))).toEqual([]);
    const tab = server.sheet(book.spreadsheetId, 'job-history')!;
    expect(tab.properties.sheetId).toBe(oldId);
    expect(server.values(book.spreadsheetId, 'job-history')).toEqual(OLD_ROWS);
    // The About tab says the report was not written.
    const about = server
      .values(book.spreadsheetId, 'About')
      .map((r) => r.join(' '))
      .join('\n');
    expect(about).toContain('FAILED: job-history');
  });

  it('does not swap twice when the swap succeeded but its answer was lost', async () => {
    const book = server.addSpreadsheet('Audit', [{ title: 'job-history', rows: OLD_ROWS }]);
    server.faults.push({
      match: (r) => r.path.endsWith(':batchUpdate') && !isValues(r.path) && r.writeNumber > 3,
      status: 503,
      times: 1,
      afterApplying: true,
    });
    const { done } = run(book.spreadsheetId);
    await done;
    const titles = server.spreadsheets
      .get(book.spreadsheetId)!
      .sheets.map((s) => s.properties.title);
    expect(titles.filter((t) => t === 'job-history')).toHaveLength(1);
    expect(titles.filter((t) => t.startsWith('~tmp'))).toEqual([]);
    expect(server.values(book.spreadsheetId, 'job-history')).toHaveLength(5_001);
  });

  it('on 403 names the service account to share the spreadsheet with', async () => {
    const book = server.addSpreadsheet('Audit');
    server.denied.add(book.spreadsheetId);
    const keyFile = serviceAccountKeyFile('sheets-writer@test-project.iam.gserviceaccount.com');
    const env = fakeEnv(server, {
      GOOGLE_OAUTH_ACCESS_TOKEN: '',
      GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    });
    const clock = virtualClock();
    const done = writeSheets([jobHistory(10)], provenance(), {
      spreadsheet: `https://docs.google.com/spreadsheets/d/${book.spreadsheetId}/edit#gid=0`,
      env,
      sleep: clock.sleep,
      now: clock.now,
    });
    await expect(done).rejects.toThrow(
      /share it with sheets-writer@test-project\.iam\.gserviceaccount\.com as Editor/,
    );
    expect(server.requests[0]?.authorization).toMatch(/^Bearer eyJ/); // a self-signed JWT
    expect(server.writeRequests()).toHaveLength(0);
  });

  it('without credentials says how to provide them, before any request', async () => {
    const home = mkdtempSync(join(tmpdir(), 'no-creds-'));
    vi.stubEnv('HOME', home);
    vi.stubEnv('CLOUDSDK_CONFIG', join(home, 'gcloud'));
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', '');
    vi.stubEnv('METADATA_SERVER_DETECTION', 'none');
    const done = writeSheets([jobHistory(1)], provenance(), {
      spreadsheet: 'new',
      env: { GOOGLE_SHEETS_ENDPOINT: server.url },
    });
    await expect(done).rejects.toMatchObject({
      message: 'no Google credentials found for the Sheets sink',
      exitCode: 2,
      hint: expect.stringContaining('GOOGLE_APPLICATION_CREDENTIALS') as unknown,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('never logs the access token, even on retries and errors', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const logger = createLogger({ level: 'debug', pretty: false, destination });
    const book = server.addSpreadsheet('Audit');
    server.failNthWrite(2, 500);
    const { done } = run(book.spreadsheetId, { logger });
    await done;
    const denied = server.addSpreadsheet('Denied');
    server.denied.add(denied.spreadsheetId);
    const error = await run(denied.spreadsheetId, { logger }).done.catch((e: unknown) => e);
    const text = lines.join('') + String(error) + JSON.stringify(error);
    expect(lines.some((l) => l.includes('retrying'))).toBe(true);
    expect(text).not.toContain('ya29.test-token-do-not-log');
    expect(
      server.requests.every((r) => r.authorization === 'Bearer ya29.test-token-do-not-log'),
    ).toBe(true);
  });
});

describe('Google Sheets sink, leftovers', () => {
  it('removes a temporary tab left behind by a run that died', async () => {
    const book = server.addSpreadsheet('Audit', [
      { title: 'job-history', rows: OLD_ROWS },
      { title: '~tmp 0a1b2c job-history', rows: [['half', 'written']] },
    ]);
    await run(book.spreadsheetId).done;
    const titles = server.spreadsheets
      .get(book.spreadsheetId)!
      .sheets.map((s) => s.properties.title);
    expect(titles.filter((t) => t.startsWith('~tmp'))).toEqual([]);
    expect(server.values(book.spreadsheetId, 'job-history')).toHaveLength(5_001);
  });
});
