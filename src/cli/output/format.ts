/** Value formatting shared by the terminal outputs. */
import { DateTime } from 'luxon';

/** An API timestamp as `2026-12-03 10:04:05Z` (UTC), or '' for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = DateTime.fromISO(iso, { setZone: true });
  return time.isValid ? time.toUTC().toFormat("yyyy-MM-dd HH:mm:ss'Z'") : iso;
}

/** Seconds between two API timestamps, e.g. `3.2s`, `4m05s`, or '' when not finished. */
export function formatDuration(startIso: string, endIso: string | null | undefined): string {
  if (!endIso) return '';
  const ms = Date.parse(endIso) - Date.parse(startIso);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : String(value);
}
