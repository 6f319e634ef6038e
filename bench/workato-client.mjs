// Workato client throughput: the compiled client (dist/extract) walks every job of N customer
// recipes of the sandbox (child process, rate limits off) through the embedded API, with C
// recipes in flight. Reports client CPU per page (the figure to compare with the fetch
// baseline of ../shared/baselines: ~1.1-1.25 ms of client CPU a page), pages/s and the request
// count per recipe. Bounded: at most --recipes recipe walks of at most --max-pages pages each.
//   npm run build && node bench/workato-client.mjs [--recipes=200] [--concurrency=16]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};

if (process.argv.includes('--serve')) {
  const { startSandbox } = await import('../dist/sandbox/index.js');
  const sandbox = await startSandbox({
    seed: 1,
    accounts: arg('accounts', 4),
    recipesPerAccount: 60,
    days: 10,
    jobsPerRecipePerDay: 100,
    rateLimit: false,
  });
  process.send({ baseUrl: sandbox.baseUrl, token: sandbox.adminToken });
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
} else {
  const recipes = arg('recipes', 200);
  const concurrency = arg('concurrency', 16);
  const maxPages = arg('max-pages', 50);
  const child = fork(fileURLToPath(import.meta.url), ['--serve', ...process.argv.slice(2)]);
  const { baseUrl, token } = await new Promise((resolve) => child.once('message', resolve));
  const { accountFromEnvironment, createAccountClient } =
    await import('../dist/extract/workato/index.js');
  const account = {
    ...accountFromEnvironment({ WORKATO_BASE_URL: baseUrl, WORKATO_API_TOKEN: token }),
    managed: true,
  };
  const client = createAccountClient(account, { rateLimit: { enabled: false } });
  const walks = [];
  for await (const customer of client.api.listCustomers()) {
    const api = client.api.customer(customer.id);
    for await (const recipe of api.listRecipes({ excludeCode: true })) {
      walks.push({ api, id: recipe.id });
    }
  }
  walks.splice(recipes);
  const before = client.stats.requests;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let jobs = 0;
  let minimumPages = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < walks.length) {
        const walk = walks[next++];
        let n = 0;
        for await (const _job of walk.api.listJobs(walk.id, { maxPages })) n += 1;
        jobs += n;
        // The fewest requests that can return n jobs in pages of 100.
        minimumPages += Math.max(1, Math.ceil(n / 100));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const pages = client.stats.requests - before;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      recipes: walks.length,
      concurrency,
      pages,
      jobs,
      seconds: Number(seconds.toFixed(2)),
      pagesPerSecond: Math.round(pages / seconds),
      jobsPerSecond: Math.round(jobs / seconds),
      clientCpuMsPerPage: Number((cpuMs / pages).toFixed(3)),
      requestsPerRecipe: Number((pages / walks.length).toFixed(2)),
      minimumPages,
      retries: client.stats.retries,
    }),
  );
  child.disconnect();
}
