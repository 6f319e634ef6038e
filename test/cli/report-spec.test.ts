import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { reportJobFromArgs } from '../../src/cli/report-options.js';
import type { ReportArgs } from '../../src/cli/report-options.js';
import { resolveJobWindow } from '../../src/cli/report-runner.js';
import { loadReportSpec, parseReportSpec, reportJobFromSpec } from '../../src/cli/report-spec.js';
import { ConfigError } from '../../src/shared/errors.js';
import { REPORT_KINDS } from '../../src/transform/report-query.js';

function refusal(attempt: () => unknown): ConfigError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('report specs', () => {
  it('ships valid specs: nightly XLSX of every report and a job-history append to Sheets', () => {
    const files = readdirSync('reports').filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['nightly.yaml', 'job-history-sheets.yaml']));
    for (const file of files) loadReportSpec(join('reports', file));
    const nightly = reportJobFromSpec(loadReportSpec('reports/nightly.yaml'), 'nightly', {
      offline: false,
    });
    expect(nightly).toMatchObject({
      kinds: [...REPORT_KINDS],
      window: { kind: 'relative', last: '1d' },
      format: 'xlsx',
    });
    expect(nightly.out).toMatch(/^\.\/out\//);
    const sheets = reportJobFromSpec(loadReportSpec('reports/job-history-sheets.yaml'), 's', {
      offline: true,
      db: 'x.sqlite',
    });
    expect(sheets).toMatchObject({
      kinds: ['job-history'],
      format: 'sheets',
      sheetsMode: 'append',
      offline: true,
      db: 'x.sqlite',
    });
  });

  it('names the file, the field and what was expected', () => {
    const cases: [string, string][] = [
      ['reports: [job-history]\noutput: { format: pdf, out: x }\n', 'f.yaml: output.format'],
      ['reports: [jobs]\noutput: { format: csv, out: x }\n', 'f.yaml: reports.0'],
      ['reports: [all]\noutput: { format: xlsx }\n', 'f.yaml: output.out: required for xlsx'],
      ['reports: [all]\noutput: { format: sheets }\n', 'f.yaml: output.spreadsheet'],
      [
        'reports: [all]\nwindow: { last: 1d, since: x }\noutput: { format: csv, out: x }\n',
        'f.yaml: window',
      ],
      ['reports: [all]\ncolour: red\noutput: { format: csv, out: x }\n', 'f.yaml: (top level)'],
      [
        'reports: [all]\noutput: { format: sheets, spreadsheet: new, share_with: [nobody] }\n',
        'f.yaml: output.share_with.0',
      ],
      ['reports: [all\n', 'f.yaml: not valid YAML'],
    ];
    for (const [text, message] of cases) {
      const error = refusal(() => parseReportSpec(text, 'f.yaml'));
      expect(error.message, text).toContain(message);
      expect(error.exitCode).toBe(2);
    }
    expect(refusal(() => loadReportSpec('reports/missing.yaml')).message).toContain(
      'reports/missing.yaml: cannot read',
    );
  });
});

describe('report flags', () => {
  const base: ReportArgs = { kinds: ['job-history'], offline: false };

  it('reads kinds, ids, the window and the format from the flags', () => {
    const job = reportJobFromArgs({
      ...base,
      kinds: ['job-history,recipe-inventory', 'job-history'],
      since: '2026-11-01',
      until: '2026-11-02',
      recipe: ['101,102', 103],
      out: 'x/report.XLSX',
    });
    expect(job).toMatchObject({
      kinds: ['job-history', 'recipe-inventory'],
      window: { kind: 'explicit', since: '2026-11-01', until: '2026-11-02' },
      recipeIds: [101, 102, 103],
      format: 'xlsx',
    });
    expect(reportJobFromArgs({ ...base, kinds: ['all'], out: 'dir' }).kinds).toEqual([
      ...REPORT_KINDS,
    ]);
    expect(reportJobFromArgs({ ...base, spreadsheet: 'new' }).format).toBe('sheets');
  });

  it('refuses conflicting or incomplete flags with exit code 2', () => {
    const cases: [Partial<ReportArgs>, string][] = [
      [{ last: '1d', since: '2026-11-01', out: 'x' }, '--last'],
      [{ since: '2026-11-01', out: 'x' }, '--until: required'],
      [{ recipe: ['12a'], out: 'x' }, "--recipe: '12a'"],
      [{ 'low-remaining': 5, out: 'x' }, '--low-remaining'],
      [{}, '--format'],
      [{ kinds: [], out: 'x' }, 'name at least one report'],
    ];
    for (const [args, message] of cases) {
      const error = refusal(() => reportJobFromArgs({ ...base, ...args }));
      expect(error.message).toContain(message);
      expect(error.exitCode).toBe(2);
    }
  });

  it('resolves the window, naming the flag or the spec field that is wrong', () => {
    const now = Date.UTC(2026, 11, 3, 12);
    const last = reportJobFromArgs({ ...base, last: '1d', out: 'x' });
    expect(resolveJobWindow(last, 'UTC', now)).toEqual({
      since: Date.UTC(2026, 11, 2),
      until: Date.UTC(2026, 11, 3),
      timeZone: 'UTC',
    });
    const badLast = reportJobFromArgs({ ...base, last: 'yesterday', out: 'x' });
    expect(refusal(() => resolveJobWindow(badLast, 'UTC', now)).message).toContain(
      "--last: 'yesterday'",
    );
    const spec = parseReportSpec(
      'reports: [all]\nwindow: { since: 2026-11-31, until: 2026-12-02 }\n' +
        'output: { format: csv, out: x }\n',
      's.yaml',
    );
    const fromSpec = reportJobFromSpec(spec, 's.yaml', { offline: true });
    expect(refusal(() => resolveJobWindow(fromSpec, 'UTC', now)).message).toContain(
      "s.yaml: window.since: '2026-11-31'",
    );
    const stateOnly = reportJobFromArgs({ ...base, kinds: ['recipe-inventory'], out: 'x' });
    expect(resolveJobWindow(stateOnly, 'UTC', now)).toBeNull();
    const windowed = reportJobFromArgs({ ...base, out: 'x' });
    expect(refusal(() => resolveJobWindow(windowed, 'UTC', now)).message).toContain(
      'job-history needs a window',
    );
  });
});
