// One measured phase of bench/sync.mjs, in a fresh process (its peak RSS is the phase's own).
//   node bench/sync-run.mjs sync  <accounts.yaml> <archive.sqlite>   (recipe-ops sync --since all)
//   node bench/sync-run.mjs fetch <baseUrl> <adminToken> <concurrency> <maxPages>
// `fetch` is the bare loop: global fetch + p-limit over every customer's recipes, following
// each recipe's offset_job_id cursor newest first, res.json() and nothing else (as
// ../shared/baselines/http-client.mjs). Both print one JSON line of figures.
import { readFileSync } from 'node:fs';

import pLimit from 'p-limit';

import { main } from '../dist/cli/main.js';

const [mode, ...args] = process.argv.slice(2);
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
// BENCH_MEM_TRACE=1: one line of process.memoryUsage() (MB) a second on stderr.
if (process.env.BENCH_MEM_TRACE) {
  const mb = (n) => Math.round(n / 1048576);
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(
      `mem rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} heapUsed=${mb(m.heapUsed)} ` +
        `external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)} ` +
        (readFileSync('/proc/self/status', 'utf8').match(/^Rss\w+:\s+\d+/gm) ?? []).join(' ') +
        '\n',
    );
  }, 1000).unref();
}

if (mode === 'sync') {
  // Exactly what `recipe-ops sync` does (bin/recipe-ops.js calls main): its sync thread included.
  const [accountsFile, db] = args;
  const t0 = performance.now();
  const stdout = process.stdout.write.bind(process.stdout);
  let summary = '';
  process.stdout.write = (chunk) => ((summary += String(chunk)), true);
  const exitCode = await main(['sync', '--accounts', accountsFile, '--db', db, '--since', 'all']);
  process.stdout.write = stdout;
  const secs = (performance.now() - t0) / 1000;
  const failed = summary.split('\n').filter((line) => line.startsWith('failed: '));
  stdout(JSON.stringify({ mode, secs, exitCode, failed, peakRssMb: rssMb() }) + '\n');
} else if (mode === 'fetch') {
  const [baseUrl, token, concurrency, maxPages] = args;
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path) => {
    const res = await fetch(`${baseUrl}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  };
  const customers = (await get('/api/managed_users?per_page=100')).result;
  const recipes = [];
  for (const c of customers) {
    for (let page = 1; ; page += 1) {
      const items = (await get(`/api/managed_users/${c.id}/recipes?per_page=100&page=${page}`))
        .result;
      for (const r of items) recipes.push(`/api/managed_users/${c.id}/recipes/${r.id}/jobs`);
      if (items.length < 100) break;
    }
  }
  const limit = pLimit(Number(concurrency));
  let pages = 0;
  let jobs = 0;
  const t0 = performance.now();
  await Promise.all(
    recipes.map((path) =>
      limit(async () => {
        let cursor = '';
        while (pages < Number(maxPages)) {
          const body = await get(cursor ? `${path}?offset_job_id=${cursor}` : path);
          pages += 1;
          jobs += body.items.length;
          if (body.items.length === 0) break;
          cursor = encodeURIComponent(body.items[body.items.length - 1].id);
        }
      }),
    ),
  );
  const secs = (performance.now() - t0) / 1000;
  process.stdout.write(
    JSON.stringify({ mode, secs, pages, jobs, pagesPerS: pages / secs, peakRssMb: rssMb() }) + '\n',
  );
} else {
  throw new Error(`unknown mode ${mode}`);
}
