/**
 * Converts report cells to exceljs cell values, one converter per column chosen once:
 * numbers stay numbers, booleans booleans. Timestamps become the Excel serial number of the
 * local wall-clock time in the report's zone, and dates the serial of their day: with the
 * column's date(-time) number format that is exactly what an Excel date cell is (exceljs would
 * write a Date value as the same serial, after allocating a Date per cell). Text is neutralised
 * against formula injection, stripped of characters XML 1.0 forbids, and cut to Excel's 32,767
 * characters with a visible marker.
 */
import type { CellValue, Column } from '../../transform/report.js';
import { neutraliseFormula, truncateCell } from '../formula.js';
import { dateSerial } from '../time-format.js';
import type { ZoneFormatter } from '../time-format.js';

export const MAX_CELL_CHARS = 32_767;
export type XlsxCellValue = string | number | boolean | null;
type Converter = (value: CellValue) => XlsxCellValue;

// Characters XML 1.0 does not allow (exceljs would write them and Excel would refuse the file).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const XML_INVALID_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function xlsxText(text: string): string {
  const clean = XML_INVALID.test(text) ? text.replace(XML_INVALID_ALL, '\ufffd') : text;
  return truncateCell(neutraliseFormula(clean), MAX_CELL_CHARS);
}

function asText(value: CellValue): XlsxCellValue {
  return value === null ? null : xlsxText(String(value));
}

export function xlsxCellConverter(column: Column, zone: ZoneFormatter): Converter {
  switch (column.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? xlsxText(value) : asText(value));
    case 'integer':
    case 'number':
      // NaN or Infinity would make an invalid file: show them as text instead.
      return (value) =>
        typeof value === 'number' && Number.isFinite(value) ? value : asText(value);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : asText(value));
    case 'timestamp':
      return (value) =>
        typeof value === 'number' && Number.isFinite(value) ? zone.serial(value) : asText(value);
    case 'date':
      return (value) =>
        typeof value === 'string' && DATE_ONLY.test(value) ? dateSerial(value) : asText(value);
  }
}

export function xlsxRowConverter(
  columns: readonly Column[],
  zone: ZoneFormatter,
): (row: readonly CellValue[]) => XlsxCellValue[] {
  const converters = columns.map((column) => xlsxCellConverter(column, zone));
  const width = converters.length;
  return (row) => {
    const out = new Array<XlsxCellValue>(width);
    for (let i = 0; i < width; i += 1) out[i] = (converters[i] as Converter)(row[i] ?? null);
    return out;
  };
}
