/**
 * Report cells as Sheets values (written with valueInputOption RAW, so nothing is parsed):
 * numbers and booleans as JSON numbers and booleans, timestamps and dates as serial numbers
 * (days since 1899-12-30, in the report's time zone) that a number format shows as dates,
 * text as text. A text cell starting with `=`, `+`, `-` or `@` stays text under RAW, so no `'`
 * prefix is added (it would show). Text over 50,000 characters is cut with a visible marker.
 */
import type { Column, Report, Row } from '../../transform/report.js';
import { truncateCell } from '../formula.js';
import { dateSerial, ZoneFormatter } from '../time-format.js';

/** Google's limit on characters in one cell. */
export const SHEETS_CELL_CHARS = 50_000;

export type SheetsValue = string | number | boolean;

/**
 * Serials rounded to 1e-8 day (0.864 ms): the rounding error stays under half a millisecond,
 * so the instant is still exact to the millisecond, and each timestamp is 3–4 bytes shorter.
 */
const SERIAL_SCALE = 1e8;

export class CellEncoder {
  private readonly zone: ZoneFormatter;
  private readonly columns: readonly Column[];
  /** Cells cut to the limit so far. */
  truncated = 0;

  constructor(report: Pick<Report, 'columns' | 'timeZone'>) {
    this.zone = new ZoneFormatter(report.timeZone);
    this.columns = report.columns;
  }

  encode(row: Row): SheetsValue[] {
    const out: SheetsValue[] = new Array<SheetsValue>(this.columns.length);
    for (let i = 0; i < this.columns.length; i += 1) {
      out[i] = this.cell(row[i] ?? null, this.columns[i]?.type ?? 'string');
    }
    return out;
  }

  private cell(value: Row[number], type: Column['type']): SheetsValue {
    if (value === null) return '';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      if (type === 'timestamp') {
        return Math.round(this.zone.serial(value) * SERIAL_SCALE) / SERIAL_SCALE;
      }
      return value;
    }
    if (typeof value === 'boolean') return value;
    if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateSerial(value);
    if (value.length > SHEETS_CELL_CHARS) {
      this.truncated += 1;
      return truncateCell(value, SHEETS_CELL_CHARS);
    }
    return value;
  }
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A tab name quoted for A1 notation: `'It''s'`. */
export function quoteTitle(title: string): string {
  return `'${title.replaceAll("'", "''")}'`;
}

/** `'Tab'!A{firstRow}:{lastCol}{lastRow}` with 1-based rows. */
export function rowsRange(title: string, firstRow: number, lastRow: number, columns: number) {
  return `${quoteTitle(title)}!A${firstRow}:${columnLetters(columns - 1)}${lastRow}`;
}
