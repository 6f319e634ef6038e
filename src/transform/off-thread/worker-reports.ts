/**
 * Reports built from the archive in a worker thread. The reports are ordinary Reports (their
 * rows an async iterable), so a sink cannot tell them from reports built in its own thread;
 * but the archive reads, the job merge and the transforms run on another core while the sink
 * renders and writes. Rows arrive in batches (row-batches.ts), at most PREFETCH_BATCHES ahead
 * of the reader per report, so memory does not depend on the number of rows.
 *
 * The worker lives until `close()`; call it when done (also when a report was not read).
 */
import { Worker } from 'node:worker_threads';

import { RecipeOpsError } from '../../shared/errors.js';
import { receivedError } from '../../shared/thread-errors.js';
import { READER_THREAD_LIMITS, workerScript } from '../../shared/worker-threads.js';
import type { ReportKind, ReportQuery } from '../report-query.js';
import type { Report, Row } from '../report.js';
import type { FromWorker, ReportDescription, ReportWorkerInput, ToWorker } from './messages.js';
import { readRowBatch } from './row-batches.js';

/** Which reports to build over which archive (everything here can cross threads). */
export interface ArchiveReports {
  /** A file: the worker opens its own connection to it (so not `:memory:`). */
  archivePath: string;
  kinds: readonly ReportKind[];
  query: ReportQuery;
}

export interface ReportSource {
  readonly reports: readonly Report[];
  /** Stops the worker (after letting it close the archive); rows not yet read then fail. */
  close(): Promise<void>;
}

export interface WorkerReportOptions {
  /** Rows per batch (default 250: ~40 KB of job-history rows). */
  batchRows?: number;
}

const DEFAULT_BATCH_ROWS = 250;
/**
 * Batches a report may have ready or on their way besides the one being read: enough that
 * neither thread waits for the other when one of them briefly slows down (a collection, an
 * account's first chunks), few enough to be a few hundred KB.
 */
const PREFETCH_BATCHES = 4;
const CLOSE_TIMEOUT_MS = 10_000;

interface Batch {
  buffer: ArrayBuffer;
  count: number;
  done: boolean;
}

/** One report's side of the conversation: batches that arrived, and who waits for the next. */
class RowQueue {
  readonly batches: Batch[] = [];
  failure: Error | undefined;
  waiter: (() => void) | undefined;

  wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

/** The reading thread's end of one report worker. */
class WorkerLink {
  private readonly queues: RowQueue[] = [];
  private fatal: Error | undefined;
  private exited = false;
  private readonly exit: Promise<void>;
  readonly described: Promise<ReportDescription[]>;

