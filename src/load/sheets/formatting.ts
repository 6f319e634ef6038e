/**
 * The formatting auditors expect on a report tab, as spreadsheets.batchUpdate subrequests: a
 * bold frozen header, a basic filter, column widths, number and date formats, and a
 * conditional format that marks failed jobs and flagged accounts. Ranges leave the end row
 * open so that rows appended later are covered too.
 */
import type { sheets_v4 } from 'googleapis';

import type { Column, ColumnType, Report } from '../../transform/report.js';
import { columnLetters } from './cells.js';

type Request = sheets_v4.Schema$Request;

const NUMBER_FORMATS: Partial<Record<ColumnType, sheets_v4.Schema$NumberFormat>> = {
  timestamp: { type: 'DATE_TIME', pattern: 'yyyy-mm-dd hh:mm:ss' },
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
  integer: { type: 'NUMBER', pattern: '0' },
  number: { type: 'NUMBER', pattern: '#,##0.###' },
};

const DEFAULT_WIDTH_CHARS: Record<ColumnType, number> = {
  string: 18,
  integer: 12,
  number: 12,
  boolean: 9,
  timestamp: 20,
  date: 12,
};

/** Pixels for a column: its width hint (or a default by type), clamped to 60–400 px. */
export function columnPixels(column: Column): number {
  const chars = Math.max(column.width ?? DEFAULT_WIDTH_CHARS[column.type], column.name.length);
  return Math.min(400, Math.max(60, Math.round(chars * 7 + 16)));
}

/** Which rows to mark: Report.highlight, else failed jobs and accounts with a flag ≠ ok. */
export function highlightRule(
  report: Pick<Report, 'name' | 'columns' | 'highlight'>,
): { column: number; formula: (cell: string) => string } | null {
  const find = (name: string) => report.columns.findIndex((c) => c.name === name);
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  if (report.highlight) {
    const column = find(report.highlight.column);
    const values = report.highlight.values;
    if (column < 0 || values.length === 0) return null;
    return {
      column,
      formula: (cell) => `=OR(${values.map((v) => `${cell}=${quote(v)}`).join(',')})`,
    };
  }
  if (find('status') >= 0 && report.name.startsWith('job-history')) {
    return { column: find('status'), formula: (cell) => `=${cell}="failed"` };
  }
  if (find('flag') >= 0) {
    return { column: find('flag'), formula: (cell) => `=AND(${cell}<>"",${cell}<>"ok")` };
  }
  return null;
}

/** Header, freeze and filter, widths and formats: idempotent, safe to send on every run. */
export function layoutRequests(sheetId: number, columns: readonly Column[]): Request[] {
  const width = columns.length;
  const requests: Request[] = [
    {
      repeatCell: {
        range: {
          sheetId,
          startRowIndex: 0,
          endRowIndex: 1,
          startColumnIndex: 0,
          endColumnIndex: width,
        },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    },
    {
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
        fields: 'gridProperties.frozenRowCount',
      },
    },
    {
      setBasicFilter: {
        filter: {
          range: { sheetId, startRowIndex: 0, startColumnIndex: 0, endColumnIndex: width },
        },
      },
    },
  ];
  columns.forEach((column, i) => {
    requests.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 },
        properties: { pixelSize: columnPixels(column) },
        fields: 'pixelSize',
      },
    });
    const numberFormat = NUMBER_FORMATS[column.type];
    if (numberFormat) {
      requests.push({
        repeatCell: {
          range: { sheetId, startRowIndex: 1, startColumnIndex: i, endColumnIndex: i + 1 },
          cell: { userEnteredFormat: { numberFormat } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
    }
  });
  return requests;
}

/** The conditional format marking rows; added once, when the tab is created. */
export function highlightRequests(
  sheetId: number,
  report: Pick<Report, 'name' | 'columns' | 'highlight'>,
): Request[] {
  const rule = highlightRule(report);
  if (!rule) return [];
  const cell = `$${columnLetters(rule.column)}2`;
  return [
    {
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [
            {
              sheetId,
              startRowIndex: 1,
              startColumnIndex: 0,
              endColumnIndex: report.columns.length,
            },
          ],
          booleanRule: {
            condition: {
              type: 'CUSTOM_FORMULA',
              values: [{ userEnteredValue: rule.formula(cell) }],
            },
            format: { backgroundColor: { red: 0.98, green: 0.8, blue: 0.8 } },
          },
        },
      },
    },
  ];
}
