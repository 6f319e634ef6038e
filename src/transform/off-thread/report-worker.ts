/**
 * The report worker: opens the archive on its own connection, builds the asked reports and
 * streams each report's rows to the thread that writes them, one batch per `pull` (see
 * worker-reports.ts, which starts it). Reading and transforming the archive here lets the
 * writing thread render and write at the same time on another core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

import { sendableError } from '../../shared/thread-errors.js';
import { openArchive } from '../../store/sqlite/sqlite-archive.js';
import type { SqliteArchive } from '../../store/sqlite/sqlite-archive.js';
import { buildReports } from '../build-reports.js';
import type { Report, Row } from '../report.js';
import type { FromWorker, ReportDescription, ReportWorkerInput, ToWorker } from './messages.js';
import { RowBatchWriter } from './row-batches.js';

/**
 * SQLite page cache of the worker's connection (KiB). It only streams: the job merge reads each
 * recipe's keyset chunk once, so cached pages are hardly ever read again, and better-sqlite3's
 * default (16 MB per connection) would be resident memory for nothing. Enough for the index
 * pages that every chunk's seek walks through.
 */
export const READER_PAGE_CACHE_KIB = 2048;

type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

/** One report's rows: a batch is read from its stream each time the reader pulls one. */
class RowPump {
  private credits = 0;
  private running: Promise<void> | undefined;
  private finished = false;
  private stopped = false;
  private iterator: AsyncIterator<Row> | undefined;

  constructor(
    private readonly index: number,
    private readonly rows: AsyncIterable<Row>,
    private readonly batchRows: number,
    private readonly post: Post,
  ) {}

  pull(): void {
    if (this.finished) return;
    this.credits += 1;
    this.running ??= this.pump().finally(() => (this.running = undefined));
  }

  /** Ends the report's stream early (the reader stopped) and waits for a batch in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.finished = true;
    await this.running;
    await this.release();
  }

  private async pump(): Promise<void> {
    this.iterator ??= this.rows[Symbol.asyncIterator]();
    try {
      while (this.credits > 0 && !this.finished) {
        this.credits -= 1;
        const batch = new RowBatchWriter();
        let done = false;
        while (batch.count < this.batchRows) {
          const next = await this.iterator.next();
          if (next.done === true) {
            done = true;
            break;
          }
          batch.add(next.value);
        }
        if (this.stopped) return;
        this.finished = done;
        const { buffer, count } = batch.take();
        this.post({ type: 'rows', report: this.index, buffer, count, done }, [buffer]);
      }
    } catch (error) {
      this.finished = true;
      this.post({ type: 'failed', report: this.index, error: sendableError(error) });
    }
  }

  /** Lets a stream that was stopped early release what it holds (its archive cursor). */
  private async release(): Promise<void> {
    const iterator = this.iterator;
    this.iterator = undefined;
    await iterator?.return?.();
  }
}

function describe(report: Report): ReportDescription {
  const { name, columns, timeZone, rowCount, highlight } = report;
  return {
    name,
    columns,
    timeZone,
    ...(rowCount === undefined ? {} : { rowCount }),
    ...(highlight === undefined ? {} : { highlight }),
  };
}

async function serve(port: MessagePort, input: ReportWorkerInput): Promise<void> {
  const post: Post = (message, transfer) => port.postMessage(message, transfer);
  let archive: SqliteArchive | undefined;
  let pumps: RowPump[] = [];
  let closing: (() => void) | undefined;
  const closed = new Promise<void>((resolve) => (closing = resolve));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'pull') pumps[message.report]?.pull();
    else if (message.type === 'stop') void pumps[message.report]?.stop();
    else closing?.();
  });
  try {
    archive = openArchive(input.archivePath, { pageCacheKiB: READER_PAGE_CACHE_KIB });
    const reports = await buildReports(archive, input.kinds, input.query);
    pumps = reports.map((r, i) => new RowPump(i, r.rows, input.batchRows, post));
    post({ type: 'reports', reports: reports.map(describe) });
  } catch (error) {
    post({ type: 'failed', report: -1, error: sendableError(error) });
  }
  await closed;
  await Promise.all(pumps.map((pump) => pump.stop()));
  await archive?.close();
  post({ type: 'closed' });
  port.close();
}

if (parentPort !== null) await serve(parentPort, workerData as ReportWorkerInput);
