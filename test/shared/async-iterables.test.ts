/**
 * The lean async iterables behave like the async generators they replace: items in order, a
 * thrown error as a rejection, an early stop passed on to the source (which then cleans up).
 */
import { describe, expect, it } from 'vitest';

import { asyncIterableOf, mapAsyncIterable } from '../../src/shared/async-iterables.js';

function* counted(n: number, log: string[], failAt = -1): Generator<number> {
  try {
    for (let i = 0; i < n; i += 1) {
      if (i === failAt) throw new Error(`failed at ${i}`);
      yield i;
    }
  } finally {
    log.push('source closed');
  }
}

async function collect<T>(items: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

describe('asyncIterableOf and mapAsyncIterable', () => {
  it('give every item, in order, mapped', async () => {
    const log: string[] = [];
    const items = mapAsyncIterable(asyncIterableOf(counted(5, log)), (n) => n * 10);
    expect(await collect(items)).toEqual([0, 10, 20, 30, 40]);
    expect(log).toEqual(['source closed']);
  });

  it('start the source only when the first item is asked for', async () => {
    let started = false;
    const source = (function* lazy(): Generator<number> {
      started = true;
      yield 1;
    })();
    const items = mapAsyncIterable(asyncIterableOf(source), (n) => n);
    expect(started).toBe(false);
    expect(await collect(items)).toEqual([1]);
    expect(started).toBe(true);
  });

  it('pass an early stop on to the source', async () => {
    const log: string[] = [];
    const items = mapAsyncIterable(asyncIterableOf(counted(1_000, log)), (n) => n);
    expect(await collect(items, 3)).toEqual([0, 1, 2]);
    expect(log).toEqual(['source closed']);
  });

  it("reject with the source's or the map's error", async () => {
    const log: string[] = [];
    await expect(collect(asyncIterableOf(counted(5, log, 2)))).rejects.toThrow('failed at 2');
    const closed: string[] = [];
    const mapped = mapAsyncIterable(asyncIterableOf(counted(5, closed)), (n) => {
      if (n === 3) throw new Error('map failed');
      return n;
    });
    await expect(collect(mapped)).rejects.toThrow('map failed');
    expect(closed).toEqual(['source closed']);
  });
});
