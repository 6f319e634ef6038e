/**
 * Options of the Google Sheets sink, independent of yargs so that the `report` command and
 * report specs can both fill them, and how a `--spreadsheet ID|URL|new` value is read.
 */
import { ConfigError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export type SheetsWriteMode = 'replace' | 'append';

export interface SheetsWriteOptions {
  /** Spreadsheet id, its URL, or `new` to create one (see `title`). */
  spreadsheet: string;
  /** `replace` (default): rewrite each report's tab atomically. `append`: add new rows only. */
  mode?: SheetsWriteMode;
  /** Title of a new spreadsheet; `{date}` and `{report}` are filled in. */
  title?: string;
  /** E-mails given reader access to a spreadsheet this run creates (Drive permissions). */
  shareWith?: readonly string[];
  /** Send Google's notification e-mail to those readers (default false). */
  notifyReaders?: boolean;
  /**
   * When a report does not fit in the 10M-cell limit: `fail` (default) refuses before any
   * write; `rollover` continues in new spreadsheets (same title + " (part N)").
   */
  onCellLimit?: 'fail' | 'rollover';
  /** Append mode: the column whose value identifies a row (default `job_id`). */
  keyColumn?: string;
  /** Write requests per minute for the whole run (Google: 60 per user). */
  writesPerMinute?: number;
  /** Read requests per minute for the whole run (Google: 60 per user). */
  readsPerMinute?: number;
  /** Largest values.batchUpdate body in bytes (Google recommends at most ~2 MB). */
  maxRequestBytes?: number;
  /** Attempts per request for 429 / 5xx / network failures (first included). */
  maxAttempts?: number;
  /** Environment to read credentials and endpoints from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where progress, retries and failures are logged (default: nowhere). */
  logger?: Logger;
  /** Clock and sleep, injectable so tests need not wait on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const DEFAULT_TITLE = 'recipe-ops {report} {date}';
export const DEFAULT_KEY_COLUMN = 'job_id';
export const DEFAULT_WRITES_PER_MINUTE = 60;
export const DEFAULT_READS_PER_MINUTE = 60;
/** Google recommends payloads of at most 2 MB; stay a little under it. */
export const DEFAULT_MAX_REQUEST_BYTES = 2_000_000;
/** 7 attempts: backoff 1, 2, 4 … 32 s (half jittered) outlasts Google's one-minute quota window. */
export const DEFAULT_MAX_ATTEMPTS = 7;

export type SpreadsheetTarget = { kind: 'new' } | { kind: 'existing'; spreadsheetId: string };

const URL_ID = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/;
const BARE_ID = /^[A-Za-z0-9_-]{10,}$/;

/** Reads `new`, a spreadsheet id, or a docs.google.com spreadsheet URL. */
export function parseSpreadsheetTarget(value: string): SpreadsheetTarget {
  const text = value.trim();
  if (text.toLowerCase() === 'new') return { kind: 'new' };
  const fromUrl = URL_ID.exec(text);
  if (fromUrl?.[1]) return { kind: 'existing', spreadsheetId: fromUrl[1] };
  if (BARE_ID.test(text)) return { kind: 'existing', spreadsheetId: text };
  throw new ConfigError(`--spreadsheet: not a spreadsheet id, URL or "new": ${text}`, {
    hint: 'pass the id from https://docs.google.com/spreadsheets/d/<id>/edit, the URL, or new',
  });
}

/** Fills a title template: `{date}` (YYYY-MM-DD of `generatedAt`) and `{report}` (names). */
export function renderTitle(template: string, generatedAt: string, reports: string[]): string {
  return template
    .replaceAll('{date}', generatedAt.slice(0, 10))
    .replaceAll('{report}', reports.join(', '));
}

export function spreadsheetUrl(spreadsheetId: string): string {
  return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
}
