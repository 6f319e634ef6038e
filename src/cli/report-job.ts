/**
 * One report run as the `report` command's flags or a report spec (reports/*.yaml) describe it.
 * Both are turned into this shape, checked, and handed to report-runner.ts.
 */
import type { JobStatus } from '../extract/workato/schemas.js';
import type { SheetsWriteMode } from '../load/sheets/options.js';
import type { ReportKind } from '../transform/report-query.js';

export type ReportFormat = 'csv' | 'xlsx' | 'sheets';

/** `explicit`: --since / --until text; `relative`: a spec's `last` (1d, 7d, month-to-date). */
export type WindowSpec =
  { kind: 'explicit'; since: string; until: string } | { kind: 'relative'; last: string };

export interface ReportJob {
  /** Where the job came from, for messages: `report` or the spec's path. */
  origin: string;
  kinds: ReportKind[];
  window: WindowSpec | null;
  /** IANA zone name as given (checked when the job runs); undefined: UTC. */
  timeZone?: string;
  accounts?: string[];
  recipeIds?: number[];
  folderIds?: number[];
  statuses?: JobStatus[];
  lowRemainingShare?: number;
  format: ReportFormat;
  /** File or folder for csv / xlsx. */
  out?: string;
  delimiter?: ',' | ';' | 'tab';
  /** Sheets: id, URL or `new`. */
  spreadsheet?: string;
  sheetsMode?: SheetsWriteMode;
  sheetsTitle?: string;
  shareWith?: string[];
  /** Sheets: over the 10M-cell limit, refuse (default) or continue in a new spreadsheet. */
  onCellLimit?: 'fail' | 'rollover';
  db?: string;
  accountsFile?: string;
  offline: boolean;
}
