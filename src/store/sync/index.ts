export { syncAccounts } from './sync-accounts.js';
export { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_RECIPE_CONCURRENCY } from './concurrency.js';
export { inShard, parseShard, shardOf } from './shard.js';
export type { Shard } from './shard.js';
export { SyncStoppedError } from './stop.js';
export type * from './types.js';
export { combinedStats, syncTargetOf } from './targets.js';
