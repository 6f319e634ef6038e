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
/** Instants whose local time falls in years 0000–9999 use the fast path of `iso`. */
const FAST_MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
const FAST_MAX_MS = 253_402_300_800_000; // 10000-01-01T00:00:00Z
const PAD2 = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

function offsetSuffix(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${PAD2[Math.floor(abs / 60)] ?? ''}:${PAD2[abs % 60] ?? ''}`;
}

export class ZoneFormatter {
  readonly zone: string;
  private readonly offsets = new Map<number, number>();
  private readonly utc: boolean;
  // One-entry caches: report rows are mostly in time order, so consecutive cells share a slot
  // and a local day.
  private lastSlot = Number.NaN;
  private lastOffset = 0;
  private dayKey = Number.NaN;
  private dayPrefix = '';
  private suffixFor = Number.NaN;
  private suffix = '';

  constructor(zone: string) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
    this.zone = zone;
    this.utc = zone === 'UTC' || zone === 'Etc/UTC';
  }

  /** Offset from UTC in minutes at the instant. */
  offsetMinutes(ms: number): number {
    if (this.utc) return 0;
    const slot = Math.floor(ms / SLOT_MS);
    if (slot === this.lastSlot) return this.lastOffset;
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      offset = DateTime.fromMillis(slot * SLOT_MS, { zone: this.zone }).offset;
      this.offsets.set(slot, offset);
    }
    this.lastSlot = slot;
    this.lastOffset = offset;
    return offset;
  }

  /** ISO 8601 with milliseconds and the zone's offset, e.g. `2026-03-29T03:00:00.000+02:00`. */
  iso(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const localMs = ms + offset * 60_000;
    if (offset !== this.suffixFor) {
      this.suffixFor = offset;
      this.suffix = offset === 0 && this.utc ? 'Z' : offsetSuffix(offset);
    }
    if (!(localMs >= FAST_MIN_MS && localMs < FAST_MAX_MS) || !Number.isInteger(localMs)) {
      return new Date(localMs).toISOString().slice(0, -1) + this.suffix;
    }
    // Date#toISOString costs ~1 µs; building the time of day from cached pieces is several
    // times cheaper, which matters at millions of cells.
    const day = Math.floor(localMs / DAY_MS);
    if (day !== this.dayKey) {
      this.dayKey = day;
      this.dayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = localMs - day * DAY_MS;
    const millis = rest % 1000;
    rest = (rest - millis) / 1000;
    const seconds = rest % 60;
    rest = (rest - seconds) / 60;
    const minutes = rest % 60;
    const hours = (rest - minutes) / 60;
    return (
      this.dayPrefix +
      (PAD2[hours] ?? '') +
      ':' +
      (PAD2[minutes] ?? '') +
      ':' +
      (PAD2[seconds] ?? '') +
      '.' +
      (PAD3[millis] ?? '') +
      this.suffix
    );
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
