/**
 * Shared set-up of the sync tests: a sandbox, an accounts file naming it (an embedded admin
 * whose customers are the targets), a temporary archive, and dumps of the archive's tables.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import BetterSqlite3 from 'better-sqlite3';

import { resolveAccounts } from '../../src/extract/workato/index.js';
import type { ClientStats } from '../../src/extract/workato/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxJobView, SandboxOptions } from '../../src/sandbox/index.js';
import type { JobRecord } from '../../src/store/index.js';
import { openArchive } from '../../src/store/index.js';
import { combinedStats, syncAccounts, syncTargetOf } from '../../src/store/sync/index.js';
import type { SyncSummary } from '../../src/store/sync/index.js';

export const ADMIN = 'fleet';
export const DAY_MS = 86_400_000;

export const SMALL_FLEET: SandboxOptions = {
  seed: 7,
  accounts: 3,
  recipesPerAccount: 10,
  days: 6,
  jobsPerRecipePerDay: 30,
  jobsPageSize: 10,
  rateLimit: false,
};

export interface Fixture {
  sandbox: SandboxHandle;
  dir: string;
  accountsFile: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startFixture(
  options: SandboxOptions = SMALL_FLEET,
  managed = true,
): Promise<Fixture> {
  const sandbox = await startSandbox(options);
  const dir = mkdtempSync(join(tmpdir(), 'sync-test-'));
  const accountsFile = join(dir, 'accounts.yaml');
  writeFileSync(
    accountsFile,
    [
      'accounts:',
      `  - name: ${ADMIN}`,
      `    base_url: ${sandbox.baseUrl}`,
      '    token_env: FLEET_TOKEN',
      `    managed: ${String(managed)}`,
      // The sandbox enforces no limit here; the client need not pace itself either.
      '    rate_limit: { enabled: false }',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, FLEET_TOKEN: sandbox.adminToken, RECIPE_OPS_ACCOUNTS: '' };
  return {
    sandbox,
    dir,
    accountsFile,
    env,
    close: async () => {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One sync of every customer in the accounts file into the archive at `dbPath`. */
export async function runSync(
  fixture: Fixture,
  dbPath: string,
  since: number | null,
  accountsFile = fixture.accountsFile,
): Promise<SyncSummary & { clientStats: ClientStats }> {
  const resolved = await resolveAccounts({
    accountsFile,
    env: fixture.env,
    retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 5 },
  });
  if (resolved.failures.length > 0) throw new Error('customers could not be listed');
  const archive = openArchive(dbPath);
  const stats = combinedStats(resolved.targets);
  try {
    const summary = await syncAccounts(resolved.targets.map(syncTargetOf), archive, {
      since,
      now: () => Date.parse(fixture.sandbox.now()),
      clientStats: stats,
    });
    return { ...summary, clientStats: stats() };
  } finally {
    await archive.close();
  }
}

/** Rows of a table, ordered, without the columns named (times of the sync itself). */
export function dumpTable(dbPath: string, table: string, omit: readonly string[] = []): unknown[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    return rows
      .map((row) => {
        const kept = Object.entries(row).filter(([k]) => !omit.includes(k));
        return JSON.stringify(Object.fromEntries(kept));
      })
      .sort()
      .map((text) => JSON.parse(text) as unknown);
  } finally {
    db.close();
  }
}

export function customerKey(customerId: number): string {
  return `${ADMIN}/${customerId}`;
}

/** What the archive should hold for a sandbox job, computed from the API's own JSON. */
export function expectedJob(accountKey: string, recipeId: number, job: SandboxJobView): JobRecord {
  return {
    accountKey,
    recipeId,
    id: job.id,
    status: job.status,
    startedAt: Date.parse(job.started_at),
    completedAt: job.completed_at === null ? null : Date.parse(job.completed_at),
    isPollError: job.is_poll_error,
    isRepeat: typeof job.is_repeat === 'boolean' ? job.is_repeat : null,
    error: job.error,
    title: job.title,
  };
}

export function sandboxJobs(f: Fixture, since: number | null): JobRecord[] {
  const out: JobRecord[] = [];
  for (const customer of f.sandbox.world().customers) {
    for (const recipe of customer.recipes) {
      for (const job of recipe.jobs()) {
        if (since === null || Date.parse(job.started_at) >= since) {
          out.push(expectedJob(customerKey(customer.info.id), recipe.id, job));
        }
      }
    }
  }
  return out.sort((a, b) => a.accountKey.localeCompare(b.accountKey) || a.id.localeCompare(b.id));
}

export async function archivedJobs(dbPath: string): Promise<JobRecord[]> {
  const archive = openArchive(dbPath);
  const out: JobRecord[] = [];
  for await (const job of archive.iterateJobs({})) out.push(job);
  await archive.close();
  return out.sort((a, b) => a.accountKey.localeCompare(b.accountKey) || a.id.localeCompare(b.id));
}
