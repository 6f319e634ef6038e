/**
 * The `About` sheet: the provenance an auditor needs (data source, with sandbox data named as
 * such, window, zone, accounts, filters, rows and SHA-256 per report, last syncs), plus which
 * sheet holds which report and the zone its timestamps show.
 */
import type ExcelJS from 'exceljs';

import type { Provenance } from '../../transform/report.js';
import { aboutEntries } from '../about.js';
import type { SheetOutcome } from './write-xlsx.js';
import { xlsxText } from './xlsx-cells.js';

export function aboutSheetEntries(
  provenance: Provenance,
  outcomes: readonly SheetOutcome[],
): [string, string][] {
  // Labelled by sheet name: that is what the reader sees, and it is unique.
  const entries = aboutEntries(
    provenance,
    outcomes.map((outcome) => ({ ...outcome.summary, name: outcome.sheetName })),
  );
  for (const { summary, sheetName, timeZone } of outcomes) {
    entries.push([`Report: ${sheetName}`, summary.name]);
    entries.push([
      `Timestamps: ${sheetName}`,
      `local wall-clock time in ${timeZone} (date-time cells; the zone is also in each header)`,
    ]);
  }
  return entries;
}

export function writeAboutSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  provenance: Provenance,
  outcomes: readonly SheetOutcome[],
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Item', width: 40 },
    { header: 'Value', width: 100 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (const [label, value] of aboutSheetEntries(provenance, outcomes)) {
    sheet.addRow([xlsxText(label), xlsxText(value)]).commit();
  }
  sheet.commit();
}
