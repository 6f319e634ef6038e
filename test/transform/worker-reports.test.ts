/**
 * Reports built in the report worker: the same descriptions and rows as buildReports gives in
 * this thread, for every kind; an early stop leaves the other reports readable and the worker
 * closable; failures in the worker (building, reading rows) arrive as the errors they were;
 * rows asked for after close() fail with a clear message instead of hanging.
 */
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { RecipeOpsError } from '../../src/shared/errors.js';
import type { SqliteArchive } from '../../src/store/sqlite/sqlite-archive.js';
import { buildReports } from '../../src/transform/build-reports.js';
import { buildReportsInWorker } from '../../src/transform/off-thread/worker-reports.js';
import type { Report, Row } from '../../src/transform/report.js';
import { REPORT_KINDS } from '../../src/transform/report-query.js';
import { NOVEMBER_BERLIN, syncedSandboxForFile } from './sandbox-archive.js';

const fleet = syncedSandboxForFile();

const query = NOVEMBER_BERLIN;

async function rowsOf(report: Report, limit = Number.POSITIVE_INFINITY): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of report.rows) {
    rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows;
}

const withoutRows = ({ rows: _rows, ...description }: Report): Omit<Report, 'rows'> => description;

/** A copy of the fleet's archive that a test may damage. */
function archiveCopy(name: string): string {
  const path = join(fleet().dir, name);
  (fleet().archive as SqliteArchive).db.prepare('VACUUM INTO ?').run(path);
  return path;
}

describe('buildReportsInWorker', () => {
  it('gives the reports and rows buildReports gives, for every kind', async () => {
    const kinds = [...REPORT_KINDS];
    const here = await buildReports(fleet().archive, kinds, query);
    const source = await buildReportsInWorker(
      { archivePath: fleet().dbPath, kinds, query },
      { batchRows: 100 },
    );
    try {
      expect(source.reports.map(withoutRows)).toEqual(here.map(withoutRows));
      for (const [i, report] of source.reports.entries()) {
        const expected = await rowsOf(here[i] as Report);
        expect(await rowsOf(report), report.name).toEqual(expected);
      }
      const jobHistory = here.find((r) => r.name === 'job-history');
      // Many more rows than the batches in flight, so that batching and prefetch took part.
      expect(jobHistory?.rowCount).toBeGreaterThan(1_000);
    } finally {
      await source.close();
    }
  });

  it('stops a report the reader leaves early; the other reports stay readable', async () => {
    const kinds = ['job-history', 'recipe-inventory'] as const;
    const source = await buildReportsInWorker(
      { archivePath: fleet().dbPath, kinds, query },
      { batchRows: 50 },
    );
    try {
      const [history, inventory] = source.reports as [Report, Report];
      const first = await rowsOf(history, 120);
      const [expectedHistory, expectedInventory] = await buildReports(
        fleet().archive,
        kinds,
        query,
      );
      expect(first).toEqual(await rowsOf(expectedHistory as Report, 120));
      expect(await rowsOf(inventory)).toEqual(await rowsOf(expectedInventory as Report));
    } finally {
      await source.close();
    }
  });

  it('rejects with the error building the reports threw, exit code and hint kept', async () => {
    const failed = buildReportsInWorker({
      archivePath: fleet().dbPath,
      kinds: ['job-history'],
      query: { ...query, window: null },
    });
    await expect(failed).rejects.toBeInstanceOf(RecipeOpsError);
    await expect(failed).rejects.toMatchObject({
      name: 'ConfigError',
      message: 'job-history needs a window',
      exitCode: 2,
      hint: 'give --since and --until',
    });
  });

  it("fails the reader with the worker's error when reading rows fails there", async () => {
    const path = archiveCopy('damaged.sqlite');
    const source = await buildReportsInWorker({
      archivePath: path,
      kinds: ['job-history'],
      query,
    });
    try {
      // Described (and counted) already; the rows are read only when asked for.
      const db = new Database(path);
      db.exec('DROP TABLE jobs');
      db.close();
      const reading = rowsOf(source.reports[0] as Report);
      await expect(reading).rejects.toMatchObject({
        name: 'SqliteError',
        message: 'no such table: jobs',
        code: 'SQLITE_ERROR',
      });
    } finally {
      await source.close();
    }
  });

  it('fails rows asked for after close() with a clear message', async () => {
    const source = await buildReportsInWorker({
      archivePath: fleet().dbPath,
      kinds: ['job-history'],
      query,
    });
    await source.close();
    await expect(rowsOf(source.reports[0] as Report)).rejects.toThrow(
      'the report source was closed before all its rows were read',
    );
    await source.close();
  });
});
