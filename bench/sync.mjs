// Sync benchmark (issue 3): a fleet of customers from the sandbox, synced into a fresh archive.
//   npm run build && node bench/sync.mjs [--accounts=20 --recipes=100 --days=10
//     --jobs-per-day=100 --window-ms=6000 --page-size=100 --fetch-concurrency=32 --rounds=3]
// Phases, each a fresh process (bench/sync-run.mjs) against sandboxes in their own processes
// (bench/sync-sandbox.mjs), same seed and data:
//   1. bare fetch loop over every recipe's jobs pages (no rate limit): the page-rate ceiling;
//   2. sync without rate limit: jobs/s and pages/s against (1), peak RSS; 1 and 2 alternate
//      --rounds times (default 3) and the round with the median ratio is reported;
//   3. sync under the embedded rate limit (1,000 requests per window, window scaled from 60 s
//      to --window-ms): requests against the API minimum, wall time against the floor;
//   4. the same sync again with nothing changed: its cost in requests.
// Bounded: the fleet size is fixed by the flags; everything stops after 20 minutes.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Database from 'better-sqlite3';

const run = promisify(execFile);
const flag = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const ACCOUNTS = flag('accounts', 20);
const RECIPES = flag('recipes', 100);
const DAYS = flag('days', 10);
const PER_DAY = flag('jobs-per-day', 100);
const WINDOW_MS = flag('window-ms', 6000);
const PAGE_SIZE = flag('page-size', 100);
const FETCH_C = flag('fetch-concurrency', 32);
const ROUNDS = flag('rounds', 3);
const EMBEDDED_PER_WINDOW = 1000;
const here = new URL('.', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
const children = [];
const deadline = setTimeout(() => {
  console.error('bench/sync.mjs: 20-minute bound reached, stopping');
  for (const c of children) c.kill('SIGTERM');
  process.exit(3);
}, 20 * 60_000);

function startSandbox(rateLimit) {
  const options = {
    seed: 11,
    accounts: ACCOUNTS,
    recipesPerAccount: RECIPES,
    days: DAYS,
    jobsPerRecipePerDay: PER_DAY,
    jobsPageSize: PAGE_SIZE,
    rateLimit,
  };
  const child = spawn('node', [join(here, 'sync-sandbox.mjs'), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (line) => resolve({ child, ...JSON.parse(String(line)) }));
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}

const control = async (sb, path, method = 'GET') =>
  (await fetch(`${sb.baseUrl}/__sandbox/${path}`, { method })).json();

function accountsFile(name, sb, rateLimit) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'accounts:',
      '  - name: fleet',
      `    base_url: ${sb.baseUrl}`,
      '    token_env: BENCH_TOKEN',
      '    managed: true',
      `    rate_limit: ${JSON.stringify(rateLimit)}`,
      '',
    ].join('\n'),
  );
  return file;
}

