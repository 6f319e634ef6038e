/**
 * One account: its details (or customer record) and usage snapshot, all its recipes (state,
 * history, usage of the day), its connections, then the jobs of each recipe, several recipes
 * at a time. The first failure stops the account's other recipes and is rethrown; what was
 * written before it stays consistent with the checkpoints.
 */
import pLimit from 'p-limit';

import type { Logger } from '../../shared/logger.js';
import type { Archive, RecipeRecord } from '../archive.js';
import { DEFAULT_PER_PAGE } from '../../extract/workato/pagers.js';
import { countingApi } from './counting-api.js';
import type { PageSizeMemo } from './job-walk.js';
import { toAccountRecord, toConnectionRecord, toRecipeRecord, toRecipeUsage } from './records.js';
import { SyncStoppedError, throwIfStopped } from './stop.js';
import { syncRecipeJobs } from './sync-recipe.js';
import type { AccountCounters, SyncProgressEvent, SyncTarget } from './types.js';

export interface AccountSyncContext {
  archive: Archive;
  since: number | null;
  now: () => number;
  recipeConcurrency: number;
  signal: AbortSignal | undefined;
  logger: Logger;
  onProgress: (event: SyncProgressEvent) => void;
}

export async function syncAccount(
  target: SyncTarget,
  ctx: AccountSyncContext,
  counters: AccountCounters,
): Promise<void> {
  const { archive } = ctx;
  const key = target.key;
  const api = countingApi(target.api, () => {
    counters.requests += 1;
    ctx.onProgress({ type: 'request', key });
  });
  const seenAt = ctx.now();
  const details = target.details ?? (await api.describe());
  const { account, usage } = toAccountRecord(target, details, seenAt);
  throwIfStopped(ctx.signal);
  await archive.upsertAccount(account);
  await archive.saveAccountUsage(usage);

  const knownCount = details.kind === 'workspace' ? details.workspace.recipes_count : null;
  const recipes: RecipeRecord[] = [];
  for await (const recipe of api.listRecipes()) {
    recipes.push(toRecipeRecord(key, recipe));
    // The count from describe() saves the empty page after a full last one (only there: a
    // count that disagreed with the listing must not cut it short elsewhere).
    if (
      knownCount !== null &&
      knownCount % DEFAULT_PER_PAGE === 0 &&
      recipes.length === knownCount
    ) {
      break;
    }
  }
  throwIfStopped(ctx.signal);
  await archive.saveRecipes(key, recipes, seenAt);
  await archive.saveRecipeUsage(recipes.map((r) => toRecipeUsage(r, seenAt)));
  counters.recipes = recipes.length;

  const connections = await api.listConnections();
  throwIfStopped(ctx.signal);
  await archive.saveConnections(
    key,
    connections.map((c) => toConnectionRecord(key, c)),
  );
  counters.connections = connections.length;

  await syncJobsOfRecipes(api, recipes, ctx, counters, key);
}

async function syncJobsOfRecipes(
  api: SyncTarget['api'],
  recipes: readonly RecipeRecord[],
  ctx: AccountSyncContext,
  counters: AccountCounters,
  key: string,
): Promise<void> {
  const failed = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, failed.signal]) : failed.signal;
  const pageSize: PageSizeMemo = { full: 0 };
  const limit = pLimit(ctx.recipeConcurrency);
  const first: { error: Error | null } = { error: null };
  await Promise.all(
    recipes.map((recipe) =>
      limit(async () => {
        if (signal.aborted) return;
        try {
          const result = await syncRecipeJobs(
            {
              api,
              archive: ctx.archive,
              accountKey: key,
              recipeId: recipe.id,
              since: ctx.since,
              pageSize,
              seen: new Set(),
              signal,
              onPage: (jobs) => ctx.onProgress({ type: 'page', key, jobs }),
            },
            recipe,
            ctx.logger,
          );
          counters.newJobs += result.inserted;
          counters.updatedJobs += result.updated;
        } catch (error) {
          if (first.error === null && !(error instanceof SyncStoppedError)) {
            first.error = error instanceof Error ? error : new Error(String(error));
          }
          failed.abort();
        }
      }),
    ),
  );
  if (first.error !== null) throw first.error;
  throwIfStopped(ctx.signal);
}
