/**
 * From report kinds to reports: one builder per kind, each reading the archive only.
 * The reports come back in the order the kinds were asked for (duplicates dropped).
 */
import type { Archive } from '../store/archive.js';
import { connectedAppsReport } from './connected-apps.js';
import { jobHistoryReport } from './job-history.js';
import { recipeInventoryReport } from './recipe-inventory.js';
import type { Report } from './report.js';
import type { ReportKind, ReportQuery } from './report-query.js';
import { transactionUsageReport } from './transaction-usage.js';
import { transactionUsageByRecipeReport } from './transaction-usage-by-recipe.js';

type Builder = (archive: Archive, query: ReportQuery) => Promise<Report>;

const BUILDERS: Record<ReportKind, Builder> = {
  'job-history': jobHistoryReport,
  'transaction-usage': transactionUsageReport,
  'transaction-usage-by-recipe': transactionUsageByRecipeReport,
  'connected-apps': connectedAppsReport,
  'recipe-inventory': recipeInventoryReport,
};

export async function buildReports(
  archive: Archive,
  kinds: readonly ReportKind[],
  query: ReportQuery,
): Promise<Report[]> {
  const reports: Report[] = [];
  for (const kind of new Set(kinds)) reports.push(await BUILDERS[kind](archive, query));
  return reports;
}
