/**
 * Hands the reports to the sink the job names: CSV (one file, or one file each into a folder),
 * XLSX (one workbook, a sheet per report) or Google Sheets (a tab per report). Sinks are
 * imported when used, so that a CSV run never loads exceljs or googleapis.
 */
import { extname, join } from 'node:path';

import type { WriteOutcome } from '../load/sink.js';
import type { Provenance, Report } from '../transform/report.js';
import type { ReportJob } from './report-job.js';
import type { RunnerContext } from './report-runner.js';

/** For xlsx: `out` itself when it names a .xlsx file, else `<out>/<kind or reports>.xlsx`. */
export function xlsxPath(out: string, kinds: readonly string[]): string {
  if (extname(out).toLowerCase() === '.xlsx') return out;
  return join(out, `${kinds.length === 1 ? kinds[0] : 'reports'}.xlsx`);
}

export async function writeReports(
  reports: readonly Report[],
  provenance: Provenance,
  job: ReportJob,
  context: RunnerContext,
): Promise<WriteOutcome> {
  const out = job.out ?? '';
  switch (job.format) {
    case 'csv': {
      const { writeCsv } = await import('../load/csv/write-csv.js');
      return writeCsv(reports, provenance, { out, delimiter: job.delimiter });
    }
    case 'xlsx': {
      const { writeXlsx } = await import('../load/xlsx/write-xlsx.js');
      const path = xlsxPath(out, job.kinds);
      return writeXlsx(reports, provenance, { out: path, logger: context.logger });
    }
    case 'sheets': {
      const { writeSheets } = await import('../load/sheets/write-sheets.js');
      return writeSheets(reports, provenance, {
        spreadsheet: job.spreadsheet ?? 'new',
        mode: job.sheetsMode,
        title: job.sheetsTitle,
        shareWith: job.shareWith,
        onCellLimit: job.onCellLimit,
        env: context.env,
        logger: context.logger,
      });
    }
  }
}
