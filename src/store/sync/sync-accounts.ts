/**
 * `syncAccounts(targets, archive, options)`: the programmatic sync the `sync` and `report`
 * commands and the demo share. Accounts run several at a time (each under the client's rate
 * limiter); a failing account is recorded in the run log with its reason and the others finish.
 */
import pLimit from 'p-limit';

import { describeError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logger.js';
import { redact } from '../../shared/redact.js';
import type { AccountSyncOutcome, Archive } from '../archive.js';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_RECIPE_CONCURRENCY } from './concurrency.js';
import { syncAccount } from './sync-account.js';
import type { AccountCounters, SyncOptions, SyncSummary, SyncTarget } from './types.js';

export async function syncAccounts(
  targets: readonly SyncTarget[],
  archive: Archive,
  options: SyncOptions,
): Promise<SyncSummary> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? (() => undefined);
  const runId = await archive.beginRun(now());
  onProgress({ type: 'accounts', total: targets.length });
  const limit = pLimit(options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY);
  const outcomes = await Promise.all(
    targets.map((target) =>
      limit(async (): Promise<AccountSyncOutcome> => {
        const startedAt = now();
        const counters: AccountCounters = {
          recipes: 0,
          newJobs: 0,
          updatedJobs: 0,
          connections: 0,
          requests: 0,
        };
        let error: string | null = null;
        if (options.signal?.aborted) {
          error = 'not started: the sync was stopped on request';
        } else {
          onProgress({ type: 'account-start', key: target.key });
          logger.info({ account: target.key }, 'account sync started');
          try {
            await syncAccount(
              target,
              {
                archive,
                since: options.since,
                now,
                recipeConcurrency: options.recipeConcurrency ?? DEFAULT_RECIPE_CONCURRENCY,
                signal: options.signal,
                logger,
                onProgress,
              },
              counters,
            );
          } catch (failure) {
            error = redact(describeError(failure));
            logger.error({ account: target.key, err: failure }, `account sync failed: ${error}`);
          }
        }
        const outcome: AccountSyncOutcome = {
          accountKey: target.key,
          ok: error === null,
          error,
          ...counters,
          startedAt,
          endedAt: now(),
        };
        await archive.recordAccountOutcome(runId, outcome);
        if (outcome.ok) logger.info({ ...outcome }, 'account sync done');
        onProgress({ type: 'account-end', outcome });
        return outcome;
      }),
    ),
  );
  await archive.endRun(runId, now());
  return {
    runId,
    outcomes,
    failed: outcomes.filter((o) => !o.ok),
    interrupted: options.signal?.aborted ?? false,
  };
}
