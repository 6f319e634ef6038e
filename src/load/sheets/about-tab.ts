/**
 * The `About` tab of every spreadsheet the run wrote: the provenance an auditor reads first
 * (the same entries as the XLSX About sheet, sandbox data said plainly), then what this
 * spreadsheet holds of each report, its time zone, and where the other parts are. Written and
 * swapped in one atomic spreadsheets.batchUpdate: one write request.
 */
import type { sheets_v4 } from 'googleapis';

import type { Provenance, Report, ReportSummary } from '../../transform/report.js';
import { aboutEntries } from '../about.js';
import type { Book, SheetsRun } from './run.js';
import { newSheetId, smallTabRequests, swapRequests } from './small-tabs.js';
import { ABOUT_TITLE, isStaleTemp, tempTitle } from './tab-names.js';

const fmt = (n: number) => n.toLocaleString('en-US');

export interface AboutReport {
  report: Pick<Report, 'name' | 'timeZone'>;
  summary: ReportSummary | null;
  error: string | null;
  truncated: number;
  mode: 'replace' | 'append';
}

export function aboutRows(
  provenance: Provenance,
  book: Book,
  books: readonly Book[],
  reports: readonly AboutReport[],
): [string, string][] {
  const written = reports.flatMap((r) => (r.summary ? [r.summary] : []));
  const rows: [string, string][] = [
    ['About this spreadsheet', ''],
    ...aboutEntries(provenance, written),
  ];
  for (const { report, error, truncated, mode } of reports) {
    rows.push([`Time zone: ${report.name}`, `${report.timeZone} (timestamps are local time)`]);
    if (error) rows.push([`FAILED: ${report.name}`, `not written in this run: ${error}`]);
    if (truncated > 0) {
      rows.push([`Cut cells: ${report.name}`, `${fmt(truncated)} cells over 50,000 characters`]);
    }
    const parts = books.filter((b) => b.notes.some((n) => n.report === report.name));
    for (const note of book.notes.filter((n) => n.report === report.name)) {
      const span = `rows ${fmt(note.firstRow)}–${fmt(note.lastRow)}`;
      const what =
        mode === 'append'
          ? `appended ${span} (${fmt(note.skipped ?? 0)} rows already present were skipped)`
          : note.lastRow < note.firstRow
            ? 'no rows'
            : span;
      rows.push([`Tab ${note.tab}`, `${report.name}: ${what}`]);
    }
    if (parts.length > 1) {
      rows.push([`Parts of ${report.name}`, parts.map((b) => b.url).join(' ')]);
    }
  }
  return rows;
}

export async function writeAboutTab(run: SheetsRun, book: Book, rows: [string, string][]) {
  const info = await run.refresh(book);
  const old = info.sheets.find((s) => s.title.toLowerCase() === ABOUT_TITLE.toLowerCase());
  const tempId = newSheetId(info.sheets.map((s) => s.sheetId));
  const requests: sheets_v4.Schema$Request[] = info.sheets
    .filter((s) => isStaleTemp(s.title, run.runId, ABOUT_TITLE))
    .map((s) => ({ deleteSheet: { sheetId: s.sheetId } }));
  requests.push(
    ...smallTabRequests(tempId, tempTitle(run.runId, ABOUT_TITLE), rows),
    ...swapRequests(tempId, ABOUT_TITLE, old, 0),
    {
      repeatCell: {
        range: { sheetId: tempId, startColumnIndex: 0, endColumnIndex: 1 },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    },
    {
      updateDimensionProperties: {
        range: { sheetId: tempId, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 },
        properties: { pixelSize: 260 },
        fields: 'pixelSize',
      },
    },
  );
  await run.client.batchUpdate(info.spreadsheetId, requests, 'write About tab', {
    verify: async () =>
      (await run.refresh(book)).sheets.some((s) => s.sheetId === tempId && s.title === ABOUT_TITLE),
  });
}
