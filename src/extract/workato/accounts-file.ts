/**
 * The accounts YAML file (`--accounts FILE` or RECIPE_OPS_ACCOUNTS). Secrets are never in it:
 * each entry names the environment variables that hold them. Errors name the file, the entry
 * and the field (ConfigError, exit 2).
 *
 *   accounts:
 *     - name: acme
 *       data_center: eu            # or base_url: https://...
 *       token_env: ACME_WORKATO_TOKEN   # or email_env + api_key_env (legacy)
 *       managed: true              # embedded admin: every customer is a target
 *       include: { names: ['Acme*'], external_ids: ['A-*'] }
 *       exclude: { names: ['*test*'] }
 *       transactions_limit: 100000
 *       rate_limit: { per_minute: 60, embedded_per_minute: 1000, window_ms: 60000 }
 */
import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConfigError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/redact.js';
import type { Credentials } from '../http/http-client.js';
import type { AccountConfig } from './account-config.js';
import type { CustomerFilter } from './customer-filter.js';
import { baseUrlOf, DATA_CENTER_NAMES } from './data-centers.js';
import type { DataCenter } from './data-centers.js';
import { fieldPath } from './validate.js';

const globs = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const filterSchema = z
  .object({ names: globs.optional(), external_ids: globs.optional() })
  .strict()
  .transform((f): CustomerFilter => ({ names: f.names ?? [], externalIds: f.external_ids ?? [] }));
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

const entrySchema = z
  .object({
    name: z
      .string()
      .min(1)
      .regex(/^[^/]+$/, 'must not contain "/"'),
    base_url: z.url().optional(),
    data_center: z.enum(DATA_CENTER_NAMES as [DataCenter, ...DataCenter[]]).optional(),
    token_env: envName.optional(),
    email_env: envName.optional(),
    api_key_env: envName.optional(),
    managed: z.boolean().default(false),
    include: filterSchema.optional(),
    exclude: filterSchema.optional(),
    transactions_limit: z.number().int().positive().optional(),
    rate_limit: z
      .object({
        enabled: z.boolean().optional(),
        per_minute: z.number().int().positive().optional(),
        embedded_per_minute: z.number().int().positive().optional(),
        managed_users_per_minute: z.number().int().positive().optional(),
        window_ms: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    timeout_ms: z.number().int().positive().optional(),
    sandbox: z.boolean().optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.base_url && entry.data_center) {
      ctx.addIssue({
        code: 'custom',
        path: ['base_url'],
        message: 'give base_url or data_center, not both',
      });
    }
    const legacy = entry.email_env !== undefined || entry.api_key_env !== undefined;
    if (entry.token_env && legacy) {
      ctx.addIssue({
        code: 'custom',
        path: ['token_env'],
        message: 'give token_env or email_env + api_key_env, not both',
      });
    } else if (!entry.token_env && !(entry.email_env && entry.api_key_env)) {
      ctx.addIssue({
        code: 'custom',
        path: ['token_env'],
        message: 'required (or email_env + api_key_env)',
      });
    }
  });
type Entry = z.output<typeof entrySchema>;

const fileSchema = z.union([
  z.object({ accounts: z.array(z.unknown()).min(1) }).strict(),
  z.array(z.unknown()).min(1),
]);

/** Reads and validates the accounts file; resolves each entry's secret from `env`. */
export function loadAccountsFile(file: string, env: NodeJS.ProcessEnv): AccountConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the accounts file (${(error as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const top = fileSchema.safeParse(doc);
  if (!top.success) {
    throw new ConfigError(`${file}: expected \`accounts:\` with a list of accounts`, {
      hint: 'each entry needs name, data_center or base_url, and token_env',
    });
  }
  const raw = Array.isArray(top.data) ? top.data : top.data.accounts;
  const seen = new Set<string>();
  return raw.map((item, index) => {
    const label = entryLabel(item, index);
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = fieldPath(issue?.path ?? []);
      throw new ConfigError(`${file}: ${label}: ${field}: ${issue?.message ?? 'invalid'}`);
    }
    if (seen.has(parsed.data.name)) {
      throw new ConfigError(`${file}: ${label}: name: "${parsed.data.name}" is used twice`);
    }
    seen.add(parsed.data.name);
    return toAccount(parsed.data, file, label, env);
  });
}

function entryLabel(item: unknown, index: number): string {
  const name = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? `accounts[${index}] "${name}"` : `accounts[${index}]`;
}

function secret(env: NodeJS.ProcessEnv, variable: string, where: string, field: string): string {
  const value = env[variable];
  if (!value) {
    throw new ConfigError(`${where}: ${field}: ${variable} is not set in the environment`, {
      hint: `export ${variable}=<secret> before running; secrets are never kept in the file`,
    });
  }
  registerSecret(value);
  return value;
}

function toAccount(
  entry: Entry,
  file: string,
  label: string,
  env: NodeJS.ProcessEnv,
): AccountConfig {
  const where = `${file}: ${label}`;
  let credentials: Credentials;
  let secretVars: string;
  if (entry.token_env) {
    credentials = { kind: 'bearer', token: secret(env, entry.token_env, where, 'token_env') };
    secretVars = `${entry.token_env} (token_env of "${entry.name}" in ${file})`;
  } else {
    const email = secret(env, entry.email_env!, where, 'email_env');
    const apiKey = secret(env, entry.api_key_env!, where, 'api_key_env');
    credentials = { kind: 'legacy', email, apiKey };
    secretVars = `${entry.email_env} and ${entry.api_key_env} (of "${entry.name}" in ${file})`;
  }
  const dataCenter = entry.base_url ? null : (entry.data_center ?? 'us');
  const rate = entry.rate_limit ?? {};
  return {
    name: entry.name,
    baseUrl: entry.base_url ?? baseUrlOf(dataCenter!),
    dataCenter,
    credentials,
    secretVars,
    managed: entry.managed,
    include: entry.include ?? null,
    exclude: entry.exclude ?? null,
    transactionsLimit: entry.transactions_limit ?? null,
    rateLimit: {
      ...(rate.enabled === undefined ? {} : { enabled: rate.enabled }),
      ...(rate.per_minute === undefined ? {} : { perMinute: rate.per_minute }),
      ...(rate.embedded_per_minute === undefined
        ? {}
        : { embeddedPerMinute: rate.embedded_per_minute }),
      ...(rate.managed_users_per_minute === undefined
        ? {}
        : { managedUsersPerMinute: rate.managed_users_per_minute }),
      ...(rate.window_ms === undefined ? {} : { windowMs: rate.window_ms }),
    },
    timeoutMs: entry.timeout_ms ?? null,
    sandbox: entry.sandbox ?? null,
    source: file,
  };
}