  constructor(private readonly worker: Worker) {
    let describe: ((reports: ReportDescription[]) => void) | undefined;
    let fail: ((error: Error) => void) | undefined;
    this.described = new Promise((resolve, reject) => {
      describe = resolve;
      fail = reject;
    });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'reports') {
        for (let i = 0; i < message.reports.length; i += 1) this.queues.push(new RowQueue());
        describe?.(message.reports);
      } else if (message.type === 'rows') {
        const queue = this.queues[message.report];
        queue?.batches.push({ buffer: message.buffer, count: message.count, done: message.done });
        queue?.wake();
      } else if (message.type === 'failed') {
        const error = receivedError(message.error);
        if (message.report < 0) fail?.(error);
        const queue = this.queues[message.report];
        if (queue !== undefined) {
          queue.failure = error;
          queue.wake();
        }
      }
    });
    worker.on('error', (error) => this.lost(`the report worker failed: ${error.message}`, error));
    this.exit = new Promise((resolve) => {
      worker.once('exit', (code) => {
        this.exited = true;
        this.lost(`the report worker stopped unexpectedly (exit code ${code})`);
        resolve();
      });
    });
    // Until the reports are described, a lost worker fails the whole source.
    this.exit.then(
      () => fail?.(this.fatal ?? new Error('report worker exited')),
      () => undefined,
    );
  }

  /** The worker died or was closed: every reader still waiting gets a clear error. */
  private lost(message: string, cause?: Error): void {
    this.fatal ??= new RecipeOpsError(message, { cause });
    for (const queue of this.queues) queue.wake();
  }

  private send(message: ToWorker, transfer?: ArrayBuffer[]): void {
    if (!this.exited) this.worker.postMessage(message, transfer);
  }

  /** The rows of report `index`, read as the consumer asks for them; iterable once. */
  rows(index: number): AsyncIterableIterator<Row> {
    return new RowStream(this, index, this.queues[index] as RowQueue);
  }

  /** Asks for report `index`'s next batch, handing back the buffer of one read (see ToWorker). */
  pull(index: number, spent?: ArrayBuffer): void {
    this.send({ type: 'pull', report: index, spent }, spent === undefined ? [] : [spent]);
  }

  /** The consumer stopped early: the worker releases the report's stream. */
  stop(index: number): void {
    this.send({ type: 'stop', report: index });
  }

  async nextBatch(queue: RowQueue): Promise<Batch> {
    for (;;) {
      const batch = queue.batches.shift();
      if (batch !== undefined) return batch;
      if (queue.failure !== undefined) throw queue.failure;
      if (this.fatal !== undefined) throw this.fatal;
      await new Promise<void>((resolve) => (queue.waiter = resolve));
    }
  }

  async close(): Promise<void> {
    if (this.exited) return;
    this.lost('the report source was closed before all its rows were read');
    this.send({ type: 'close' });
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
    await this.exit;
    clearTimeout(timer);
  }
}

/**
 * One report's rows as the reader asks for them, decoded one at a time from the batch at hand,
 * with the next batches asked for ahead. Written as an iterator rather than an async generator:
 * one promise per row instead of several, in the thread that is busy writing.
 */
class RowStream implements AsyncIterableIterator<Row> {
  private batch: Batch | undefined;
  private rows: Generator<Row> | undefined;
  private started = false;
  private finished = false;

  constructor(
    private readonly link: WorkerLink,
    private readonly index: number,
    private readonly queue: RowQueue,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<Row> {
    return this;
  }

  async next(): Promise<IteratorResult<Row, undefined>> {
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < PREFETCH_BATCHES; i += 1) this.link.pull(this.index);
    }
    for (;;) {
      if (this.finished) return { done: true, value: undefined };
      const row = this.rows?.next();
      if (row !== undefined && row.done !== true) return row;
      const read = this.batch;
      this.rows = undefined;
      this.batch = undefined;
      if (read?.done === true) {
        this.finished = true;
        continue;
      }
      // The batch is read: ask for the one after the prefetched ones, handing this one back.
      if (read !== undefined) this.link.pull(this.index, read.buffer);
      try {
        this.batch = await this.link.nextBatch(this.queue);
      } catch (error) {
        this.finished = true;
        throw error;
      }
      this.rows = readRowBatch(this.batch.buffer, this.batch.count);
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async return(): Promise<IteratorResult<Row, undefined>> {
    if (this.started && !this.finished) this.link.stop(this.index);
    this.finished = true;
    return { done: true, value: undefined };
  }
}

/**
 * Builds the reports in a worker thread (buildReports runs there, on its own connection to the
 * archive) and returns them with their rows streamed from the worker. The worker's heap is
 * bounded (READER_THREAD_LIMITS).
 */
export async function buildReportsInWorker(
  spec: ArchiveReports,
  options: WorkerReportOptions = {},
): Promise<ReportSource> {
  const input: ReportWorkerInput = {
    ...spec,
    batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS,
  };
  const worker = new Worker(workerScript('./report-worker.js', import.meta.url), {
    workerData: input,
    resourceLimits: READER_THREAD_LIMITS,
  });
  const link = new WorkerLink(worker);
  let descriptions: ReportDescription[];
  try {
    descriptions = await link.described;
  } catch (error) {
    await link.close();
    throw error;
  }
  const reports = descriptions.map((description, index) => ({
    ...description,
    rows: link.rows(index),
  }));
  return { reports, close: () => link.close() };
}
