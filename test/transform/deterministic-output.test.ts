/**
 * Same archive + same arguments → byte-identical CSV: every report built twice (fresh builder
 * calls, fresh streams) and written to two folders gives the same bytes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { writeCsv } from '../../src/load/csv/write-csv.js';
import { buildReports } from '../../src/transform/build-reports.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
  REPORT_KINDS,
} from '../../src/transform/report-query.js';
import { parseWindow } from '../../src/transform/window.js';
import { syncedSandboxForFile, testProvenance } from './sandbox-archive.js';

const fleet = syncedSandboxForFile();

const provenance = testProvenance(null);

async function writeAll(folder: string): Promise<Map<string, Buffer>> {
  const window = parseWindow('2026-11-01', '2026-12-01', 'America/New_York');
  const reports = await buildReports(fleet().archive, [...REPORT_KINDS], {
    window,
    timeZone: window.timeZone,
    lowRemainingShare: DEFAULT_LOW_REMAINING_SHARE,
    lowActivity: DEFAULT_LOW_ACTIVITY,
  });
  const out = join(fleet().dir, folder);
  await writeCsv(reports, provenance, { out, fsync: false });
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(out)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    files.set(name, readFileSync(join(out, name)));
  }
  return files;
}

it('writes byte-identical CSV files for the same archive and arguments', async () => {
  const first = await writeAll('first');
  const second = await writeAll('second');
  expect([...first.keys()]).toEqual(REPORT_KINDS.map((k) => `${k}.csv`).sort());
  for (const [name, bytes] of first) {
    expect(bytes.length, name).toBeGreaterThan(100);
    expect(bytes.equals(second.get(name) ?? Buffer.alloc(0)), name).toBe(true);
  }
  // the job history really holds the month's jobs (not two empty files that agree)
  const lines = (first.get('job-history.csv')?.toString('utf8') ?? '').split('\r\n').length;
  expect(lines).toBeGreaterThan(1000);
});
