// The job-history transform against its floor: jobs streamed from a SQLite archive with
// archive.iterateJobs alone (the floor), then through the job-history report (recipe names,
// error_type, duration), in the same run. Bounded: --rows (default 200,000, at most 2,000,000)
// jobs are generated into a temporary archive, read once each way, and the archive deleted.
//   npm run build && node bench/report-transform.mjs --rows=1000000
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openArchive } from '../dist/store/sqlite/sqlite-archive.js';
import { benchAccount, benchRecipe, emptyCheckpoint } from './archive-records.mjs';
import { buildReports } from '../dist/transform/build-reports.js';

const arg = process.argv.find((a) => a.startsWith('--rows='));
const ROWS = Math.min(Number(arg?.slice(7) ?? 200_000), 2_000_000);
const START = Date.UTC(2026, 10, 1);
const ERRORS = [
  'Salesforce: Record {id} not found (contact {n}@example.com)',
  'Request failed with status 429 at {ts}, retry after {n} seconds',
  'Duplicate value found: "ACME {n}" already exists for Account.Name',
  'Bad request: Custom field SICCode__c is not present',
];

const dir = mkdtempSync(join(tmpdir(), 'recipe-ops-bench-report-'));
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 50);

try {
  const archive = openArchive(join(dir, 'archive.sqlite'));
  await archive.upsertAccount(benchAccount('acme', 'Acme', 1));
  const recipes = Array.from({ length: 50 }, (_, id) =>
    benchRecipe('acme', id, `Recipe ${id}: sync orders, "EU"`, START),
  );
  await archive.saveRecipes('acme', recipes, START);
  for (let page = 0; page * 5000 < ROWS; page += 1) {
    const jobs = [];
    for (let i = page * 5000; i < Math.min(ROWS, (page + 1) * 5000); i += 1) {
      const failed = i % 10 === 0;
      const error = failed
        ? (ERRORS[(i / 10) % ERRORS.length] ?? '')
            .replace('{id}', `0015g0000${String(i).padStart(9, '0')}`)
            .replace('{n}', String(i))
            .replace('{ts}', new Date(START + i * 1000).toISOString())
        : null;
      jobs.push({
        accountKey: 'acme',
        recipeId: i % 50,
        id: `j-${i.toString(36)}-bench`,
        status: failed ? 'failed' : 'succeeded',
        startedAt: START + i * 1000,
        completedAt: START + i * 1000 + 750,
        isPollError: false,
        isRepeat: false,
        error,
        title: `Order ${i} for Acme`,
      });
    }
    await archive.saveJobsPage(jobs, emptyCheckpoint('acme', 0));
  }
  const window = { since: START, until: START + ROWS * 1000, timeZone: 'Europe/Berlin' };
  const results = {};
  let t = performance.now();
  let n = 0;
  for await (const _ of archive.iterateJobs({ since: window.since, until: window.until })) n += 1;
  results.floor = { rows: n, rowsPerS: Math.round(n / ((performance.now() - t) / 1000)) };
  t = performance.now();
  const [report] = await buildReports(archive, ['job-history'], {
    window,
    timeZone: window.timeZone,
    lowRemainingShare: 0.1,
    lowActivity: { trailingDays: 28, ratio: 0.5, minExpectedJobs: 10 },
  });
  n = 0;
  let at100k = 0;
  for await (const _ of report.rows) {
    n += 1;
    if (n === 100_000) at100k = process.memoryUsage().rss;
  }
  results.jobHistory = { rows: n, rowsPerS: Math.round(n / ((performance.now() - t) / 1000)) };
  sample();
  await archive.close();
  console.log(
    JSON.stringify({
      rows: ROWS,
      floorRowsPerS: results.floor.rowsPerS,
      jobHistoryRowsPerS: results.jobHistory.rowsPerS,
      ratio: Number((results.jobHistory.rowsPerS / results.floor.rowsPerS).toFixed(2)),
      rssAt100kMB: Math.round(at100k / 1e6),
      peakRssMB: Math.round(peak / 1e6),
    }),
  );
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
