/** The client's resolved account targets, as the sync takes them. */
import type { AccountTarget } from '../../extract/workato/resolve-accounts.js';
import type { SyncTarget } from './types.js';

export function syncTargetOf(target: AccountTarget): SyncTarget {
  return {
    key: target.key,
    name: target.name,
    kind: target.kind,
    parentKey: target.kind === 'customer' ? target.account : null,
    baseUrl: target.baseUrl,
    get dataSource(): 'sandbox' | 'live' {
      return target.sandbox ? 'sandbox' : 'live';
    },
    transactionsLimit: target.transactionsLimit,
    api: target.api,
    // The customer record was read when listing the admin's customers: not fetched again.
    ...(target.customer ? { details: { kind: 'customer', customer: target.customer } } : {}),
  };
}

/** Summed counters of the distinct clients behind the targets (customers share one). */
export function combinedStats(targets: readonly AccountTarget[]): () => {
  requests: number;
  retries: number;
  rateLimited: number;
  rateLimitWaitMs: number;
} {
  const byAccount = new Map<string, AccountTarget>();
  for (const t of targets) if (!byAccount.has(t.account)) byAccount.set(t.account, t);
  return () => {
    const sum = { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0 };
    for (const t of byAccount.values()) {
      const s = t.stats();
      sum.requests += s.requests;
      sum.retries += s.retries;
      sum.rateLimited += s.rateLimited;
      sum.rateLimitWaitMs += s.rateLimitWaitMs;
    }
    return sum;
  };
}
