/**
 * The two places where the XLSX sink reaches into exceljs 4.4.0 internals, kept here so that an
 * exceljs upgrade has one file to re-check (package.json pins exceljs to exactly 4.4.0).
 *
 * Backpressure: exceljs's streaming writer has none (exceljs/exceljs#734; a fix is deferred to
 * v5, PR #2558). `row.commit()` serialises the row into the sheet's StreamBuf, whose `write`
 * never says "stop", so a fast producer piles the whole sheet up in memory (~0.6 MB per 1,000
 * rows). The StreamBuf pipes into archiver's entry stream (`stream.pipes[0]`, a readable-stream
 * v2 PassThrough), which does track its buffer: when it reports `needDrain` we wait for its
 * `drain`. bench/sinks.mjs checks that peak RSS stays flat from 100k to 1M rows.
 *
 * Style lookups: with `useStyles`, exceljs asks its style manager for the id of every cell's
 * and every row's style. The manager caches ids per style *object* (a WeakMap), but each new
 * cell gets a fresh merged style object, so every lookup missed and serialised the style to XML
 * to find its id: that is most of the 2.2–2.5× that useStyles costs. `fastStyleLookups` answers
 * the common cases without that: no style at all (id 0, what the manager returns for them) and a
 * number format alone (cached per format and cell type). Anything else goes to exceljs.
 */

import { createRequire } from 'node:module';

import type ExcelJS from 'exceljs';

import type { Logger } from '../../shared/logger.js';

const require = createRequire(import.meta.url);
export const EXCELJS_VERSION = (require('exceljs/package.json') as { version: string }).version;
export const EXCELJS_PINNED = '4.4.0';

type WorkbookWriterClass = typeof ExcelJS.stream.xlsx.WorkbookWriter;
const DATE_TYPE = (require('exceljs/lib/doc/enums.js') as { ValueType: { Date: number } }).ValueType
  .Date;

/**
 * The streaming writer alone: `require('exceljs')` also loads the reader, CSV support, jszip
 * and unzipper, ~11 MB more resident memory for nothing the sink uses.
 */
export const WorkbookWriter: WorkbookWriterClass =
  EXCELJS_VERSION === EXCELJS_PINNED
    ? (require('exceljs/lib/stream/xlsx/workbook-writer.js') as WorkbookWriterClass)
    : (require('exceljs') as typeof ExcelJS).stream.xlsx.WorkbookWriter;

interface EntryStream {
  _writableState?: { needDrain?: boolean };
  once(event: string, listener: () => void): unknown;
}
interface SheetStreamBuf {
  pipes?: EntryStream[];
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Returns a function to await every few rows: it waits for the zip entry stream behind the
 * sheet to drain, or, before archiver has started on the sheet (no pipe yet) or with an exceljs
 * whose internals differ, yields to the event loop so that archiver and zlib can catch up.
 */
export function sheetBackpressure(
  worksheet: unknown,
  failed: Promise<never>,
  logger?: Logger,
): () => Promise<void> {
  const sheet = worksheet as { stream?: SheetStreamBuf };
  if (EXCELJS_VERSION !== EXCELJS_PINNED || sheet.stream === undefined) {
    logger?.warn(
      { exceljs: EXCELJS_VERSION, pinned: EXCELJS_PINNED },
      'exceljs internals differ from the pinned version: yielding instead of awaiting drain',
    );
    return yieldToEventLoop;
  }
  const buffer = sheet.stream;
  return async () => {
    const entry = buffer.pipes?.[0];
    if (entry === undefined) {
      await yieldToEventLoop();
      return;
    }
    if (entry._writableState?.needDrain === true) {
      // `failed` rejects when the zip or the file fails: then no drain will ever come.
      await Promise.race([new Promise<void>((resolve) => entry.once('drain', resolve)), failed]);
    }
  };
}

/** Exported for the tests and the benchmark: whether the drain hook will be used. */
export function drainHookAvailable(): boolean {
  return EXCELJS_VERSION === EXCELJS_PINNED;
}

interface StyleModel {
  numFmt?: unknown;
  font?: unknown;
  alignment?: unknown;
  border?: unknown;
  fill?: unknown;
  protection?: unknown;
}
type AddStyleModel = (model: StyleModel | undefined, cellType?: number) => number;

/** Installs the fast style-id lookup on a WorkbookWriter made with `useStyles: true`. */
export function fastStyleLookups(workbook: object): boolean {
  const styles = (workbook as { styles?: { addStyleModel?: AddStyleModel } }).styles;
  const original = styles?.addStyleModel;
  if (EXCELJS_VERSION !== EXCELJS_PINNED || !styles || typeof original !== 'function') return false;
  const byFormat = new Map<string, number>();
  styles.addStyleModel = (model, cellType) => {
    if (
      model === undefined ||
      (model.font === undefined &&
        model.alignment === undefined &&
        model.border === undefined &&
        model.fill === undefined &&
        model.protection === undefined)
    ) {
      const numFmt = model?.numFmt;
      if (typeof numFmt === 'string') {
        const key = `${cellType ?? ''}\u0000${numFmt}`;
        let id = byFormat.get(key);
        if (id === undefined) {
          id = original.call(styles, { numFmt }, cellType);
          byFormat.set(key, id);
        }
        return id;
      }
      // exceljs gives a date cell without a format its default date style; keep that.
      if (numFmt === undefined && cellType !== DATE_TYPE) return 0;
    }
    return original.call(styles, model, cellType);
  };
  return true;
}
