// A sandbox in its own process for bench/sync.mjs, so that the sync's peak RSS is its own.
//   node bench/sync-sandbox.mjs '<SandboxOptions as JSON>'
// Prints one JSON line {baseUrl, adminToken, customers, jobsPageSize} and serves until SIGTERM
// or until its parent goes away (stdin closes); it exits by itself after 30 minutes.
import { startSandbox } from '../dist/sandbox/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const sandbox = await startSandbox(options);
const world = sandbox.world();
process.stdout.write(
  JSON.stringify({
    baseUrl: sandbox.baseUrl,
    adminToken: sandbox.adminToken,
    customers: world.customers.length,
    jobsPageSize: world.jobsPageSize,
  }) + '\n',
);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, 30 * 60_000).unref();
