/**
 * Streams one report into one worksheet: bold, frozen header with an autofilter, columns sized
 * up front, date cells with a date(-time) format, one row committed at a time with backpressure.
 */
import type ExcelJS from 'exceljs';

import type { Logger } from '../../shared/logger.js';
import type { Report, ReportSummary } from '../../transform/report.js';
import { RowDigest } from '../row-digest.js';
import { ZoneFormatter } from '../time-format.js';
import { sheetBackpressure } from './exceljs-internals.js';
import { xlsxRowConverter } from './xlsx-cells.js';
import { sheetColumns } from './xlsx-columns.js';

/** Rows between backpressure checks (a check is cheap; 100 rows are ~25 KB of sheet XML). */
const DRAIN_EVERY = 100;

export interface SheetWriteOptions {
  /** Rejects when the workbook's output fails (see exceljs-internals.ts). */
  failed: Promise<never>;
  logger?: Logger | undefined;
}

export async function writeReportSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheetName: string,
  report: Report,
  options: SheetWriteOptions,
): Promise<ReportSummary> {
  const columns = sheetColumns(report.columns, report.timeZone);
  // Frozen panes only work in exceljs's stream writer when given here (exceljs#507).
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Date(-time) columns carry their number format as a column style; exceljs merges it into
  // each cell, and fastStyleLookups (exceljs-internals.ts) resolves it without serialising.
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    ...(column.numFmt === undefined ? {} : { style: { numFmt: column.numFmt } }),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  const width = columns.length;
  const convert = xlsxRowConverter(report.columns, new ZoneFormatter(report.timeZone));
  const digest = new RowDigest();
  const backpressure = sheetBackpressure(sheet, options.failed, options.logger);
  let sinceCheck = 0;
  for await (const row of report.rows) {
    digest.add(row);
    sheet.addRow(convert(row)).commit();
    sinceCheck += 1;
    if (sinceCheck >= DRAIN_EVERY) {
      sinceCheck = 0;
      await backpressure();
    }
  }
  // The autofilter is written when the sheet is committed, so it can span the data rows.
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: digest.count + 1, column: Math.max(width, 1) },
  };
  sheet.commit();
  return { name: report.name, rowCount: digest.count, sha256: digest.hex() };
}
