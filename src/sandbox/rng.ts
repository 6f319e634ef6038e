/**
 * Deterministic randomness for the sandbox. Everything the sandbox generates is a pure function
 * of the seed: the world through a sequential generator, each job through a stateless hash of
 * (seed, recipe, index), so that jobs never have to be stored.
 */

/** A 32-bit avalanche hash of a list of integers (murmur3 finaliser per step). */
export function hashInts(...values: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) h = step(h, value);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** hashInts of exactly four 32-bit integers, without the rest-array (hot path of jobs). */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = 0x811c9dc5;
  h = step(h, a);
  h = step(h, b);
  h = step(h, c);
  h = step(h, d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function step(h: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  let out = h ^ Math.imul(k, 0x1b873593);
  out = (out << 13) | (out >>> 19);
  out = (Math.imul(out, 5) + 0xe6546b64) | 0;
  return out ^ (Math.floor(value / 0x100000000) | 0);
}

/** A number in [0, 1) derived from the given integers. */
export function unitHash(...values: readonly number[]): number {
  return hashInts(...values) / 0x100000000;
}

export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: small, fast, good enough for generating fixtures. */
export function createRng(seed: number): Rng {
  let state = hashInts(seed, 0x5eed) | 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** Picks from a list by a hash value in [0, 1). */
export function pickBy<T>(items: readonly T[], unit: number): T {
  const item = items[Math.min(items.length - 1, Math.floor(unit * items.length))];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
