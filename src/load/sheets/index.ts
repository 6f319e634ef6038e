export { sheetsWriter, writeSheets, type SheetsWriteOutcome } from './write-sheets.js';
export {
  parseSpreadsheetTarget,
  renderTitle,
  spreadsheetUrl,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_TITLE,
  DEFAULT_WRITES_PER_MINUTE,
  type SheetsWriteMode,
  type SheetsWriteOptions,
  type SpreadsheetTarget,
} from './options.js';
export { SheetsError } from './errors.js';
export { CellLimitError } from './cell-limit.js';
