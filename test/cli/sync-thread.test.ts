/**
 * The sync thread (the path of `recipe-ops sync`): the archive it writes is the one the sync
 * writes in this thread, its progress and counters are the sandbox's, a stop request is obeyed
 * and its errors arrive as they were thrown there.
 */
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SyncJob } from '../../src/cli/sync-messages.js';
import { syncOffThread } from '../../src/cli/sync-thread.js';
import { isRecipeOpsError } from '../../src/shared/errors.js';
import type { SyncProgressEvent } from '../../src/store/sync/index.js';
import { dumpTable, runSync, startFixture } from '../store/sync-fixture.js';
import type { Fixture } from '../store/sync-fixture.js';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await startFixture();
});
afterEach(async () => {
  await fixture.close();
});

function job(archivePath: string, extra: Partial<SyncJob> = {}): SyncJob {
  return {
    archivePath,
    accountsFile: fixture.accountsFile,
    account: undefined,
    since: null,
    shard: null,
    accountConcurrency: undefined,
    recipeConcurrency: undefined,
    log: { level: 'silent', pretty: false },
    progress: false,
    ...extra,
  };
}

describe('syncOffThread', () => {
  it('writes the archive the sync writes in this thread, with progress and counters', async () => {
    const here = join(fixture.dir, 'here.sqlite');
    const there = join(fixture.dir, 'there.sqlite');
    await runSync(fixture, here, null);
    const before = fixture.sandbox.counters().total;
    const events: SyncProgressEvent[] = [];
    let lastRequests = 0;
    const result = await syncOffThread(job(there, { progress: true }), {
      env: fixture.env,
      signal: new AbortController().signal,
      onProgress: (event, stats) => {
        events.push(event);
        lastRequests = stats.requests;
      },
    });
    const jobs = dumpTable(there, 'jobs');
    expect(jobs).toEqual(dumpTable(here, 'jobs'));
    expect(jobs.length).toBeGreaterThan(1_000);
    expect(dumpTable(there, 'recipes')).toHaveLength(30);
    expect(result.archivePath).toBe(there);
    expect(result.interrupted).toBe(false);
    expect(result.outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(result.outcomes.reduce((n, o) => n + o.newJobs, 0)).toBe(jobs.length);
    // The thread's counters are the requests the sandbox served (customers list included).
    expect(result.totals.requests).toBe(fixture.sandbox.counters().total - before);
    expect(lastRequests).toBeLessThanOrEqual(result.totals.requests);
    expect(lastRequests).toBeGreaterThan(0);
    const pages = events.filter((e) => e.type === 'page');
    expect(pages.reduce((n, e) => n + (e.type === 'page' ? e.jobs : 0), 0)).toBe(jobs.length);
    expect(events[0]).toEqual({ type: 'accounts', total: 3 });
    expect(events.filter((e) => e.type === 'account-end')).toHaveLength(3);
  });

  it('sends no progress unless asked, and obeys a stop sent before it began', async () => {
    const controller = new AbortController();
    controller.abort();
    const events: SyncProgressEvent[] = [];
    const result = await syncOffThread(job(join(fixture.dir, 'stopped.sqlite')), {
      env: fixture.env,
      signal: controller.signal,
      onProgress: (event) => events.push(event),
    });
    expect(events).toEqual([]);
    expect(result.interrupted).toBe(true);
    expect(result.outcomes).toHaveLength(3);
    for (const outcome of result.outcomes) {
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toBe('not started: the sync was stopped on request');
    }
    expect(dumpTable(join(fixture.dir, 'stopped.sqlite'), 'jobs')).toEqual([]);
  });

  it('rethrows a configuration error of the thread with its exit code and message', async () => {
    const missing = join(fixture.dir, 'no-such-accounts.yaml');
    const error: unknown = await syncOffThread(
      job(join(fixture.dir, 'x.sqlite'), { accountsFile: missing }),
      { env: fixture.env, signal: new AbortController().signal },
    ).catch((e: unknown) => e);
    expect(isRecipeOpsError(error)).toBe(true);
    expect((error as { exitCode: number }).exitCode).toBe(2);
    expect((error as Error).message).toContain(`${missing}: cannot read the accounts file`);
  });
});
