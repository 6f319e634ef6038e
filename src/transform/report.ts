/**
 * A report: a name, an ordered list of typed columns and an async stream of rows. Transforms
 * build them from the archive; sinks (src/load) write them without knowing where rows came from.
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'date';

export interface Column {
  /** Stable column name: a contract with the people who build sheets on top of reports. */
  name: string;
  type: ColumnType;
  /** A hint for sinks sizing columns before the first row is written (characters). */
  width?: number;
}

/**
 * One cell value. By column type:
 * - string: string; integer / number: number; boolean: boolean;
 * - timestamp: epoch milliseconds (UTC instant), rendered in the report's time zone by sinks;
 * - date: 'YYYY-MM-DD' (a calendar date in the report's time zone);
 * - null for an empty cell in any column.
 */
export type CellValue = string | number | boolean | null;
export type Row = readonly CellValue[];

export interface Report {
  /** Report kind, e.g. `job-history`; also the default tab / sheet / file name. */
  name: string;
  columns: readonly Column[];
  /** IANA time zone that timestamps and dates are rendered in. */
  timeZone: string;
  rows: AsyncIterable<Row>;
  /**
   * The number of rows `rows` will yield, when the transform can tell cheaply (a COUNT over the
   * archive). Optional; lets sinks size output and check limits (e.g. Google Sheets' 10M cells)
   * before writing anything.
   */
  rowCount?: number;
  /** Column index (or -1) whose value marks a row for conditional formatting (failed, flagged). */
  highlight?: { column: string; values: readonly string[] };
}

/** What an auditor needs to trust a written report: where it came from, when, which window. */
export interface Provenance {
  tool: string;
  toolVersion: string;
  generatedAt: string;
  /** `sandbox` data must be labelled plainly as such in every output. */
  dataSource: { kind: 'sandbox' | 'live'; description: string };
  accountsIncluded: readonly string[];
  accountsFailed: readonly { account: string; reason: string }[];
  window: { since: string; until: string; timeZone: string } | null;
  filters: Readonly<Record<string, string | readonly string[]>>;
  /** Last successful sync per account (ISO), or null when never synced. */
  lastSyncedAt: Readonly<Record<string, string | null>>;
}

/** Filled in by a sink while it writes a report, for the About sheet / .about.json. */
export interface ReportSummary {
  name: string;
  rowCount: number;
  /** SHA-256 (hex) over the report's rows as rendered canonically (see load/row-digest.ts). */
  sha256: string;
}
