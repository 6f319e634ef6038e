/**
 * Report windows: half-open `[since, until)` instants (epoch ms, UTC) read in a named IANA time
 * zone. A bare date (`2026-11-01`) is local midnight in that zone, so a DST day is 23 or 25 hours
 * long; a local date-time without an offset (`2026-11-01T06:30`) is wall-clock time in the zone;
 * an instant with `Z` or an offset is taken as written. Relative windows (report specs) are
 * resolved against a given `now`: `Nd` is the N whole local days before today, `Nh` the N hours
 * before now, `month-to-date` the current local month up to now, `previous-month` the last whole
 * local month.
 */
import { DateTime, IANAZone } from 'luxon';

import { ConfigError } from '../shared/errors.js';

export interface ReportWindow {
  /** Inclusive start, epoch ms. */
  since: number;
  /** Exclusive end, epoch ms. */
  until: number;
  timeZone: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const RELATIVE = /^(\d{1,4})([dh])$/;

/** A valid IANA zone name (or UTC), else a ConfigError naming the flag. */
export function resolveZone(value: string | undefined, flag = '--tz'): string {
  if (value === undefined || value === '') return 'UTC';
  if (value === 'UTC' || value === 'Etc/UTC') return value;
  if (!IANAZone.isValidZone(value)) {
    throw new ConfigError(`${flag}: '${value}' is not an IANA time zone`, {
      hint: 'use a name such as UTC, Europe/Berlin or America/New_York',
    });
  }
  // Canonical spelling (`europe/berlin` → `Europe/Berlin`) so that outputs name it one way.
  return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
}

/** One bound: a date (local midnight), a local date-time, or an instant with an offset. */
export function parseInstant(value: string, timeZone: string, flag: string): number {
  const text = value.trim();
  let parsed: DateTime | null = null;
  if (DATE_ONLY.test(text) || LOCAL_DATE_TIME.test(text)) {
    parsed = DateTime.fromISO(text, { zone: timeZone });
  } else if (INSTANT.test(text)) {
    parsed = DateTime.fromISO(text, { setZone: true });
  }
  if (parsed === null || !parsed.isValid) {
    throw new ConfigError(`${flag}: '${value}' is not a valid date or instant`, {
      hint: 'expected YYYY-MM-DD (midnight in the report time zone) or an ISO 8601 instant',
    });
  }
  return parsed.toMillis();
}

/** An explicit window from `--since` / `--until`; since must be before until. */
export function parseWindow(
  since: string,
  until: string,
  timeZone: string,
  names: { since: string; until: string } = { since: '--since', until: '--until' },
): ReportWindow {
  const start = parseInstant(since, timeZone, names.since);
  const end = parseInstant(until, timeZone, names.until);
  if (start >= end) {
    throw new ConfigError(`${names.until}: '${until}' is not after ${names.since} '${since}'`, {
      hint: 'the window is [since, until): until must be later than since',
    });
  }
  return { since: start, until: end, timeZone };
}

/** A window relative to `now` in the zone, for report specs (`1d`, `7d`, `month-to-date`). */
export function relativeWindow(
  last: string,
  now: number,
  timeZone: string,
  field = 'window.last',
): ReportWindow {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  const today = local.startOf('day');
  if (last === 'month-to-date') {
    const start = local.startOf('month').toMillis();
    return { since: start, until: Math.max(now, start + 1), timeZone };
  }
  if (last === 'previous-month') {
    const thisMonth = local.startOf('month');
    return {
      since: thisMonth.minus({ months: 1 }).toMillis(),
      until: thisMonth.toMillis(),
      timeZone,
    };
  }
  const match = RELATIVE.exec(last);
  const count = match ? Number(match[1]) : 0;
  if (!match || count < 1) {
    throw new ConfigError(`${field}: '${last}' is not a relative window`, {
      hint:
        "expected Nd (whole days before today), Nh (hours before now), 'month-to-date' or " +
        "'previous-month'",
    });
  }
  if (match[2] === 'h') return { since: now - count * 3_600_000, until: now, timeZone };
  return { since: today.minus({ days: count }).toMillis(), until: today.toMillis(), timeZone };
}

/** The window's bounds as ISO text in its zone (for provenance and messages). */
export function windowText(window: ReportWindow): { since: string; until: string } {
  const iso = (ms: number): string =>
    DateTime.fromMillis(ms, { zone: window.timeZone }).toISO({ suppressMilliseconds: true }) ?? '';
  return { since: iso(window.since), until: iso(window.until) };
}

/**
 * The local calendar days the window touches, each clipped to the window: `[start, end)` in ms
 * with its `YYYY-MM-DD` date. A DST day is 23 or 25 hours long.
 */
export function windowDays(window: ReportWindow): { date: string; start: number; end: number }[] {
  const days: { date: string; start: number; end: number }[] = [];
  let day = DateTime.fromMillis(window.since, { zone: window.timeZone }).startOf('day');
  while (day.toMillis() < window.until) {
    const next = day.plus({ days: 1 }).startOf('day');
    days.push({
      date: day.toISODate() ?? '',
      start: Math.max(day.toMillis(), window.since),
      end: Math.min(next.toMillis(), window.until),
    });
    day = next;
  }
  return days;
}
