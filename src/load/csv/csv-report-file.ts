/**
 * Streams one report into one CSV file. Rows are rendered cell by cell, made into record text
 * (csv-lines.ts: RFC 4180 quoting by csv-stringify where a field needs it), gathered for a
 * batch of rows (500 by default) and written with drain-aware backpressure: memory stays flat
 * however many rows there are, and there is one write per batch instead of one per record
 * (csv-stringify's own stream path pushes every record through the stream machinery, ~3×
 * slower).
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

import type { Report, ReportSummary } from '../../transform/report.js';
import { RowDigest } from '../row-digest.js';
import { ZoneFormatter } from '../time-format.js';
import { csvRowRenderer } from './csv-cells.js';
import { csvLineWriter } from './csv-lines.js';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvFormat {
  delimiter: CsvDelimiter;
  /** UTF-8 byte order mark first, so Excel reads the file as UTF-8. */
  bom: boolean;
  /** RFC 4180 says CRLF; `lf` for tools that want Unix lines. */
  lineEnding: 'crlf' | 'lf';
  /** Rows per file write. */
  batchRows: number;
}

export const DEFAULT_CSV_FORMAT: CsvFormat = {
  delimiter: ',',
  bom: true,
  lineEnding: 'crlf',
  batchRows: 500,
};

async function writeChunk(stream: WriteStream, text: string): Promise<void> {
  // A destroyed stream never emits 'drain': fail instead of waiting for it.
  if (stream.destroyed) throw new Error(`CSV output closed: ${String(stream.path)}`);
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Writes `report` to `path` (a new file) and returns its row count and digest. */
export async function writeCsvReportFile(
  report: Report,
  path: string,
  format: CsvFormat,
): Promise<ReportSummary> {
  const render = csvRowRenderer(report.columns, new ZoneFormatter(report.timeZone));
  const line = csvLineWriter(format);
  const digest = new RowDigest();
  const stream = createWriteStream(path, { flags: 'wx', highWaterMark: 256 * 1024 });
  // An error event while no write is pending must not go unhandled: remember it and rethrow.
  let streamError: Error | undefined;
  stream.on('error', (error: Error) => {
    streamError ??= error;
  });
  try {
    const header = line(report.columns.map((column) => column.name));
    await writeChunk(stream, (format.bom ? '\ufeff' : '') + header);
    let text = '';
    let rows = 0;
    for await (const row of report.rows) {
      digest.add(row);
      text += line(render(row));
      rows += 1;
      if (rows >= format.batchRows) {
        await writeChunk(stream, text);
        text = '';
        rows = 0;
      }
    }
    if (rows > 0) await writeChunk(stream, text);
    stream.end();
    await finished(stream);
    if (streamError !== undefined) throw streamError;
  } catch (error) {
    // Decide what to report before destroying: a write still pending then fails with
    // ERR_STREAM_DESTROYED, which is a consequence, not the cause.
    const failure = streamError ?? error;
    stream.destroy();
    await finished(stream).catch(() => undefined);
    throw failure;
  }
  return { name: report.name, rowCount: digest.count, sha256: digest.hex() };
}
