/**
 * `--account` selectors against the archive. A selector names an account by its key
 * (`acme`, `acme/4001`), its display name, its Workato workspace id, its external id (with or
 * without the `E` prefix the API uses), or an embedded admin entry (all of its customers).
 */
import { ConfigError } from '../shared/errors.js';
import type { AccountRecord, Archive } from '../store/archive.js';
import { compareText } from './report-scope.js';

export function accountMatches(account: AccountRecord, selector: string): boolean {
  return (
    selector === account.key ||
    selector === account.name ||
    selector === account.parentKey ||
    (account.workspaceId !== null && selector === String(account.workspaceId)) ||
    (account.externalId !== null &&
      (selector === account.externalId || selector === `E${account.externalId}`))
  );
}

/** Keys of the archived accounts the selectors name (all when none), sorted. */
export async function selectArchivedAccounts(
  archive: Archive,
  selectors: readonly string[] | undefined,
): Promise<string[]> {
  const accounts = await archive.listAccounts();
  if (selectors === undefined || selectors.length === 0) {
    return accounts.map((a) => a.key).sort(compareText);
  }
  const keys = new Set<string>();
  for (const selector of selectors) {
    const matched = accounts.filter((a) => accountMatches(a, selector));
    if (matched.length === 0) {
      const known = accounts.map((a) => a.key).sort(compareText);
      throw new ConfigError(`--account: no archived account matches '${selector}'`, {
        hint:
          known.length > 0
            ? `archived accounts: ${known.slice(0, 20).join(', ')}`
            : 'the archive is empty: run without --offline (or recipe-ops sync) first',
      });
    }
    for (const account of matched) keys.add(account.key);
  }
  return [...keys].sort(compareText);
}
