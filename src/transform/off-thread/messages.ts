/**
 * What the report worker and the thread that reads its reports say to each other. The worker
 * builds the reports, sends their descriptions, then sends a report's rows one batch per
 * `pull`, so no more than a couple of batches per report are ever in flight.
 */
import type { SentError } from '../../shared/thread-errors.js';
import type { ReportKind, ReportQuery } from '../report-query.js';
import type { Column } from '../report.js';

/** What the worker is started with (`workerData`). */
export interface ReportWorkerInput {
  archivePath: string;
  kinds: readonly ReportKind[];
  query: ReportQuery;
  /** Rows per batch. */
  batchRows: number;
}

/** A report without its rows: everything of a Report that can cross threads. */
export interface ReportDescription {
  name: string;
  columns: readonly Column[];
  timeZone: string;
  rowCount?: number;
  highlight?: { column: string; values: readonly string[] };
}

export type ToWorker =
  /**
   * Send the next batch of rows of report `report`. `spent` is the buffer of a batch that has
   * been read, handed back (transferred) so that its memory is freed with the worker's next
   * young-generation collection rather than whenever the reading thread next collects its old
   * generation, which a busy sink may put off long enough for dozens of batches to pile up.
   */
  | { type: 'pull'; report: number; spent?: ArrayBuffer }
  /** The reader stopped early: end report `report` (its archive cursor is released). */
  | { type: 'stop'; report: number }
  /** Close the archive and exit. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'reports'; reports: ReportDescription[] }
  | { type: 'rows'; report: number; buffer: ArrayBuffer; count: number; done: boolean }
  /** Building the reports (report -1) or reading report `report` failed. */
  | { type: 'failed'; report: number; error: SentError }
  | { type: 'closed' };
