/**
 * From configuration to a flat list of targets: every plain account, and every selected
 * customer of each managed (embedded admin) account, each with a stable key, its WorkspaceApi
 * and whether it is sandbox data. A managed account whose customers cannot be listed is a
 * failure of that account; the others are still returned.
 */
import { ConfigError } from '../../shared/errors.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { AccountConfig } from './account-config.js';
import { loadAccountsFile } from './accounts-file.js';
import type { ClientStats, WorkspaceApi } from './api.js';
import type { AccountClient, ClientOptions } from './create-client.js';
import { createAccountClient } from './create-client.js';
import { customerSelected } from './customer-filter.js';
import type { DataCenter } from './data-centers.js';
import { isLocalBaseUrl } from './data-centers.js';
import { accountFromEnvironment } from './env-account.js';
import type { ManagedUser } from './schemas.js';
import { WorkatoAdmin } from './admin-client.js';

export interface AccountTarget {
  /** `acme`, or `<admin name>/<customer id>` for a customer of a managed account. */
  key: string;
  /** The accounts-file entry (or "default" for the environment's account). */
  account: string;
  /** Display name: the entry name, or the customer's name. */
  name: string;
  kind: 'workspace' | 'customer';
  customer: ManagedUser | null;
  api: WorkspaceApi;
  baseUrl: string;
  dataCenter: DataCenter | null;
  transactionsLimit: number | null;
  /** Sandbox data: configured, a base URL on this machine, or the server said so. */
  readonly sandbox: boolean;
  /** Counters of the account's client (shared by all customers of one admin). */
  stats(): ClientStats;
}

export interface AccountFailure {
  account: string;
  error: unknown;
}

export interface ResolvedAccounts {
  accounts: AccountConfig[];
  targets: AccountTarget[];
  failures: AccountFailure[];
}

export interface ResolveOptions extends ClientOptions {
  /** `--accounts FILE`; else RECIPE_OPS_ACCOUNTS; else the environment's single account. */
  accountsFile?: string;
  env?: NodeJS.ProcessEnv;
  /** `--account NAME`: an entry name or a target key (`admin/123`). */
  only?: string;
}

/** The configured accounts, without touching the network. */
export function loadAccounts(options: {
  accountsFile?: string;
  env?: NodeJS.ProcessEnv;
}): AccountConfig[] {
  const env = options.env ?? process.env;
  const file = options.accountsFile ?? env.RECIPE_OPS_ACCOUNTS;
  return file ? loadAccountsFile(file, env) : [accountFromEnvironment(env)];
}

export async function resolveAccounts(options: ResolveOptions = {}): Promise<ResolvedAccounts> {
  const all = loadAccounts(options);
  const [entryName, customerId] = splitKey(options.only);
  const accounts = entryName === undefined ? all : all.filter((a) => a.name === entryName);
  if (entryName !== undefined && accounts.length === 0) {
    throw new ConfigError(`--account: no account named "${entryName}"`, {
      hint: `configured: ${all.map((a) => a.name).join(', ')}`,
    });
  }
  const clientOptions: ClientOptions = {
    ...options,
    limiter: options.limiter ?? new RateLimiter(),
  };
  const targets: AccountTarget[] = [];
  const failures: AccountFailure[] = [];
  for (const account of accounts) {
    const client = createAccountClient(account, clientOptions);
    if (!(client.api instanceof WorkatoAdmin)) {
      if (customerId !== undefined) {
        throw new ConfigError(`--account: "${account.name}" is not a managed account`);
      }
      targets.push(target(client, client.api, null));
      continue;
    }
    try {
      targets.push(...(await customerTargets(client, client.api, customerId)));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      failures.push({ account: account.name, error });
    }
  }
  return { accounts, targets, failures };
}

function splitKey(only: string | undefined): [string | undefined, string | undefined] {
  if (only === undefined) return [undefined, undefined];
  const slash = only.indexOf('/');
  return slash === -1 ? [only, undefined] : [only.slice(0, slash), only.slice(slash + 1)];
}

async function customerTargets(
  client: AccountClient,
  admin: WorkatoAdmin,
  customerId: string | undefined,
): Promise<AccountTarget[]> {
  const { account } = client;
  const out: AccountTarget[] = [];
  for await (const customer of admin.listCustomers()) {
    if (customerId !== undefined) {
      const wanted =
        customerId === String(customer.id) || customerId === `E${customer.external_id}`;
      if (wanted)
        out.push(
          target(client, admin.customer(customer.id, `${account.name}/${customer.id}`), customer),
        );
    } else if (customerSelected(customer, account.include, account.exclude)) {
      out.push(
        target(client, admin.customer(customer.id, `${account.name}/${customer.id}`), customer),
      );
    }
  }
  if (customerId !== undefined && out.length === 0) {
    throw new ConfigError(`--account: "${account.name}" has no customer ${customerId}`);
  }
  return out;
}

function target(
  client: AccountClient,
  api: WorkspaceApi,
  customer: ManagedUser | null,
): AccountTarget {
  const { account, http, stats } = client;
  return {
    key: customer ? `${account.name}/${customer.id}` : account.name,
    account: account.name,
    name: customer ? customer.name : account.name,
    kind: customer ? 'customer' : 'workspace',
    customer,
    api,
    baseUrl: account.baseUrl,
    dataCenter: account.dataCenter,
    transactionsLimit: account.transactionsLimit,
    get sandbox(): boolean {
      return account.sandbox ?? (isLocalBaseUrl(account.baseUrl) || http.sawSandboxHeader);
    },
    stats: () => ({ ...stats }),
  };
}
