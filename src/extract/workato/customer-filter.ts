/** include / exclude filters of a managed account: globs on customer name and external id. */
import type { ManagedUser } from './schemas.js';

export interface CustomerFilter {
  names: string[];
  externalIds: string[];
}

/** `*` any run of characters, `?` one character; case-insensitive; anchored. */
export function globToRegExp(glob: string): RegExp {
  const body = Array.from(glob)
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return /[.+^${}()|[\]\\]/.test(char) ? `\\${char}` : char;
    })
    .join('');
  return new RegExp(`^${body}$`, 'isu');
}

function matches(filter: CustomerFilter, customer: ManagedUser): boolean {
  if (filter.names.some((glob) => globToRegExp(glob).test(customer.name))) return true;
  const external = customer.external_id;
  return external != null && filter.externalIds.some((glob) => globToRegExp(glob).test(external));
}

function isEmpty(filter: CustomerFilter | null): boolean {
  return !filter || (filter.names.length === 0 && filter.externalIds.length === 0);
}

/** Included when no include filter is set or one matches, and no exclude filter matches. */
export function customerSelected(
  customer: ManagedUser,
  include: CustomerFilter | null,
  exclude: CustomerFilter | null,
): boolean {
  if (!isEmpty(include) && !matches(include!, customer)) return false;
  return isEmpty(exclude) || !matches(exclude!, customer);
}
