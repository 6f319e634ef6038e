/**
 * The provenance written beside every report: tool version (package.json), when, the data
 * source (sandbox data labelled as such), the accounts included and those that failed, the
 * window and zone, the filters, and each account's last successful sync, from the archive.
 *
 * Known shortcoming: Provenance carries the time zone only inside `window`, so for state-only
 * reports (recipe-inventory, connected-apps; window null) the About sheet says UTC even when
 * --tz named another zone (the CSV .about.json states each report's zone correctly). Fix: an
 * optional `Provenance.timeZone` set here and read first by src/load/about.ts.
 */
import { readFileSync } from 'node:fs';

import type { AccountRecord, Archive } from '../store/archive.js';
import type { Provenance } from '../transform/report.js';
import type { ReportQuery } from '../transform/report-query.js';
import { windowText } from '../transform/window.js';

let version: string | undefined;

/** The version in package.json (two folders up from src/cli or dist/cli). */
export function toolVersion(): string {
  if (version === undefined) {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    version = (JSON.parse(text) as { version?: string }).version ?? 'unknown';
  }
  return version;
}

export interface ProvenanceInput {
  archive: Archive;
  query: ReportQuery;
  included: readonly string[];
  failed: readonly { account: string; reason: string }[];
  /** Filters as the user gave them (before account selectors were resolved). */
  filters: Record<string, string | readonly string[]>;
  now?: Date;
}

function dataSource(accounts: readonly AccountRecord[]): Provenance['dataSource'] {
  const sandbox = accounts.filter((a) => a.dataSource === 'sandbox');
  const hosts = [...new Set(accounts.map((a) => a.baseUrl))].sort();
  if (sandbox.length > 0) {
    const live = accounts.length - sandbox.length;
    return {
      kind: 'sandbox',
      description:
        `${sandbox.length} sandbox account(s)` +
        (live > 0 ? ` and ${live} live account(s)` : '') +
        ` served by ${hosts.join(', ')}`,
    };
  }
  return { kind: 'live', description: `Workato API at ${hosts.join(', ') || 'no host'}` };
}

export async function buildProvenance(input: ProvenanceInput): Promise<Provenance> {
  const { archive, query } = input;
  const failedKeys = input.failed.map((f) => f.account);
  const keys = [...new Set([...input.included, ...failedKeys])];
  const accounts = keys.length > 0 ? await archive.listAccounts(keys) : [];
  const lastSync = keys.length > 0 ? await archive.lastSuccessfulSync(keys) : new Map();
  const lastSyncedAt: Record<string, string | null> = {};
  for (const key of [...keys].sort()) {
    const at = lastSync.get(key) as number | null | undefined;
    lastSyncedAt[key] = at == null ? null : new Date(at).toISOString();
  }
  return {
    tool: 'recipe-ops',
    toolVersion: toolVersion(),
    generatedAt: (input.now ?? new Date()).toISOString(),
    dataSource: dataSource(accounts.filter((a) => input.included.includes(a.key))),
    accountsIncluded: [...input.included],
    accountsFailed: [...input.failed],
    window: query.window ? { ...windowText(query.window), timeZone: query.window.timeZone } : null,
    filters: input.filters,
    lastSyncedAt,
  };
}
