import { describe, expect, it } from 'vitest';

import { parseIsoTimestamp } from '../../src/shared/iso-timestamp.js';

const SAMPLES = [
  '2026-11-30T12:00:00Z',
  '2026-11-30T12:00:00.000Z',
  '2026-11-30T12:00:00.5Z',
  '2026-11-30T12:00:00.12Z',
  '2026-11-30T12:00:00.123456Z',
  '2026-11-30T12:00:00.9999Z',
  '2026-11-30T04:00:00.123-08:00',
  '2026-11-30T17:30:00+05:30',
  '2026-11-30T17:30:00+0530',
  '2026-03-29T01:59:59.999+01:00',
  '1999-12-31T23:59:59-23:59',
  '2024-02-29T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-04-31T10:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-13-01T10:00:00Z',
  '2026-00-01T10:00:00Z',
  '2026-01-00T10:00:00Z',
  '2026-01-01T10:00:00',
  '2026-01-01T10:00:00.Z',
  '2026-01-01T10:00:00ZZ',
  '2026-01-01T10:00:00+05:3',
  '2026-01-01T10:00:00+24:00',
  '2026-01-01 10:00:00Z',
  '2026-1-01T10:00:00Z',
  'not a timestamp at all',
  '',
];

describe('parseIsoTimestamp', () => {
  it.each(SAMPLES)('reads %j as Date.parse does', (text) => {
    expect(parseIsoTimestamp(text)).toBe(Date.parse(text));
  });

  it('agrees with Date.parse over a year of instants in several offsets', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let at = start; at < start + 366 * 86_400_000; at += 12_343_211) {
      for (const offset of [0, 330, -480, 60]) {
        const local = new Date(at + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        const text = offset === 0 ? `${local}Z` : `${local}${sign}${hh}:${mm}`;
        expect(parseIsoTimestamp(text), text).toBe(at);
      }
    }
  });
});
