import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/shared/errors.js';
import {
  parseWindow,
  relativeWindow,
  resolveZone,
  windowDays,
  windowText,
} from '../../src/transform/window.js';

const HOUR = 3_600_000;

describe('report windows', () => {
  it('reads a bare date as local midnight in the zone (UTC by default)', () => {
    const utc = parseWindow('2026-11-01', '2026-11-02', 'UTC');
    expect(utc.since).toBe(Date.UTC(2026, 10, 1));
    expect(utc.until - utc.since).toBe(24 * HOUR);
    const berlin = parseWindow('2026-07-01', '2026-07-02', 'Europe/Berlin');
    expect(berlin.since).toBe(Date.UTC(2026, 5, 30, 22));
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours', () => {
    const spring = parseWindow('2026-03-29', '2026-03-30', 'Europe/Berlin');
    expect(spring.since).toBe(Date.UTC(2026, 2, 28, 23));
    expect(spring.until).toBe(Date.UTC(2026, 2, 29, 22));
    expect(spring.until - spring.since).toBe(23 * HOUR);
    const fall = parseWindow('2026-11-01', '2026-11-02', 'America/New_York');
    expect(fall.since).toBe(Date.UTC(2026, 10, 1, 4));
    expect(fall.until).toBe(Date.UTC(2026, 10, 2, 5));
    expect(fall.until - fall.since).toBe(25 * HOUR);
  });

  it('takes instants with an offset as written and local date-times in the zone', () => {
    const w = parseWindow('2026-11-01T04:00:00Z', '2026-11-01T12:00:00+02:00', 'Asia/Tokyo');
    expect(w.since).toBe(Date.UTC(2026, 10, 1, 4));
    expect(w.until).toBe(Date.UTC(2026, 10, 1, 10));
    const local = parseWindow('2026-11-01T06:30', '2026-11-01T07:00', 'America/New_York');
    expect(local.since).toBe(Date.UTC(2026, 10, 1, 11, 30));
  });

  it('names the flag and the value in errors', () => {
    const attempts: [() => unknown, RegExp][] = [
      [() => parseWindow('2026-13-01', '2026-12-01', 'UTC'), /--since: '2026-13-01'/],
      [() => parseWindow('2026-11-01', 'yesterday', 'UTC'), /--until: 'yesterday'/],
      [() => parseWindow('2026-11-02', '2026-11-01', 'UTC'), /--until: '2026-11-01' is not after/],
      [() => resolveZone('Mars/Olympus_Mons'), /--tz: 'Mars\/Olympus_Mons'/],
      [() => resolveZone('+02:00', 'tz'), /^tz: '\+02:00'/],
    ];
    for (const [attempt, message] of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).message).toMatch(message);
      expect((caught as ConfigError).exitCode).toBe(2);
    }
  });

  it('spells zones canonically and defaults to UTC', () => {
    expect(resolveZone(undefined)).toBe('UTC');
    expect(resolveZone('europe/berlin')).toBe('Europe/Berlin');
  });

  it('resolves relative windows against now in the zone', () => {
    const now = Date.UTC(2026, 10, 2, 12); // 07:00 in New York, the day after fall-back
    const day = relativeWindow('1d', now, 'America/New_York');
    expect([day.since, day.until]).toEqual([Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 2, 5)]);
    const week = relativeWindow('7d', now, 'UTC');
    expect(week.until).toBe(Date.UTC(2026, 10, 2));
    expect(week.since).toBe(Date.UTC(2026, 9, 26));
    const mtd = relativeWindow('month-to-date', now, 'Europe/Berlin');
    expect([mtd.since, mtd.until]).toEqual([Date.UTC(2026, 9, 31, 23), now]);
    const previous = relativeWindow('previous-month', now, 'UTC');
    expect([previous.since, previous.until]).toEqual([Date.UTC(2026, 9, 1), Date.UTC(2026, 10)]);
    expect(relativeWindow('6h', now, 'UTC').since).toBe(now - 6 * HOUR);
    expect(() => relativeWindow('0d', now, 'UTC')).toThrow(/window.last: '0d'/);
  });

  it('lists the local days a window touches, clipped to it', () => {
    const w = parseWindow('2026-03-28T12:00', '2026-03-30T06:00', 'Europe/Berlin');
    const days = windowDays(w);
    expect(days.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(days[0]?.start).toBe(w.since);
    expect((days[1]?.end ?? 0) - (days[1]?.start ?? 0)).toBe(23 * HOUR);
    expect(days[2]?.end).toBe(w.until);
    expect(windowText(w)).toEqual({
      since: '2026-03-28T12:00:00+01:00',
      until: '2026-03-30T06:00:00+02:00',
    });
  });
});
