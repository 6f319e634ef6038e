import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseSince } from '../../src/cli/sync-runner.js';
import { inShard, parseShard, shardOf } from '../../src/store/sync/index.js';
import { runSync, SMALL_FLEET, startFixture } from './sync-fixture.js';

describe('sync options', () => {
  it('splits accounts into stable shards that cover each account exactly once', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `admin/${1000 + i}`);
    const shards = [0, 1, 2, 3].map((index) => keys.filter((k) => inShard(k, { index, count: 4 })));
    expect(shards.flat().sort()).toEqual([...keys].sort());
    for (const shard of shards) expect(shard.length).toBeGreaterThan(25);
    // Stable: the same key lands in the same shard whatever the other keys.
    expect(shardOf('admin/1000', 4)).toBe(shardOf('admin/1000', 4));
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/--shard 4\/4/);
    expect(() => parseShard('x')).toThrow(/expected I\/N/);
  });

  it('reads --since as a duration, a date or all', () => {
    const now = Date.UTC(2026, 10, 30, 12);
    expect(parseSince('30d', now)).toBe(now - 30 * 86_400_000);
    expect(parseSince('12h', now)).toBe(now - 12 * 3_600_000);
    expect(parseSince('2026-11-01', now)).toBe(Date.UTC(2026, 10, 1));
    expect(parseSince('all', now)).toBeNull();
    expect(() => parseSince('yesterday', now)).toThrow(/--since yesterday/);
  });

  it('re-syncs an unchanged plain workspace in ceil(recipes / 100) + 2 requests', async () => {
    const fixture = await startFixture(
      { ...SMALL_FLEET, accounts: 0, recipesPerAccount: 100 },
      false,
    );
    try {
      const db = join(fixture.dir, 'archive.sqlite');
      const first = await runSync(fixture, db, Date.parse(fixture.sandbox.now()) - 86_400_000);
      expect(first.failed).toEqual([]);
      expect(first.outcomes[0]?.recipes).toBe(100);
      fixture.sandbox.resetCounters();
      await runSync(fixture, db, null);
      const counters = fixture.sandbox.counters();
      // users/me, one full page of recipes (the count from users/me ends the listing), connections.
      expect(counters.total).toBe(Math.ceil(100 / 100) + 2);
      expect(Object.keys(counters.byEndpoint).filter((k) => k.includes('/jobs'))).toEqual([]);
    } finally {
      await fixture.close();
    }
  });
});
