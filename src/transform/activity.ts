/**
 * The `low_activity` flag of transaction-usage. An account is flagged when the jobs it started
 * in the window fall well below its trailing pace:
 *
 * - trailing window: the `trailingDays` local days (default 28) just before `since`, i.e.
 *   `[since − 28 days, since)` in the report's zone;
 * - expected jobs = jobs in the trailing window × (window length ÷ trailing length), the
 *   trailing average scaled to the report window (so a 1-day window expects 1/28 of it);
 * - "well below": fewer than `ratio` (default 0.5, half) of the expected jobs, and only when
 *   at least `minExpectedJobs` (default 10) were expected, so that quiet accounts do not flap.
 *
 * The trailing count uses the archive, so an archive younger than the trailing window
 * under-estimates the pace (fewer flags, never spurious ones). Recipe and folder filters apply.
 */
import { DateTime } from 'luxon';

import type { Archive } from '../store/archive.js';
import type { ReportQuery } from './report-query.js';
import type { ReportWindow } from './window.js';

/** Expected jobs in the window from the trailing pace, or null when there is no trailing time. */
export async function trailingExpectation(
  archive: Archive,
  accountKey: string,
  window: ReportWindow,
  query: ReportQuery,
): Promise<number | null> {
  const start = DateTime.fromMillis(window.since, { zone: window.timeZone })
    .minus({ days: query.lowActivity.trailingDays })
    .toMillis();
  const trailingLength = window.since - start;
  if (trailingLength <= 0) return null;
  const trailing = await archive.countJobs({
    accounts: [accountKey],
    recipeIds: query.recipeIds,
    folderIds: query.folderIds,
    since: start,
    until: window.since,
  });
  return (trailing * (window.until - window.since)) / trailingLength;
}
