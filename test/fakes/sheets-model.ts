/**
 * The in-memory spreadsheet model behind the Sheets fake: tabs with grid sizes, cell values,
 * formats, filters, conditional formats and charts, and the limits Google enforces (10M cells
 * per spreadsheet, 50,000 characters per cell, writes inside the grid only).
 */
export type FakeCell = string | number | boolean;

export const CELL_LIMIT = 10_000_000;
export const CHARS_PER_CELL = 50_000;

export interface FakeSheetProperties {
  sheetId: number;
  title: string;
  index: number;
  hidden?: boolean;
  gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number };
}

export interface FakeSheet {
  properties: FakeSheetProperties;
  /** Rows of cells; undefined = empty. Not kept when the server runs with keepValues false. */
  rows: (FakeCell | undefined)[][];
  /** Highest row index (0-based) that holds a value, + 1. Kept even without values. */
  filledRows: number;
  basicFilter?: unknown;
  conditionalFormats: unknown[];
  charts: { chartId: number; spec: unknown; position: unknown }[];
  /** Every repeatCell / updateDimensionProperties request applied, for assertions. */
  formats: unknown[];
}

export interface FakeSpreadsheet {
  spreadsheetId: string;
  properties: { title: string; timeZone: string };
  sheets: FakeSheet[];
  permissions: { type: string; role: string; emailAddress?: string }[];
}

/** An error the fake answers with, in Google's JSON error shape. */
export class FakeApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = code === 400 ? 'INVALID_ARGUMENT' : 'UNKNOWN',
  ) {
    super(message);
  }
}

export function cellCount(sheets: readonly FakeSheet[]): number {
  let total = 0;
  for (const sheet of sheets) {
    const grid = sheet.properties.gridProperties;
    total += grid.rowCount * grid.columnCount;
  }
  return total;
}

export function checkCellLimit(sheets: readonly FakeSheet[]): void {
  if (cellCount(sheets) > CELL_LIMIT) {
    throw new FakeApiError(
      400,
      `This action would increase the number of cells in the workbook above the limit of ` +
        `${CELL_LIMIT} cells.`,
    );
  }
}

export function newSheet(properties: FakeSheetProperties): FakeSheet {
  return { properties, rows: [], filledRows: 0, conditionalFormats: [], charts: [], formats: [] };
}

export interface ParsedRange {
  title: string;
  /** 0-based, end exclusive; undefined = open-ended. */
  startRow: number;
  endRow: number | undefined;
  startCol: number;
  endCol: number | undefined;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parses `'Tab'!A2:O100`, `Tab!E2:E`, `'Tab'!1:1`, `Tab!A1` or a bare tab name. */
export function parseRange(range: string): ParsedRange {
  let title: string;
  let rest = '';
  if (range.startsWith("'")) {
    let i = 1;
    let out = '';
    for (; i < range.length; i += 1) {
      if (range[i] === "'") {
        if (range[i + 1] === "'") {
          out += "'";
          i += 1;
          continue;
        }
        break;
      }
      out += range[i];
    }
    title = out;
    rest = range.slice(i + 1).replace(/^!/, '');
  } else {
    const bang = range.lastIndexOf('!');
    title = bang < 0 ? range : range.slice(0, bang);
    rest = bang < 0 ? '' : range.slice(bang + 1);
  }
  if (rest === '') {
    return { title, startRow: 0, endRow: undefined, startCol: 0, endCol: undefined };
  }
  const [from = '', to] = rest.split(':');
  const a = /^([A-Za-z]*)(\d*)$/.exec(from);
  const b = to === undefined ? a : /^([A-Za-z]*)(\d*)$/.exec(to);
  if (!a || !b) throw new FakeApiError(400, `Unable to parse range: ${range}`);
  return {
    title,
    startCol: a[1] ? columnIndex(a[1]) : 0,
    startRow: a[2] ? Number(a[2]) - 1 : 0,
    endCol: b[1] ? columnIndex(b[1]) + 1 : undefined,
    endRow: b[2] ? Number(b[2]) : undefined,
  };
}

export function findSheet(book: FakeSpreadsheet, title: string): FakeSheet {
  const sheet = book.sheets.find((s) => s.properties.title === title);
  if (!sheet) throw new FakeApiError(400, `Unable to parse range: ${title}`);
  return sheet;
}

/** values.get semantics: trailing empty cells and rows are left out. */
export function readRange(sheet: FakeSheet, range: ParsedRange): FakeCell[][] {
  const grid = sheet.properties.gridProperties;
  const endRow = Math.min(range.endRow ?? grid.rowCount, grid.rowCount);
  const endCol = Math.min(range.endCol ?? grid.columnCount, grid.columnCount);
  const out: FakeCell[][] = [];
  for (let r = range.startRow; r < endRow; r += 1) {
    const row = sheet.rows[r] ?? [];
    const cells: FakeCell[] = [];
    for (let c = range.startCol; c < endCol; c += 1) cells.push(row[c] ?? '');
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    out.push(cells);
  }
  while (out.length > 0 && out[out.length - 1]?.length === 0) out.pop();
  return out;
}

/** Checks a values write against the grid and the per-cell limit, without applying it. */
export function checkWrite(sheet: FakeSheet, range: ParsedRange, values: unknown[][]): void {
  const grid = sheet.properties.gridProperties;
  const lastRow = range.startRow + values.length;
  const width = values.reduce((max, row) => Math.max(max, row.length), 0);
  const lastCol = range.startCol + width;
  if (
    (range.endRow !== undefined && lastRow > range.endRow) ||
    (range.endCol !== undefined && lastCol > range.endCol)
  ) {
    throw new FakeApiError(400, 'Requested writing within range, but tried writing beyond it.');
  }
  if (lastRow > grid.rowCount || lastCol > grid.columnCount) {
    throw new FakeApiError(
      400,
      `Range ('${sheet.properties.title}'!R${lastRow}C${lastCol}) exceeds grid limits. ` +
        `Max rows: ${grid.rowCount}, max columns: ${grid.columnCount}`,
    );
  }
  for (const row of values) {
    for (const cell of row) {
      if (typeof cell === 'string' && cell.length > CHARS_PER_CELL) {
        throw new FakeApiError(
          400,
          `Your input contains more than the maximum of ${CHARS_PER_CELL} characters in a ` +
            `single cell.`,
        );
      }
      if (cell !== null && typeof cell === 'object') {
        throw new FakeApiError(400, 'Invalid values: a cell must be a string, number or bool');
      }
    }
  }
}

export function applyWrite(
  sheet: FakeSheet,
  range: ParsedRange,
  values: unknown[][],
  keepValues: boolean,
): void {
  values.forEach((row, i) => {
    const r = range.startRow + i;
    if (row.length > 0) sheet.filledRows = Math.max(sheet.filledRows, r + 1);
    if (!keepValues) return;
    const target = (sheet.rows[r] ??= []);
    row.forEach((cell, j) => {
      if (cell === null || cell === undefined) return; // null: leave the cell as it is
      target[range.startCol + j] = cell === '' ? undefined : (cell as FakeCell);
    });
  });
}
