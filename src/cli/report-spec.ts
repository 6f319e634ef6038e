/**
 * Report specs (reports/*.yaml): one file per standing report job, validated with zod when
 * loaded. An error names the file, the field and what was expected (ConfigError, exit 2).
 *
 *   reports: [job-history, transaction-usage]   # or [all]
 *   window: { last: 1d }          # 7d, 12h, month-to-date, previous-month; or since/until
 *   tz: Europe/Berlin             # default UTC
 *   filters: { accounts: [acme], recipes: [101], folders: [7], statuses: [failed] }
 *   thresholds: { low_remaining: 0.1 }
 *   output:
 *     format: xlsx                # csv | xlsx | sheets
 *     out: ./out/nightly.xlsx     # csv / xlsx; relative to the working directory
 *     delimiter: ','              # csv
 *     spreadsheet: new            # sheets: id, URL or new
 *     mode: replace               # sheets: replace | append
 *     title: 'Workato {report} {date}'
 *     share_with: [auditor@example.com]
 *     on_cell_limit: fail         # sheets: fail | rollover (over Google's 10M cells)
 */
import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConfigError } from '../shared/errors.js';
import { REPORT_KINDS } from '../transform/report-query.js';
import { parseKinds, STATUSES } from './report-options.js';
import type { ReportJob } from './report-job.js';

const id = z.number().int().positive();
const text = z.string().min(1);

const windowSchema = z.union([
  z.object({ last: text }).strict(),
  z.object({ since: text, until: text }).strict(),
]);

export const reportSpecSchema = z
  .object({
    reports: z.array(z.enum([...REPORT_KINDS, 'all'])).min(1),
    window: windowSchema.optional(),
    tz: text.optional(),
    filters: z
      .object({
        accounts: z.array(text).optional(),
        recipes: z.array(id).optional(),
        folders: z.array(id).optional(),
        statuses: z.array(z.enum(STATUSES as [string, ...string[]])).optional(),
      })
      .strict()
      .optional(),
    thresholds: z
      .object({ low_remaining: z.number().min(0).max(1).optional() })
      .strict()
      .optional(),
    output: z
      .object({
        format: z.enum(['csv', 'xlsx', 'sheets']),
        out: text.optional(),
        delimiter: z.enum([',', ';', 'tab']).optional(),
        spreadsheet: text.optional(),
        mode: z.enum(['replace', 'append']).optional(),
        title: text.optional(),
        share_with: z.array(z.email()).optional(),
        on_cell_limit: z.enum(['fail', 'rollover']).optional(),
      })
      .strict()
      .superRefine((output, ctx) => {
        if (output.format === 'sheets' && !output.spreadsheet) {
          ctx.addIssue({ code: 'custom', path: ['spreadsheet'], message: 'required for sheets' });
        }
        if (output.format !== 'sheets' && !output.out) {
          ctx.addIssue({ code: 'custom', path: ['out'], message: `required for ${output.format}` });
        }
      }),
  })
  .strict();
export type ReportSpec = z.output<typeof reportSpecSchema>;

function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.') || '(top level)';
  return `${file}: ${field}: ${issue.message}`;
}

/** Parses and validates a spec's text; `file` is only used in messages. */
export function parseReportSpec(source: string, file: string): ReportSpec {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = reportSpecSchema.safeParse(data);
  if (!result.success) {
    const [first, ...rest] = result.error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more problem(s))` : '';
    throw new ConfigError(first ? describeIssue(file, first) + more : `${file}: invalid spec`, {
      hint: rest.length > 0 ? rest.map((i) => describeIssue(file, i)).join('; ') : undefined,
    });
  }
  return result.data;
}

export function loadReportSpec(file: string): ReportSpec {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the report spec (${(error as Error).message})`);
  }
  return parseReportSpec(source, file);
}

export function reportJobFromSpec(
  spec: ReportSpec,
  file: string,
  overrides: { db?: string; accountsFile?: string; offline: boolean },
): ReportJob {
  const window = spec.window;
  return {
    origin: file,
    kinds: parseKinds(spec.reports, `${file}: reports`),
    window:
      window === undefined
        ? null
        : 'last' in window
          ? { kind: 'relative', last: window.last }
          : { kind: 'explicit', since: window.since, until: window.until },
    timeZone: spec.tz,
    accounts: spec.filters?.accounts,
    recipeIds: spec.filters?.recipes,
    folderIds: spec.filters?.folders,
    statuses: spec.filters?.statuses as ReportJob['statuses'],
    lowRemainingShare: spec.thresholds?.low_remaining,
    format: spec.output.format,
    out: spec.output.out,
    delimiter: spec.output.delimiter,
    spreadsheet: spec.output.spreadsheet,
    sheetsMode: spec.output.mode,
    sheetsTitle: spec.output.title,
    shareWith: spec.output.share_with,
    onCellLimit: spec.output.on_cell_limit,
    db: overrides.db,
    accountsFile: overrides.accountsFile,
    offline: overrides.offline,
  };
}
