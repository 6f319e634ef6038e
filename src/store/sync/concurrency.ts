/**
 * How many accounts, and recipes per account, a sync works on at a time. A module of its own so
 * that the CLI can show the defaults without loading the sync.
 */

/** Accounts synced at the same time. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 4;

/**
 * Recipes whose jobs are fetched at the same time, per account. With 4 accounts at a time that
 * is 8 requests in flight: more than Workato's quotas let through at any latency (1,000 a
 * minute for an embedded admin, 60 per family for a workspace), and on loopback against the
 * sandbox 8 already keep the client's core busy while 32 cost ~70 MB more peak RSS for no speed
 * (bench/README.md, "Sync").
 */
export const DEFAULT_RECIPE_CONCURRENCY = 2;
