// Sandbox server throughput: pages/s of 100-job pages, server CPU per page, start-up time and
// memory, on the sync benchmark's fleet (20 accounts x 100 recipes x ~1,000 jobs).
//   npm run build && node bench/sandbox.mjs [--pages=2000] [--concurrency=16] [--accounts=20]
//     [--recipes=100] [--days=10] [--per-day=100]
// The sandbox runs in a child process (this file with --serve) so its CPU and RSS are its own;
// the client is node:http with a keep-alive Agent (the cheaper client of baselines §4).
// Bounded: --pages requests (default 2,000); the child exits with its parent.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';

import pLimit from 'p-limit';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};

if (process.argv[2] === '--serve') {
  const { startSandbox } = await import('../dist/sandbox/index.js');
  const t0 = performance.now();
  const sandbox = await startSandbox(JSON.parse(process.argv[3]));
  const startupMs = performance.now() - t0;
  const line = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
  line({ baseUrl: sandbox.baseUrl, token: sandbox.adminToken, startupMs, ...usage() });
  createInterface({ input: process.stdin }).on('line', () => line(usage()));
  process.stdin.on('end', () => process.exit(0));
  setTimeout(() => process.exit(0), 10 * 60_000).unref();
} else {
  await client();
}

function usage() {
  const cpu = process.cpuUsage();
  return { cpuS: (cpu.user + cpu.system) / 1e6, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

async function client() {
  const pages = Number(arg('pages', '2000'));
  const concurrency = Number(arg('concurrency', '16'));
  const options = {
    seed: 42,
    accounts: Number(arg('accounts', '20')),
    recipesPerAccount: Number(arg('recipes', '100')),
    days: Number(arg('days', '10')),
    jobsPerRecipePerDay: Number(arg('per-day', '100')),
    rateLimit: false,
  };
  const child = spawn(
    process.execPath,
    [new URL(import.meta.url).pathname, '--serve', JSON.stringify(options)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value);
  const info = await next();
  const stats = async () => {
    child.stdin.write('stats\n');
    return next();
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (path) =>
    new Promise((resolve, reject) => {
      http
        .get(
          `${info.baseUrl}${path}`,
          { agent, headers: { authorization: `Bearer ${info.token}` } },
          (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode !== 200)
                return reject(new Error(`${path}: HTTP ${res.statusCode}`));
              const buf = Buffer.concat(chunks);
              resolve({ bytes: buf.length, body: JSON.parse(buf.toString('utf8')) });
            });
            res.on('error', reject);
          },
        )
        .on('error', reject);
    });

  // Cold calls first: the customers list computes task usage over every recipe's jobs.
  let t = performance.now();
  const customers = (await get('/api/managed_users')).body.result;
  const customersMs = performance.now() - t;
  const targets = [];
  for (const customer of customers) {
    const { body } = await get(`/api/managed_users/${customer.id}/recipes?exclude_code=true`);
    for (const recipe of body.result) targets.push([customer.id, recipe.id]);
  }

  // Walk recipes' jobs newest first with offset_job_id, 16 at a time, until `pages` pages.
  const limit = pLimit(concurrency);
  let served = 0;
  let jobs = 0;
  let bytes = 0;
  const before = await stats();
  t = performance.now();
  const walkers = targets.map(([customer, recipe]) =>
    limit(async () => {
      let cursor = '';
      while (served < pages) {
        served += 1;
        const path = `/api/managed_users/${customer}/recipes/${recipe}/jobs${cursor}`;
        const { body, bytes: size } = await get(path);
        bytes += size;
        jobs += body.items.length;
        if (body.items.length < 100) return;
        cursor = `?offset_job_id=${body.items[body.items.length - 1].id}`;
      }
    }),
  );
  await Promise.all(walkers);
  const secs = (performance.now() - t) / 1000;
  const after = await stats();
  const serverCpu = after.cpuS - before.cpuS;
  const result = {
    fleet: `${options.accounts} x ${options.recipesPerAccount} recipes`,
    jobsPerRecipe: options.days * options.jobsPerRecipePerDay,
    startupMs: Math.round(info.startupMs),
    rssAfterStartMb: Math.round(info.rssMb),
    coldManagedUsersMs: Math.round(customersMs),
    pages: served,
    jobs,
    avgPageKb: +(bytes / served / 1024).toFixed(1),
    pagesPerS: Math.round(served / secs),
    serverCpuS: +serverCpu.toFixed(2),
    serverCpuMsPerPage: +((serverCpu * 1000) / served).toFixed(3),
    serverPagesPerCpuS: Math.round(served / serverCpu),
    rssAfterRunMb: Math.round(after.rssMb),
    concurrency,
  };
  console.log(JSON.stringify(result, null, 2));
  agent.destroy();
  child.stdin.end();
}
