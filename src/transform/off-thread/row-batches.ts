/**
 * Report rows packed for the trip from the report worker to the thread that writes them: each
 * batch is one buffer of V8-serialised rows (the structured clone format, so strings, numbers,
 * booleans and null come back exactly as they went), written and read one row at a time. Rows
 * therefore never sit in an array on either side, and a batch waiting in a queue is one
 * off-heap buffer rather than thousands of young objects for the garbage collector to copy.
 */
import { Deserializer, Serializer } from 'node:v8';

import type { Row } from '../report.js';

/** Collects rows into one batch; `take()` hands the batch over and starts the next. */
export class RowBatchWriter {
  private serializer: Serializer | undefined;
  private rows = 0;

  get count(): number {
    return this.rows;
  }

  add(row: Row): void {
    if (this.serializer === undefined) {
      this.serializer = new Serializer();
      this.serializer.writeHeader();
    }
    this.serializer.writeValue(row);
    this.rows += 1;
  }

  /** The batch so far as a buffer that can be transferred (it shares memory with nothing). */
  take(): { buffer: ArrayBuffer; count: number } {
    const bytes = this.serializer?.releaseBuffer() ?? Buffer.alloc(0);
    const count = this.rows;
    this.serializer = undefined;
    this.rows = 0;
    return { buffer: ownArrayBuffer(bytes), count };
  }
}

/** The rows of one batch, decoded as they are asked for. */
export function* readRowBatch(buffer: ArrayBuffer, count: number): Generator<Row> {
  if (count === 0) return;
  const deserializer = new Deserializer(new Uint8Array(buffer));
  deserializer.readHeader();
  for (let i = 0; i < count; i += 1) yield deserializer.readValue() as Row;
}

/** A buffer's bytes as an ArrayBuffer of their own: small Buffers may share a pooled one. */
function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) {
    return buffer;
  }
  return new Uint8Array(bytes).buffer;
}
