/**
 * Cuts a stream of encoded rows into values.batchUpdate bodies under a byte budget. Each row's
 * JSON size is measured as it is added, so a chunk is closed before it would pass the budget
 * (Google recommends payloads of at most ~2 MB) and holds as many rows as fit: each write
 * request, one unit of the 60-a-minute quota, carries as much as it can.
 */
import type { SheetsValue } from './cells.js';

/** JSON around the rows: {"valueInputOption":"RAW","data":[{"range":"…","values":[…]}]}. */
const ENVELOPE_BYTES = 96;

export class ChunkBuilder {
  rows: SheetsValue[][] = [];
  bytes: number;
  private readonly base: number;

  constructor(
    private readonly maxBytes: number,
    /** Bytes of the range string and anything else sent with every chunk. */
    extraBytes = 0,
  ) {
    this.base = ENVELOPE_BYTES + extraBytes;
    this.bytes = this.base;
  }

  /** Size of a row in the body: its JSON plus the separating comma. */
  static measure(row: readonly SheetsValue[]): number {
    return Buffer.byteLength(JSON.stringify(row)) + 1;
  }

  /** True when a row of `size` bytes still fits (an empty chunk always takes one row). */
  fits(size: number): boolean {
    return this.rows.length === 0 || this.bytes + size <= this.maxBytes;
  }

  add(row: SheetsValue[], size: number): void {
    this.rows.push(row);
    this.bytes += size;
  }

  /** Hands the rows over and starts an empty chunk. */
  take(): { rows: SheetsValue[][]; bytes: number } {
    const taken = { rows: this.rows, bytes: this.bytes };
    this.rows = [];
    this.bytes = this.base;
    return taken;
  }

  get length(): number {
    return this.rows.length;
  }
}
