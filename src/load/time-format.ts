/**
 * Rendering instants (epoch ms, UTC) in a report's time zone, fast enough for millions of rows:
 * the zone's offset is looked up with luxon once per 15-minute slot (every real offset
 * transition falls on a 15-minute boundary) and cached.
 */
import { DateTime, IANAZone } from 'luxon';

const SLOT_MS = 15 * 60 * 1000;
const DAY_MS = 86_400_000;
/** Excel/Sheets serial day 0 is 1899-12-30; the Unix epoch is serial 25569. */
const EPOCH_SERIAL = 25_569;

export class ZoneFormatter {
  readonly zone: string;
  private readonly offsets = new Map<number, number>();
  private readonly utc: boolean;

  constructor(zone: string) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
    this.zone = zone;
    this.utc = zone === 'UTC' || zone === 'Etc/UTC';
  }

  /** Offset from UTC in minutes at the instant. */
  offsetMinutes(ms: number): number {
    if (this.utc) return 0;
    const slot = Math.floor(ms / SLOT_MS);
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      offset = DateTime.fromMillis(slot * SLOT_MS, { zone: this.zone }).offset;
      this.offsets.set(slot, offset);
    }
    return offset;
  }

  /** ISO 8601 with milliseconds and the zone's offset, e.g. `2026-03-29T03:00:00.000+02:00`. */
  iso(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const local = new Date(ms + offset * 60_000).toISOString(); // "...Z" in local wall time
    if (offset === 0 && this.utc) return local;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${local.slice(0, -1)}${sign}${hh}:${mm}`;
  }

  /** Calendar date in the zone, `YYYY-MM-DD`. */
  date(ms: number): string {
    return new Date(ms + this.offsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
  }

  /** Spreadsheet serial number of the local wall-clock time (days since 1899-12-30). */
  serial(ms: number): number {
    return (ms + this.offsetMinutes(ms) * 60_000) / DAY_MS + EPOCH_SERIAL;
  }

  /** A JS Date whose UTC fields are the local wall-clock time (what exceljs writes as-is). */
  wallClockDate(ms: number): Date {
    return new Date(ms + this.offsetMinutes(ms) * 60_000);
  }
}

/** Serial number of a `YYYY-MM-DD` date (no time zone involved). */
export function dateSerial(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS + EPOCH_SERIAL;
}
