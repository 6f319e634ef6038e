/**
 * Spreadsheet formula injection (OWASP CSV Injection): a text cell that starts with `=`, `+`,
 * `-`, `@`, tab, CR or LF gets a leading `'` so that Excel and LibreOffice show it as text.
 * Only text cells are touched: numbers, including negative ones, are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Marker appended to a cell cut to a sink's limit, so the cut is visible to a reader. */
export const TRUNCATION_MARKER = '…[truncated by recipe-ops]';

/** Cuts text to at most `limit` characters, ending with the marker when it had to cut. */
export function truncateCell(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return text.slice(0, limit - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
}
