/**
 * The 10,000,000-cell limit, checked before writing: how many data rows of a report still fit
 * in a spreadsheet, and the error that refuses a report that does not fit.
 */
import { RecipeOpsError } from '../../shared/errors.js';
import type { SpreadsheetInfo } from './client.js';
import { cellsOf, RESERVED_CELLS, SPREADSHEET_CELL_LIMIT } from './run.js';

export class CellLimitError extends RecipeOpsError {
  override name = 'CellLimitError';
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Data rows (under a header) of `columns` columns that fit beside `ignoring`'s complement. */
export function rowsThatFit(
  info: SpreadsheetInfo,
  columns: number,
  ignoring: ReadonlySet<number> = new Set(),
): number {
  const used = cellsOf(info.sheets.filter((s) => !ignoring.has(s.sheetId)));
  return Math.max(0, Math.floor((SPREADSHEET_CELL_LIMIT - RESERVED_CELLS - used) / columns) - 1);
}

export function refuseTooLarge(fields: {
  report: string;
  info: SpreadsheetInfo;
  columns: number;
  rows: number;
  fit: number;
  known: boolean;
  mode: 'replace' | 'append';
}): CellLimitError {
  const { report, info, columns, rows, fit } = fields;
  const need = (rows + 1) * columns;
  const what = fields.known
    ? `${fmt(rows)} rows × ${columns} columns (${fmt(need)} cells)`
    : `more than ${fmt(fit)} rows × ${columns} columns`;
  const keepOld =
    fields.mode === 'replace'
      ? ' (replace mode keeps the old tab until the new one is complete, so both count)'
      : '';
  return new CellLimitError(
    `Google Sheets: report ${report} needs ${what}, but spreadsheet ${info.spreadsheetId} ` +
      `has room for ${fmt(fit)} rows of it: it already holds ${fmt(cellsOf(info.sheets))} ` +
      `cells and Google allows ${fmt(SPREADSHEET_CELL_LIMIT)} per spreadsheet${keepOld}. ` +
      `The report's tab was left unchanged.`,
    {
      hint:
        'narrow the window or filters, write to a new spreadsheet (--spreadsheet new), or ' +
        'let the sink roll over to new spreadsheets (onCellLimit: rollover)',
    },
  );
}
