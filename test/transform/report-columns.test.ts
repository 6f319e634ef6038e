/**
 * The column names and their order are a contract with the people who build sheets on top of
 * the reports: they are checked here against the lists in the issue that defined them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Archive } from '../../src/store/archive.js';
import { openArchive } from '../../src/store/sqlite/sqlite-archive.js';
import { buildReports } from '../../src/transform/build-reports.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
  REPORT_KINDS,
} from '../../src/transform/report-query.js';
import { parseWindow } from '../../src/transform/window.js';

const CONTRACT: Record<string, string> = {
  'job-history':
    'account_id, account_name, recipe_id, recipe_name, job_id, status, started_at, ' +
    'completed_at, duration_s, is_poll_error, is_repeat, error_type, error, title',
  'transaction-usage':
    'account_id, account_name, plan_id, period_start, period_end, transactions_limit, ' +
    'transactions_used, transactions_remaining, percent_used, projected_used_at_period_end, ' +
    'jobs_in_window, failed_in_window, flag',
  'transaction-usage-by-recipe':
    'date, account_id, account_name, recipe_id, recipe_name, jobs, succeeded, failed, ' +
    'transactions',
  'connected-apps':
    'account_id, account_name, application, connection_id, connection_name, ' +
    'authorization_status, authorized_at, authorization_error, recipes_total, ' +
    'recipes_running, recipe_ids',
  'recipe-inventory':
    'account_id, account_name, recipe_id, recipe_name, folder_id, running, ' +
    'trigger_application, action_applications, connection_ids, created_at, updated_at, ' +
    'last_run_at, stopped_at, stop_cause, version_no, job_succeeded_count, job_failed_count, ' +
    'lifetime_task_count',
};

let archive: Archive;
beforeAll(() => {
  archive = openArchive(':memory:');
});
afterAll(async () => {
  await archive.close();
});

it('names and orders each report’s columns as the contract says, typed', async () => {
  const window = parseWindow('2026-11-01', '2026-11-02', 'Asia/Tokyo');
  const reports = await buildReports(archive, [...REPORT_KINDS], {
    window,
    timeZone: window.timeZone,
    lowRemainingShare: DEFAULT_LOW_REMAINING_SHARE,
    lowActivity: DEFAULT_LOW_ACTIVITY,
  });
  expect(reports.map((r) => r.name)).toEqual([...REPORT_KINDS]);
  for (const report of reports) {
    expect(report.columns.map((c) => c.name).join(', '), report.name).toBe(CONTRACT[report.name]);
    expect(report.timeZone).toBe('Asia/Tokyo');
    for (const column of report.columns) {
      if (/_at$|^period_(start|end)$/.test(column.name)) expect(column.type).toBe('timestamp');
    }
  }
  const highlight = Object.fromEntries(reports.map((r) => [r.name, r.highlight]));
  expect(highlight['job-history']).toEqual({ column: 'status', values: ['failed'] });
  expect(highlight['transaction-usage']?.column).toBe('flag');
  expect([...(highlight['transaction-usage']?.values ?? [])].sort()).toEqual([
    'low_activity',
    'low_remaining',
    'over_limit',
  ]);
  expect(reports.find((r) => r.name === 'transaction-usage-by-recipe')?.columns[0]?.type).toBe(
    'date',
  );
});
