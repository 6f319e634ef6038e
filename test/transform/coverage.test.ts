import { afterAll, beforeAll, expect, it } from 'vitest';

import { coverageGaps } from '../../src/transform/coverage.js';
import { parseWindow } from '../../src/transform/window.js';
import type { SyncedSandbox } from './sandbox-archive.js';
import { syncedSandbox } from './sandbox-archive.js';

let fleet: SyncedSandbox;
const BOUND = Date.UTC(2026, 10, 20);

beforeAll(async () => {
  fleet = await syncedSandbox();
  expect((await fleet.sync(BOUND)).failed).toEqual([]);
});

afterAll(async () => {
  await fleet.close();
});

it('names the accounts whose archived jobs start after the window does', async () => {
  const keys = (await fleet.archive.listAccounts()).map((a) => a.key).sort();
  const early = await coverageGaps(
    fleet.archive,
    keys,
    parseWindow('2026-11-10', '2026-11-25', 'UTC'),
  );
  expect(early.map((g) => g.account)).toEqual(keys);
  expect(early.every((g) => g.archivedFrom === BOUND)).toBe(true);
  const inside = await coverageGaps(
    fleet.archive,
    keys,
    parseWindow('2026-11-20', '2026-11-25', 'UTC'),
  );
  expect(inside).toEqual([]);
});
