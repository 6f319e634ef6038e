export { syncAccounts, DEFAULT_ACCOUNT_CONCURRENCY } from './sync-accounts.js';
export { DEFAULT_RECIPE_CONCURRENCY } from './sync-account.js';
export { inShard, parseShard, shardOf } from './shard.js';
export type { Shard } from './shard.js';
export { SyncStoppedError } from './stop.js';
export type * from './types.js';
export { combinedStats, syncTargetOf } from './targets.js';
