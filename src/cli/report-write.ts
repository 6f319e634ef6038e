/**
 * Builds the job's reports and hands them to the sink the job names: CSV (one file, or one
 * file each into a folder), XLSX (one workbook, a sheet per report) or Google Sheets (a tab per
 * report). The reports are built in a worker thread that reads the archive on its own
 * connection; CSV and XLSX are also written off the main thread (file-report-thread.ts). Sinks
 * are imported when used, so that a CSV run never loads exceljs or googleapis. An archive in
 * memory (`--db :memory:`) cannot be opened by another thread: its reports are built and
 * written here.
 */
import { extname, join } from 'node:path';

import type { WriteOutcome } from '../load/sink.js';
import type { Archive } from '../store/archive.js';
import { isInMemoryArchive } from '../store/archive-path.js';
import { buildReportsInWorker } from '../transform/off-thread/worker-reports.js';
import type { ArchiveReports, ReportSource } from '../transform/off-thread/worker-reports.js';
import type { Provenance } from '../transform/report.js';
import type { FileSink } from './file-report-messages.js';
import { writeFileReportsOffThread } from './file-report-thread.js';
import type { ReportJob } from './report-job.js';
import type { RunnerContext } from './report-runner.js';

/** What the reports are built from: the archive the runner has open, and where it is. */
export interface ReportInputs {
  archive: Archive;
  reports: ArchiveReports;
}

/** For xlsx: `out` itself when it names a .xlsx file, else `<out>/<kind or reports>.xlsx`. */
export function xlsxPath(out: string, kinds: readonly string[]): string {
  if (extname(out).toLowerCase() === '.xlsx') return out;
  return join(out, `${kinds.length === 1 ? kinds[0] : 'reports'}.xlsx`);
}

function fileSink(job: ReportJob): FileSink | undefined {
  const out = job.out ?? '';
  if (job.format === 'csv') return { format: 'csv', options: { out, delimiter: job.delimiter } };
  if (job.format === 'xlsx') return { format: 'xlsx', options: { out: xlsxPath(out, job.kinds) } };
  return undefined;
}

const inMemory = (inputs: ReportInputs): boolean => isInMemoryArchive(inputs.reports.archivePath);

async function reportSource(inputs: ReportInputs): Promise<ReportSource> {
  if (!inMemory(inputs)) return buildReportsInWorker(inputs.reports);
  const { kinds, query } = inputs.reports;
  const { buildReports } = await import('../transform/build-reports.js');
  const reports = await buildReports(inputs.archive, kinds, query);
  return { reports, close: () => Promise.resolve() };
}

export async function writeReports(
  inputs: ReportInputs,
  provenance: Provenance,
  job: ReportJob,
  context: RunnerContext,
): Promise<WriteOutcome> {
  const sink = fileSink(job);
  if (sink !== undefined && !inMemory(inputs)) {
    const log = { level: context.logger.level, pretty: Boolean(process.stderr.isTTY) };
    return writeFileReportsOffThread({ reports: inputs.reports, provenance, sink, log });
  }
  const source = await reportSource(inputs);
  try {
    const { reports } = source;
    if (sink?.format === 'csv') {
      const { writeCsv } = await import('../load/csv/write-csv.js');
      return await writeCsv(reports, provenance, sink.options);
    }
    if (sink?.format === 'xlsx') {
      const { writeXlsx } = await import('../load/xlsx/write-xlsx.js');
      return await writeXlsx(reports, provenance, { ...sink.options, logger: context.logger });
    }
    const { writeSheets } = await import('../load/sheets/write-sheets.js');
    return await writeSheets(reports, provenance, {
      spreadsheet: job.spreadsheet ?? 'new',
      mode: job.sheetsMode,
      title: job.sheetsTitle,
      shareWith: job.shareWith,
      onCellLimit: job.onCellLimit,
      env: context.env,
      logger: context.logger,
    });
  } finally {
    await source.close();
  }
}
