// Google Sheets sink through the local fake (test/fakes/sheets-server.ts): write requests per
// 100,000 rows, payload bytes per request, and how long each run would take against Google's
// 60 write requests per minute per user.
//   npm run build && node bench/sheets.mjs [--rows=100000,500000,1000000] [--limit-s=900]
// Rows: the job-history shape of bench/sinks-rows.mjs (14 columns, ~10 % failures with long
// errors), with the row count known up front (Report.rowCount). The quota is simulated with a
// virtual clock: the sink's own limiter (60 writes/min) sleeps in virtual time, so the
// "quota-bound" figure is wall time + the time the limiter would have waited.
// 1,000,000 rows × 14 columns = 14M cells > Google's 10M per spreadsheet: that size is run
// twice, once refused (onCellLimit fail) and once rolled over to a second spreadsheet.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSheets } from '../dist/load/sheets/index.js';
import { PROVENANCE, argv, report } from './sinks-rows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SIZES = argv('rows', '100000,500000,1000000').split(',').map(Number);
const LIMIT_S = Number(argv('limit-s', '900'));
setTimeout(() => {
  console.error(`bench/sheets.mjs: stopped after ${LIMIT_S} s`);
  process.exit(3);
}, LIMIT_S * 1000).unref();

/** The fake runs in a child process (bench/sheets-fake.mjs): RSS here is the sink's own. */
async function startFake() {
  const child = fork(join(here, 'sheets-fake.mjs'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [{ url }] = await once(child, 'message');
  let from = 0;
  return {
    url,
    async stats() {
      child.send({ stats: from });
      const [stats] = await once(child, 'message');
      from = stats.next;
      return stats;
    },
    close: () => child.disconnect(),
  };
}

function virtualClock() {
  let waited = 0;
  return {
    now: () => Date.now() + waited,
    sleep: (ms) => {
      waited += Math.max(0, ms);
      return Promise.resolve();
    },
    waited: () => waited,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function scenario(server, rows, onCellLimit) {
  const clock = virtualClock();
  const r = { ...report(rows, 42), rowCount: rows };
  const started = performance.now();
  let error = null;
  let outcome = null;
  try {
    outcome = await writeSheets([r], PROVENANCE, {
      spreadsheet: 'new',
      title: `bench {report} ${rows}`,
      onCellLimit,
      env: {
        GOOGLE_SHEETS_ENDPOINT: server.url,
        GOOGLE_DRIVE_ENDPOINT: server.url,
        GOOGLE_OAUTH_ACCESS_TOKEN: 'bench-token',
      },
      now: clock.now,
      sleep: clock.sleep,
    });
  } catch (e) {
    error = String(e.message ?? e).slice(0, 200);
  }
  const secs = (performance.now() - started) / 1000;
  const seen = await server.stats();
  const bytes = seen.valueBytes;
  const written = seen.rowsWritten;
  return {
    rows,
    onCellLimit,
    rows_written: written,
    spreadsheets: outcome?.spreadsheets.length ?? 0,
    refused: error,
    write_requests: seen.writes,
    value_requests: bytes.length,
    write_requests_per_100k: +((seen.writes * 100_000) / rows).toFixed(1),
    rows_per_value_request: bytes.length ? Math.round(written / bytes.length) : 0,
    payload_bytes_median: median(bytes),
    payload_bytes_max: bytes.length ? Math.max(...bytes) : 0,
    wall_s: +secs.toFixed(2),
    quota_bound_s: +(secs + clock.waited() / 1000).toFixed(1),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const server = await startFake();
const results = [];
try {
  for (const rows of SIZES) {
    const big = rows * 14 > 10_000_000;
    for (const mode of big ? ['fail', 'rollover'] : ['fail']) {
      const result = await scenario(server, rows, mode);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  }
} finally {
  server.close();
}
console.log(
  '\n| rows | on limit | written | sheets | write req | per 100k | rows/values req |' +
    ' median / max bytes | wall s | at 60 writes/min |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
const fmt = (n) => n.toLocaleString('en-US');
for (const r of results) {
  const cells = [
    fmt(r.rows),
    r.onCellLimit,
    fmt(r.rows_written),
    r.spreadsheets,
    r.write_requests,
    r.write_requests_per_100k,
    fmt(r.rows_per_value_request),
    `${fmt(r.payload_bytes_median)} / ${fmt(r.payload_bytes_max)}`,
    r.wall_s,
    `${r.quota_bound_s} s`,
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
