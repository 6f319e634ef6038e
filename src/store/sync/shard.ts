/**
 * `--shard I/N`: a stable split of a fleet across workers (a Kubernetes Indexed Job), by the
 * SHA-1 of the account key, so an account stays in its shard whatever else is in the file.
 */
import { createHash } from 'node:crypto';

import { ConfigError } from '../../shared/errors.js';

export interface Shard {
  /** 0-based index, < count. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new ConfigError(`--shard ${text}: expected I/N with 0 <= I < N, e.g. 0/4`, {
      hint: 'with a Kubernetes Indexed Job, pass --shard $JOB_COMPLETION_INDEX/<completions>',
    });
  }
  return { index, count };
}

export function shardOf(key: string, count: number): number {
  const digest = createHash('sha1').update(key, 'utf8').digest();
  return digest.readUInt32BE(0) % count;
}

export function inShard(key: string, shard: Shard | null): boolean {
  return shard === null || shardOf(key, shard.count) === shard.index;
}
