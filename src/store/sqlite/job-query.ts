/**
 * The WHERE clause of a JobFilter. Windows are half-open on started_at: [since, until).
 */
import type { JobFilter } from '../archive.js';

export interface JobQuery {
  where: string;
  params: (string | number)[];
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export function buildJobQuery(filter: JobFilter): JobQuery {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (filter.accounts !== undefined) {
    clauses.push(`j.account_key IN (${placeholders(filter.accounts.length)})`);
    params.push(...filter.accounts);
  }
  if (filter.recipeIds !== undefined) {
    clauses.push(`j.recipe_id IN (${placeholders(filter.recipeIds.length)})`);
    params.push(...filter.recipeIds);
  }
  if (filter.folderIds !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM recipes r WHERE r.account_key = j.account_key ` +
        `AND r.id = j.recipe_id AND r.folder_id IN (${placeholders(filter.folderIds.length)}))`,
    );
    params.push(...filter.folderIds);
  }
  if (filter.statuses !== undefined) {
    clauses.push(`j.status IN (${placeholders(filter.statuses.length)})`);
    params.push(...filter.statuses);
  }
  if (filter.since !== undefined) {
    clauses.push('j.started_at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    clauses.push('j.started_at < ?');
    params.push(filter.until);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1', params };
}
