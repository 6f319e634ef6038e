/**
 * Background WAL checkpoints (the CLI's main thread while its sync thread writes): they copy
 * the writer's WAL into the archive file without touching its content, wait for an archive
 * that does not exist yet, and let go of the file when stopped.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { silentLogger } from '../../src/shared/logger.js';
import type { JobRecord } from '../../src/store/archive.js';
import { openArchive } from '../../src/store/index.js';
import { startWalCheckpointer } from '../../src/store/sqlite/wal-checkpointer.js';
import { emptyCheckpoint } from '../../src/store/sync/job-walk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function jobs(recipeId: number, count: number): JobRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    accountKey: 'acme',
    recipeId,
    id: `j-${recipeId}-${i}`,
    status: 'succeeded',
    startedAt: 1_700_000_000_000 + i * 1000,
    completedAt: 1_700_000_000_500 + i * 1000,
    isPollError: false,
    isRepeat: null,
    error: null,
    title: `job ${i} of recipe ${recipeId}`,
  }));
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startWalCheckpointer', () => {
  it("copies the writer's WAL into the archive file, waiting for the file to exist", async () => {
    const path = join(dir, 'archive.sqlite');
    const checkpointer = startWalCheckpointer(path, { intervalMs: 5, logger: silentLogger });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(checkpointer.checkpoints).toBe(0);
    const archive = openArchive(path);
    try {
      const before = statSync(path).size;
      for (let recipe = 1; recipe <= 20; recipe += 1) {
        await archive.saveJobsPage(jobs(recipe, 100), emptyCheckpoint('acme', recipe));
      }
      await until(() => checkpointer.checkpoints > 0 && statSync(path).size > before);
      expect(checkpointer.checkpoints).toBeGreaterThan(0);
      expect(statSync(path).size).toBeGreaterThan(before + 100 * 1024);
      expect(await archive.countJobs({})).toBe(2_000);
    } finally {
      checkpointer.stop();
      await archive.close();
    }
    // Stopped, it holds the file no more: the writer was the last connection and removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
