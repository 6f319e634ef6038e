/**
 * CSV and XLSX written by the file report thread (the CLI's path): the same files and summaries
 * as the sinks write in this thread from buildReports, and the sink's own error when it fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { writeFileReportsOffThread } from '../../src/cli/file-report-thread.js';
import type { FileReportJob } from '../../src/cli/file-report-messages.js';
import { writeCsv } from '../../src/load/csv/write-csv.js';
import { writeXlsx } from '../../src/load/xlsx/write-xlsx.js';
import { buildReports } from '../../src/transform/build-reports.js';
import type { ReportKind } from '../../src/transform/report-query.js';
import {
  NOVEMBER_BERLIN,
  syncedSandboxForFile,
  testProvenance,
} from '../transform/sandbox-archive.js';

const fleet = syncedSandboxForFile();

const query = NOVEMBER_BERLIN;
const kinds: ReportKind[] = ['job-history', 'transaction-usage'];
const provenance = testProvenance({
  since: '2026-11-01',
  until: '2026-12-01',
  timeZone: 'Europe/Berlin',
});

function job(sink: FileReportJob['sink']): FileReportJob {
  return {
    reports: { archivePath: fleet().dbPath, kinds, query },
    provenance,
    sink,
    log: { level: 'silent', pretty: false },
  };
}

describe('writeFileReportsOffThread', () => {
  it('writes the CSV files, byte for byte, that writeCsv writes in this thread', async () => {
    const here = join(fleet().dir, 'csv-here');
    const there = join(fleet().dir, 'csv-there');
    const expected = await writeCsv(await buildReports(fleet().archive, kinds, query), provenance, {
      out: here,
      fsync: false,
    });
    const outcome = await writeFileReportsOffThread(
      job({ format: 'csv', options: { out: there, fsync: false } }),
    );
    expect(outcome.reports).toEqual(expected.reports);
    expect(outcome.location).toBe(there);
    for (const name of ['job-history.csv', 'job-history.about.json', 'transaction-usage.csv']) {
      const bytes = readFileSync(join(there, name));
      expect(bytes.equals(readFileSync(join(here, name))), name).toBe(true);
    }
    expect(expected.reports[0]?.rowCount).toBeGreaterThan(1_000);
  });

  it('writes the workbook writeXlsx writes in this thread', async () => {
    const here = join(fleet().dir, 'here.xlsx');
    const there = join(fleet().dir, 'there.xlsx');
    const reports = await buildReports(fleet().archive, kinds, query);
    const expected = await writeXlsx(reports, provenance, { out: here, fsync: false });
    const outcome = await writeFileReportsOffThread(
      job({ format: 'xlsx', options: { out: there, fsync: false } }),
    );
    expect(outcome).toEqual({ ...expected, location: there });
    const sheets = async (path: string): Promise<unknown[][]> => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      return workbook.worksheets.map((sheet) =>
        sheet.getSheetValues().map((row) => (Array.isArray(row) ? row : [])),
      );
    };
    expect(await sheets(there)).toEqual(await sheets(here));
  });

  it("fails with the sink's own error", async () => {
    const blocker = join(fleet().dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where a folder is wanted');
    const out = join(blocker, 'reports');
    const inThread = writeCsv(await buildReports(fleet().archive, kinds, query), provenance, {
      out,
      fsync: false,
    });
    const error = await inThread.catch((e: unknown) => e as NodeJS.ErrnoException);
    expect(error).toMatchObject({ code: 'ENOTDIR' });
    const offThread = writeFileReportsOffThread(job({ format: 'csv', options: { out } }));
    await expect(offThread).rejects.toMatchObject({
      name: (error as Error).name,
      message: (error as Error).message,
      code: 'ENOTDIR',
    });
  });
});
