/**
 * What a report is asked for: the window and zone, the filters, and the thresholds of the
 * transaction-usage flags. Built by the CLI (flags or a report spec) and read by every report.
 */
import type { JobStatus } from '../extract/workato/schemas.js';
import type { ReportWindow } from './window.js';

export const REPORT_KINDS = [
  'job-history',
  'transaction-usage',
  'transaction-usage-by-recipe',
  'connected-apps',
  'recipe-inventory',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Reports over jobs in a window; the others describe the current state and need none. */
export const WINDOWED_KINDS: readonly ReportKind[] = [
  'job-history',
  'transaction-usage',
  'transaction-usage-by-recipe',
];

export interface LowActivityRule {
  /** Local days before `since` whose jobs give the trailing average (default 28). */
  trailingDays: number;
  /** Flag when jobs in the window are below this share of the trailing pace (default 0.5). */
  ratio: number;
  /** No flag unless the trailing pace expects at least this many jobs (default 10). */
  minExpectedJobs: number;
}

export interface ReportQuery {
  /** Required by the windowed kinds; null for state reports. */
  window: ReportWindow | null;
  timeZone: string;
  /** Account keys (already resolved); undefined for every archived account. */
  accounts?: readonly string[];
  recipeIds?: readonly number[];
  folderIds?: readonly number[];
  /** job-history only. */
  statuses?: readonly JobStatus[];
  /** transaction-usage: flag `low_remaining` below this share of the limit left (default 0.1). */
  lowRemainingShare: number;
  lowActivity: LowActivityRule;
}

export const DEFAULT_LOW_REMAINING_SHARE = 0.1;
export const DEFAULT_LOW_ACTIVITY: LowActivityRule = {
  trailingDays: 28,
  ratio: 0.5,
  minExpectedJobs: 10,
};

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}
