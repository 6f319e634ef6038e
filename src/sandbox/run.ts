/**
 * What `recipe-ops sandbox` does: start the server, print how to use it, serve until the
 * process gets SIGINT or SIGTERM, then close.
 */
import { startSandbox } from './index.js';
import type { SandboxHandle, SandboxOptions } from './types.js';

export async function runSandbox(options: SandboxOptions, out: NodeJS.WritableStream) {
  const handle = await startSandbox(options);
  out.write(describeSandbox(handle));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await handle.close();
  out.write('sandbox stopped\n');
}

/** The text printed at start-up: base URL, tokens, environment lines, accounts file. */
export function describeSandbox(handle: SandboxHandle): string {
  const embedded = handle.customers.length > 0;
  const lines = [
    `Sandbox Workato API (generated data, not a real account) at ${handle.baseUrl}`,
    `Clock: ${handle.now()} (POST ${handle.baseUrl}/__sandbox/advance {"hours": 1} moves it)`,
    '',
    `${embedded ? 'Embedded admin' : 'Workspace'}: ${handle.admin.name} (id ${handle.admin.id})`,
    `  token: ${handle.adminToken}`,
  ];
  handle.customers.forEach((c, n) => {
    const external = c.externalId === null ? 'no external id' : `external id ${c.externalId}`;
    lines.push(`Customer ${n + 1}: ${JSON.stringify(c.name)} (id ${c.id}, ${external})`);
    lines.push(`  token: ${c.token}`);
  });
  lines.push('', '# Environment (one account):');
  lines.push(`export WORKATO_BASE_URL=${handle.baseUrl}`);
  lines.push(`export WORKATO_API_TOKEN=${handle.adminToken}`);
  lines.push(`export SANDBOX_ADMIN_TOKEN=${handle.adminToken}`);
  handle.customers.forEach((c, n) =>
    lines.push(`export SANDBOX_CUSTOMER_${n + 1}_TOKEN=${c.token}`),
  );
  lines.push('', '# Accounts file (YAML):', 'accounts:');
  lines.push('  - name: sandbox-admin');
  lines.push(`    base_url: ${handle.baseUrl}`);
  lines.push('    token_env: SANDBOX_ADMIN_TOKEN');
  if (embedded) lines.push('    managed: true');
  lines.push('    sandbox: true');
  handle.customers.forEach((_c, n) => {
    lines.push(`  # - name: sandbox-customer-${n + 1}   # the customer's own token, directly`);
    lines.push(`  #   base_url: ${handle.baseUrl}`);
    lines.push(`  #   token_env: SANDBOX_CUSTOMER_${n + 1}_TOKEN`);
  });
  return `${lines.join('\n')}\n`;
}
