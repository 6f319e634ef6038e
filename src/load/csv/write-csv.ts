/**
 * The CSV sink: one file per report (a single path when there is one report, a folder when
 * there are several), each with `<name>.about.json` beside it for auditors. Every file is
 * written to a temporary file in the destination folder and renamed when complete.
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

import type { Provenance, Report, ReportSummary } from '../../transform/report.js';
import { aboutDocument, aboutEntries } from '../about.js';
import { withAtomicFile, writeFileAtomic } from '../atomic-file.js';
import type { ReportWriter, WriteOutcome } from '../sink.js';
import { DEFAULT_CSV_FORMAT, writeCsvReportFile } from './csv-report-file.js';
import type { CsvDelimiter } from './csv-report-file.js';

export interface CsvOptions {
  /**
   * A file path (with an extension) for one report; otherwise a folder, created if missing,
   * that gets `<report name>.csv` per report (also for one report into an existing folder).
   */
  out: string;
  /** `,` (default), `;` (European Excel) or tab; `tab` is accepted for the tab character. */
  delimiter?: CsvDelimiter | 'tab';
  /** UTF-8 byte order mark (default true: Excel then reads the file as UTF-8). */
  bom?: boolean;
  /** Record separator: `crlf` (RFC 4180, default) or `lf`. */
  lineEnding?: 'crlf' | 'lf';
  /** fsync each file before its rename (default true). */
  fsync?: boolean;
  /** Rows per file write (default 500). */
  batchRows?: number;
}

/** A report name made safe as a file name (report names are normally already safe). */
export function csvFileStem(name: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return safe === '' ? 'report' : safe;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Where each report's file goes: `out` itself for one report, `out/<name>.csv` otherwise. */
async function targetPaths(reports: readonly Report[], out: string): Promise<string[]> {
  const single = reports.length === 1 && !(await isDirectory(out)) && extname(out) !== '';
  if (single) {
    await mkdir(dirname(out), { recursive: true });
    return [out];
  }
  await mkdir(out, { recursive: true });
  const used = new Set<string>();
  return reports.map((report) => {
    const stem = csvFileStem(report.name);
    let candidate = stem;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${stem}-${n}`;
    used.add(candidate.toLowerCase());
    return join(out, `${candidate}.csv`);
  });
}

/** `x/job-history.csv` → `x/job-history.about.json`. */
export function aboutPathFor(csvPath: string): string {
  const ext = extname(csvPath);
  return `${ext === '' ? csvPath : csvPath.slice(0, -ext.length)}.about.json`;
}

/**
 * Writes each report to its own CSV file. Reports are written one after the other; if one
 * fails (its row stream throws, the disk is full) the error is thrown at once: files already
 * completed stay written, and the failed report's previous file is left as it was.
 */
export const writeCsv: ReportWriter<CsvOptions> = async (
  reports: readonly Report[],
  provenance: Provenance,
  options: CsvOptions,
): Promise<WriteOutcome> => {
  const format = {
    delimiter: options.delimiter === 'tab' ? '\t' : (options.delimiter ?? ','),
    bom: options.bom ?? DEFAULT_CSV_FORMAT.bom,
    lineEnding: options.lineEnding ?? DEFAULT_CSV_FORMAT.lineEnding,
    batchRows: options.batchRows ?? DEFAULT_CSV_FORMAT.batchRows,
  } as const;
  const atomic = { fsync: options.fsync ?? true };
  const paths = await targetPaths(reports, options.out);
  const summaries: ReportSummary[] = [];
  for (const [index, report] of reports.entries()) {
    const path = paths[index] as string;
    const summary = await withAtomicFile(
      path,
      (tempPath) => writeCsvReportFile(report, tempPath, format),
      atomic,
    );
    summaries.push(summary);
    const document = {
      ...aboutDocument(provenance, [summary]),
      // The same plain sentence as the XLSX About sheet (it names sandbox data as such).
      dataSourceStatement: aboutEntries(provenance, [summary])[0]?.[1],
      file: basename(path),
      timeZone: report.timeZone,
    };
    await writeFileAtomic(aboutPathFor(path), JSON.stringify(document, null, 2) + '\n', atomic);
  }
  return { location: paths.length === 1 ? (paths[0] as string) : options.out, reports: summaries };
};
