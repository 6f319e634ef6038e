/**
 * How report columns become worksheet columns: header text (timestamp headers name the zone
 * their wall-clock times are in), an estimated width (exceljs writes `<cols>` with the first
 * row, so widths must be known before any row is committed), and a number format for dates.
 */
import type { Column, ColumnType } from '../../transform/report.js';

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Excel's widest column is 255; wider than this is unreadable anyway. */
const MAX_WIDTH = 60;
const MIN_WIDTH = 8;

/** Typical rendered width (characters) of a type when the column gives no hint. */
const TYPE_WIDTH: Record<ColumnType, number> = {
  string: 24,
  integer: 12,
  number: 12,
  boolean: 8,
  timestamp: 20,
  date: 12,
};

export interface SheetColumn {
  header: string;
  width: number;
  /** Number format for date cells, or undefined for cells with no style. */
  numFmt: string | undefined;
}

export function headerFor(column: Column, timeZone: string): string {
  return column.type === 'timestamp' ? `${column.name} (${timeZone})` : column.name;
}

export function sheetColumns(columns: readonly Column[], timeZone: string): SheetColumn[] {
  return columns.map((column) => {
    const header = headerFor(column, timeZone);
    // +2 leaves room for the autofilter button beside the header text.
    const wanted = Math.max(column.width ?? TYPE_WIDTH[column.type], header.length + 2);
    return {
      header,
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, wanted)),
      numFmt:
        column.type === 'timestamp'
          ? DATE_TIME_FORMAT
          : column.type === 'date'
            ? DATE_FORMAT
            : undefined,
    };
  });
}
