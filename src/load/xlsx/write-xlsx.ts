/**
 * The XLSX sink: one workbook, one worksheet per report plus an `About` sheet, written with
 * exceljs's streaming WorkbookWriter into a temporary file that is renamed when complete.
 * Sheets are written one at a time (exceljs frees memory only for the sheet being written,
 * exceljs/exceljs#629) with real backpressure, so memory stays flat however many rows.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';

import type { Logger } from '../../shared/logger.js';
import type { Provenance, Report, ReportSummary } from '../../transform/report.js';
import { withAtomicFile } from '../atomic-file.js';
import type { ReportWriter, WriteOutcome } from '../sink.js';
import { writeAboutSheet } from './about-sheet.js';
import { EXCELJS_VERSION, fastStyleLookups, WorkbookWriter } from './exceljs-internals.js';
import { writeReportSheet } from './report-sheet.js';
import { SheetNamer } from './sheet-names.js';

export const ABOUT_SHEET = 'About';

export interface XlsxOptions {
  /** The `.xlsx` file to write (its folder is created if missing). */
  out: string;
  /** fsync the file before its rename (default true). */
  fsync?: boolean;
  /**
   * zlib level for the zip entries, 1 (fast) – 9 (small). Default 1, archiver's own default:
   * level 6 makes a job-history workbook ~16 % smaller, but deflate (on libuv's thread pool)
   * then becomes what the writer waits on.
   */
  compressionLevel?: number;
  logger?: Logger;
}

/** What was written for one report: its summary and where it went. */
export interface SheetOutcome {
  summary: ReportSummary;
  sheetName: string;
  timeZone: string;
}

async function writeWorkbook(
  reports: readonly Report[],
  provenance: Provenance,
  path: string,
  options: XlsxOptions,
): Promise<SheetOutcome[]> {
  const output = createWriteStream(path, { flags: 'wx' });
  const generatedAt = new Date(provenance.generatedAt);
  const workbook = new WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
    zip: { zlib: { level: options.compressionLevel ?? 1 } },
  });
  if (!fastStyleLookups(workbook)) {
    options.logger?.warn({ exceljs: EXCELJS_VERSION }, 'exceljs is not 4.4.0: slow style lookups');
  }
  workbook.creator = `${provenance.tool} ${provenance.toolVersion}`;
  if (!Number.isNaN(generatedAt.getTime())) workbook.created = generatedAt;
  const zip = (workbook as unknown as { zip: NodeJS.EventEmitter & { abort(): void } }).zip;
  // Rejects when the zip or the file fails; awaited by backpressure so a failure cannot hang.
  const failed = new Promise<never>((_, reject) => {
    output.once('error', reject);
    zip.once('error', reject);
  });
  failed.catch(() => undefined);

  const namer = new SheetNamer();
  namer.reserve(ABOUT_SHEET);
  const outcomes: SheetOutcome[] = [];
  try {
    for (const report of reports) {
      const sheetName = namer.next(report.name);
      const summary = await writeReportSheet(workbook, sheetName, report, {
        failed,
        logger: options.logger,
      });
      outcomes.push({ summary, sheetName, timeZone: report.timeZone });
    }
    writeAboutSheet(workbook, ABOUT_SHEET, provenance, outcomes);
    await Promise.race([workbook.commit(), failed]);
  } catch (error) {
    zip.abort();
    output.destroy();
    await finished(output).catch(() => undefined);
    throw error;
  }
  return outcomes;
}

/**
 * Writes all reports into one workbook at `options.out`. If any report fails (its row stream
 * throws, the disk is full) nothing is renamed: the previous workbook stays as it was and the
 * temporary file is removed.
 */
export const writeXlsx: ReportWriter<XlsxOptions> = async (
  reports: readonly Report[],
  provenance: Provenance,
  options: XlsxOptions,
): Promise<WriteOutcome> => {
  await mkdir(dirname(options.out), { recursive: true });
  const outcomes = await withAtomicFile(
    options.out,
    (tempPath) => writeWorkbook(reports, provenance, tempPath, options),
    { fsync: options.fsync ?? true },
  );
  return { location: options.out, reports: outcomes.map((outcome) => outcome.summary) };
};
