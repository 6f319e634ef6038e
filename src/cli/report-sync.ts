/**
 * The incremental sync a report runs first: the configured accounts (environment or accounts
 * file) that the `--account` selectors name, synced into the archive. Returns which accounts
 * are up to date (their data goes into the reports) and which failed, with the reason.
 * It runs in the sync thread (reportSyncOffThread in sync-thread.ts), as `recipe-ops sync`
 * does, under the main thread's supervision (sync-supervisor.ts).
 */
import type { ClientStats } from '../extract/workato/api.js';
import { resolveAccounts } from '../extract/workato/resolve-accounts.js';
import type { AccountTarget } from '../extract/workato/resolve-accounts.js';
import { ConfigError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Archive } from '../store/archive.js';
import { combinedStats, type SyncProgressEvent } from '../store/sync/index.js';
import { compareText } from '../transform/report-scope.js';
import { syncResolved } from './resolved-sync.js';

export interface ReportSyncOutcome {
  /** Keys of the accounts synced without error, sorted. */
  synced: string[];
  failed: { account: string; reason: string }[];
}

export function targetMatches(target: AccountTarget, selector: string): boolean {
  const customer = target.customer;
  return (
    selector === target.key ||
    selector === target.name ||
    selector === target.account ||
    (customer !== null &&
      (selector === String(customer.id) ||
        (customer.external_id !== null &&
          (selector === customer.external_id || selector === `E${customer.external_id}`))))
  );
}

/** Whether a selector names an accounts-file entry, or one of its customers (`entry/123`). */
function coversEntry(entry: string, selector: string): boolean {
  return selector === entry || selector.startsWith(`${entry}/`);
}

export async function syncSelectedAccounts(options: {
  archive: Archive;
  selectors: readonly string[] | undefined;
  accountsFile: string | undefined;
  env: NodeJS.ProcessEnv;
  /** First sync of an account: backfill jobs from here. */
  since: number | null;
  logger: Logger;
  /** The sync's clock (default the wall clock); tests pass the sandbox's. */
  now?: () => number;
  /** Aborted: stop after the current transaction. */
  signal?: AbortSignal;
  onProgress?: (event: SyncProgressEvent, stats: ClientStats) => void;
}): Promise<ReportSyncOutcome> {
  const { selectors } = options;
  const resolved = await resolveAccounts({
    accountsFile: options.accountsFile,
    env: options.env,
    logger: options.logger,
  });
  let targets = resolved.targets;
  if (selectors !== undefined && selectors.length > 0) {
    for (const selector of selectors) {
      const known = targets.some((t) => targetMatches(t, selector));
      const failedEntry = resolved.failures.some((f) => coversEntry(f.account, selector));
      if (!known && !failedEntry) {
        throw new ConfigError(`--account: no configured account matches '${selector}'`, {
          hint: `configured: ${targets.map((t) => t.key).join(', ') || 'none'}`,
        });
      }
    }
    targets = targets.filter((t) => selectors.some((s) => targetMatches(t, s)));
  }
  const { summary, unresolved } = await syncResolved({
    archive: options.archive,
    targets,
    failures: resolved.failures.filter(
      (f) =>
        selectors === undefined ||
        selectors.length === 0 ||
        selectors.some((s) => coversEntry(f.account, s)),
    ),
    stats: combinedStats(targets),
    since: options.since,
    logger: options.logger,
    now: options.now,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const failed = unresolved.map((o) => ({ account: o.accountKey, reason: o.error ?? 'failed' }));
  for (const outcome of summary.failed) {
    const reason = outcome.error ?? 'failed';
    const prefix = `${outcome.accountKey}: `;
    failed.push({
      account: outcome.accountKey,
      reason: reason.startsWith(prefix) ? reason.slice(prefix.length) : reason,
    });
  }
  const failedKeys = new Set(summary.failed.map((o) => o.accountKey));
  const synced = summary.outcomes
    .filter((o) => !failedKeys.has(o.accountKey))
    .map((o) => o.accountKey)
    .sort(compareText);
  failed.sort((a, b) => compareText(a.account, b.account));
  return { synced, failed };
}