async function phase(args, token, nodeOptions = '') {
  const { stdout } = await run('node', [join(here, 'sync-run.mjs'), ...args], {
    env: { ...process.env, BENCH_TOKEN: token, LOG_LEVEL: 'silent', NODE_OPTIONS: nodeOptions },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}

const JOBS = 'GET /api/managed_users/:id/recipes/:rid/jobs';
const sumOf = (counters, pred) =>
  Object.entries(counters.byEndpoint).reduce((n, [k, v]) => (pred(k) ? n + v : n), 0);

const free = await startSandbox(false);
const limited = await startSandbox({
  windowMs: WINDOW_MS,
  embeddedPerMinute: EMBEDDED_PER_WINDOW,
  managedUsersPerMinute: 60,
  developerPerMinute: 60,
});
const token = free.adminToken;
const freeFile = accountsFile('free', free, { enabled: false });
const limitedFile = accountsFile('limited', limited, {
  embedded_per_minute: EMBEDDED_PER_WINDOW,
  per_minute: 60,
  window_ms: WINDOW_MS,
});

// 1. bare fetch loop, then 2. the unthrottled sync over the same sandbox, --rounds times in
// turn: both rates move with the machine's load, their ratio much less (the median is taken).
const freeDb = join(dir, 'free.sqlite');
const rounds = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const bare = await phase(['fetch', free.baseUrl, token, String(FETCH_C), '1000000'], token);
  for (const suffix of ['', '-wal', '-shm']) rmSync(freeDb + suffix, { force: true });
  await control(free, 'reset-counters', 'POST');
  const sync = await phase(['sync', freeFile, freeDb], token);
  const pages = (await control(free, 'counters')).byEndpoint[JOBS] ?? 0;
  rounds.push({ bare, sync, pages, vsBare: pages / sync.secs / bare.pagesPerS });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medianRound = rounds.find((r) => r.vsBare === median(rounds.map((x) => x.vsBare)));
const { bare, sync: unthrottled, pages: syncJobPages } = medianRound;

// The API minimum: customers list, per account ceil(recipes/100) recipe pages + connections,
// per recipe ceil(jobs/page) job pages (at least one), from the archive the sync wrote.
const db = new Database(freeDb, { readonly: true });
const counted = new Map(
  db
    .prepare('SELECT account_key AS a, recipe_id AS id, count(*) AS n FROM jobs GROUP BY 1, 2')
    .all()
    .map((r) => [`${r.a}:${r.id}`, r.n]),
);
const perRecipe = db
  .prepare('SELECT account_key AS a, id FROM recipes')
  .all()
  .map((r) => ({ ...r, n: counted.get(`${r.a}:${r.id}`) ?? 0 }));
const accounts = db.prepare('SELECT account_key AS a, count(*) AS n FROM recipes GROUP BY 1').all();
const jobsTotal = db.prepare('SELECT count(*) AS n FROM jobs').get().n;
db.close();
const minimum =
  Math.ceil(ACCOUNTS / 100) +
  accounts.reduce((n, a) => n + Math.ceil(a.n / 100) + 1, 0) +
  perRecipe.reduce((n, r) => n + Math.max(1, Math.ceil(r.n / PAGE_SIZE)), 0);

// 3. the rate-limited sync, then 4. the same again with nothing changed.
await control(limited, 'reset-counters', 'POST');
const limitedDb = join(dir, 'limited.sqlite');
const throttled = await phase(['sync', limitedFile, limitedDb], token);
const limitedCounters = await control(limited, 'counters');
const embeddedRequests = sumOf(limitedCounters, (k) => k.includes('/api/managed_users/:id'));
const floorS = (embeddedRequests / EMBEDDED_PER_WINDOW) * (WINDOW_MS / 1000);
await control(limited, 'reset-counters', 'POST');
const nightly = await phase(['sync', limitedFile, limitedDb], token);
const nightlyCounters = await control(limited, 'counters');

const result = {
  fleet: { accounts: ACCOUNTS, recipes: RECIPES, days: DAYS, jobsPerDay: PER_DAY, jobsTotal },
  scaling: `rate-limit window ${WINDOW_MS} ms instead of 60,000 ms (x${60_000 / WINDOW_MS})`,
  bare: { pages: bare.pages, secs: +bare.secs.toFixed(2), pagesPerS: +bare.pagesPerS.toFixed(0) },
  unthrottled: {
    secs: +unthrottled.secs.toFixed(2),
    jobsPerS: Math.round(jobsTotal / unthrottled.secs),
    jobPagesPerS: Math.round(syncJobPages / unthrottled.secs),
    vsBare: +(syncJobPages / unthrottled.secs / bare.pagesPerS).toFixed(2),
    peakRssMb: unthrottled.peakRssMb,
    rounds: rounds.map((r) => ({
      barePagesPerS: Math.round(r.bare.pagesPerS),
      syncPagesPerS: Math.round(r.pages / r.sync.secs),
      vsBare: +r.vsBare.toFixed(3),
      peakRssMb: r.sync.peakRssMb,
    })),
    maxPeakRssMb: Math.max(...rounds.map((r) => r.sync.peakRssMb)),
    exitCode: unthrottled.exitCode,
    failed: unthrottled.failed,
  },
  throttled: {
    requests: limitedCounters.total,
    minimum,
    requestsVsMinimum: +(limitedCounters.total / minimum).toFixed(3),
    rateLimited429: limitedCounters.rateLimited,
    secs: +throttled.secs.toFixed(2),
    floorS: +floorS.toFixed(2),
    wallVsFloor: +(throttled.secs / floorS).toFixed(3),
    peakRssMb: throttled.peakRssMb,
    exitCode: throttled.exitCode,
    failed: throttled.failed,
  },
  nightly: {
    requests: nightlyCounters.total,
    jobsRequests: sumOf(nightlyCounters, (k) => k.includes('/jobs')),
    perAccountBound: ACCOUNTS * (Math.ceil(RECIPES / 100) + 2),
    secs: +nightly.secs.toFixed(2),
  },
  loadAverage: (await import('node:os')).loadavg().map((l) => +l.toFixed(1)),
};
console.log(JSON.stringify(result, null, 2));
for (const c of children) c.kill('SIGTERM');
clearTimeout(deadline);
rmSync(dir, { recursive: true, force: true });
