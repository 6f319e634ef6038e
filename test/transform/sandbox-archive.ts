/**
 * Test helper: a small sandbox fleet synced into a temporary archive, the way `report` syncs
 * (an accounts file with one managed entry whose customers are the accounts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect } from 'vitest';

import { syncSelectedAccounts } from '../../src/cli/report-sync.js';
import type { ReportSyncOutcome } from '../../src/cli/report-sync.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxOptions } from '../../src/sandbox/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Archive } from '../../src/store/archive.js';
import { openArchive } from '../../src/store/sqlite/sqlite-archive.js';
import type { Provenance } from '../../src/transform/report.js';
import type { ReportQuery } from '../../src/transform/report-query.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
} from '../../src/transform/report-query.js';
import { parseWindow } from '../../src/transform/window.js';

export const ENTRY = 'fleet';

export interface SyncedSandbox {
  sandbox: SandboxHandle;
  archive: Archive;
  dir: string;
  accountsFile: string;
  env: NodeJS.ProcessEnv;
  dbPath: string;
  sync(since?: number | null): Promise<ReportSyncOutcome>;
  close(): Promise<void>;
}

export const SMALL_FLEET: SandboxOptions = {
  seed: 4242,
  accounts: 3,
  recipesPerAccount: 4,
  days: 40,
  jobsPerRecipePerDay: 8,
  rateLimit: false,
};

export async function syncedSandbox(options: SandboxOptions = SMALL_FLEET): Promise<SyncedSandbox> {
  const sandbox = await startSandbox(options);
  const dir = mkdtempSync(join(tmpdir(), 'recipe-ops-report-'));
  const accountsFile = join(dir, 'accounts.yaml');
  writeFileSync(
    accountsFile,
    `accounts:\n  - name: ${ENTRY}\n    base_url: ${sandbox.baseUrl}\n` +
      `    token_env: FLEET_TOKEN\n    managed: true\n`,
  );
  const env: NodeJS.ProcessEnv = { FLEET_TOKEN: sandbox.adminToken, PATH: process.env.PATH };
  const dbPath = join(dir, 'archive.sqlite');
  const archive = openArchive(dbPath);
  const sync = (since: number | null = null): Promise<ReportSyncOutcome> =>
    syncSelectedAccounts({
      archive,
      selectors: undefined,
      accountsFile,
      env,
      since,
      logger: silentLogger,
      now: () => Date.parse(sandbox.now()),
    });
  return {
    sandbox,
    archive,
    dir,
    accountsFile,
    env,
    dbPath,
    sync,
    close: async () => {
      await archive.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fleet synced once before the test file's tests and closed after them: call it in a test. */
export function syncedSandboxForFile(): () => SyncedSandbox {
  let fleet: SyncedSandbox | undefined;
  beforeAll(async () => {
    fleet = await syncedSandbox();
    expect((await fleet.sync()).failed).toEqual([]);
  });
  afterAll(async () => {
    await fleet?.close();
  });
  return () => {
    if (fleet === undefined) throw new Error('the synced sandbox is not started yet');
    return fleet;
  };
}

const NOVEMBER = parseWindow('2026-11-01', '2026-12-01', 'Europe/Berlin');

/** November 2026 in Berlin, with the default usage rules. */
export const NOVEMBER_BERLIN: ReportQuery = {
  window: NOVEMBER,
  timeZone: NOVEMBER.timeZone,
  lowRemainingShare: DEFAULT_LOW_REMAINING_SHARE,
  lowActivity: DEFAULT_LOW_ACTIVITY,
};

/** Provenance for reports written in tests, with the window the About sheet names. */
export function testProvenance(window: Provenance['window']): Provenance {
  return {
    tool: 'recipe-ops',
    toolVersion: 'test',
    generatedAt: '2026-12-01T00:00:00.000Z',
    dataSource: { kind: 'sandbox', description: 'test' },
    accountsIncluded: [],
    accountsFailed: [],
    window,
    filters: {},
    lastSyncedAt: {},
  };
}
