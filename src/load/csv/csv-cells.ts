/**
 * Renders report cells as CSV field text, one renderer per column chosen once from the column
 * type: timestamps as ISO 8601 with the report zone's offset, dates as `YYYY-MM-DD`, booleans
 * as `true`/`false`, numbers as plain numbers (never prefixed), empty for null. Text cells are
 * neutralised against formula injection. Quoting is left to csv-stringify.
 */
import type { CellValue, Column } from '../../transform/report.js';
import { neutraliseFormula } from '../formula.js';
import type { ZoneFormatter } from '../time-format.js';

export type CsvCellRenderer = (value: CellValue) => string;

/** A value of an unexpected type is written as text, neutralised like any text cell. */
function asText(value: CellValue): string {
  return value === null ? '' : neutraliseFormula(String(value));
}

export function csvCellRenderer(column: Column, zone: ZoneFormatter): CsvCellRenderer {
  switch (column.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? neutraliseFormula(value) : asText(value));
    case 'integer':
    case 'number':
      return (value) => (typeof value === 'number' ? String(value) : asText(value));
    case 'boolean':
      return (value) => (value === true ? 'true' : value === false ? 'false' : asText(value));
    case 'timestamp':
      return (value) => (typeof value === 'number' ? zone.iso(value) : asText(value));
    case 'date':
      return (value) => (typeof value === 'string' ? value : asText(value));
  }
}

/** Renders whole rows; the returned function reuses nothing, so rows may be batched. */
export function csvRowRenderer(
  columns: readonly Column[],
  zone: ZoneFormatter,
): (row: readonly CellValue[]) => string[] {
  const renderers = columns.map((column) => csvCellRenderer(column, zone));
  const width = renderers.length;
  return (row) => {
    const out = new Array<string>(width);
    for (let i = 0; i < width; i += 1) {
      // A short row is padded with empty cells; extra cells are ignored.
      out[i] = (renderers[i] as CsvCellRenderer)(row[i] ?? null);
    }
    return out;
  };
}
