/**
 * The Google Sheets sink: one tab per report plus an `About` tab, in an existing spreadsheet
 * or a new one, in replace mode (atomic tab swap) or append mode (new keys only), within
 * Google's quotas and limits. Each report is written on its own: when one fails the others are
 * still written, the About tab says which failed, and the sink then throws (exit code 1).
 */
import { RecipeOpsError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logger.js';
import type { Provenance, Report } from '../../transform/report.js';
import { describeError } from '../../shared/errors.js';
import type { ReportWriter, WriteOutcome } from '../sink.js';
import { aboutRows, writeAboutTab, type AboutReport } from './about-tab.js';
import { appendReport } from './append.js';
import { SheetsClient, type RequestStats } from './client.js';
import { resolveCredentials } from './credentials.js';
import {
  DEFAULT_KEY_COLUMN,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_READS_PER_MINUTE,
  DEFAULT_TITLE,
  DEFAULT_WRITES_PER_MINUTE,
  parseSpreadsheetTarget,
  renderTitle,
  type SheetsWriteOptions,
} from './options.js';
import { DEFAULT_RETRY_POLICY, MinuteLimiter, realSleep } from './quota.js';
import { ReplaceWriter } from './replace.js';
import { SheetsRun } from './run.js';
import { planTabTitles } from './tab-names.js';

export interface SheetsWriteOutcome extends WriteOutcome {
  /** Every spreadsheet written (more than one after a rollover). */
  spreadsheets: { spreadsheetId: string; url: string }[];
  requests: RequestStats;
}

export async function writeSheets(
  reports: readonly Report[],
  provenance: Provenance,
  options: SheetsWriteOptions,
): Promise<SheetsWriteOutcome> {
  const logger = options.logger ?? silentLogger;
  const env = options.env ?? process.env;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const mode = options.mode ?? 'replace';
  const target = parseSpreadsheetTarget(options.spreadsheet);
  const credentials = await resolveCredentials(env);
  logger.info(
    { credentials: credentials.source, principal: credentials.principal },
    'Google Sheets sink: credentials found',
  );
  const client = new SheetsClient({
    credentials,
    env,
    writes: new MinuteLimiter(options.writesPerMinute ?? DEFAULT_WRITES_PER_MINUTE, now, sleep),
    reads: new MinuteLimiter(options.readsPerMinute ?? DEFAULT_READS_PER_MINUTE, now, sleep),
    retry: {
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS },
      sleep,
      logger,
    },
    logger,
  });
  const names = reports.map((r) => r.name);
  const run = new SheetsRun(
    client,
    {
      maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      onCellLimit: options.onCellLimit ?? 'fail',
      keyColumn: options.keyColumn ?? DEFAULT_KEY_COLUMN,
      shareWith: options.shareWith ?? [],
      notifyReaders: options.notifyReaders ?? false,
      newTitle: renderTitle(options.title ?? DEFAULT_TITLE, provenance.generatedAt, names),
    },
    logger,
  );
  // Shortcoming: with `new`, the spreadsheet is created even when every report is then refused
  // by the cell limit (it holds only the About tab saying why). A pre-check of
  // Report.rowCount before creating would end that.
  if (target.kind === 'new') await run.createNew();
  else await run.openExisting(target.spreadsheetId);

  const titles = planTabTitles(names);
  const done: AboutReport[] = [];
  for (const [i, report] of reports.entries()) {
    const title = titles[i] ?? report.name;
    const entry: AboutReport = { report, summary: null, error: null, truncated: 0, mode };
    done.push(entry);
    try {
      const existing = run.book.info.sheets.find(
        (s) => s.title.toLowerCase() === title.toLowerCase(),
      );
      if (mode === 'append' && existing) {
        const result = await appendReport(run, report, existing);
        entry.summary = result.summary;
        entry.truncated = result.truncated;
        logger.info(
          { report: report.name, appended: result.summary.rowCount, skipped: result.skipped },
          `appended ${result.summary.rowCount} rows to "${title}"`,
        );
      } else {
        const writer = new ReplaceWriter(run, report, title);
        entry.summary = await writer.write();
        entry.truncated = writer.truncatedCells;
        logger.info(
          { report: report.name, rows: entry.summary.rowCount },
          `wrote ${entry.summary.rowCount} rows to "${title}"`,
        );
      }
    } catch (error) {
      entry.error = describeError(error);
      logger.error({ report: report.name, err: error }, `report ${report.name}: ${entry.error}`);
      if (!(error instanceof RecipeOpsError)) throw error;
    }
  }
  for (const book of run.books) {
    await writeAboutTab(run, book, aboutRows(provenance, book, run.books, done));
  }
  logger.info(
    { writes: client.stats.writes, reads: client.stats.reads, retries: client.stats.retries },
    'Google Sheets sink: done',
  );
  const failed = done.filter((d) => d.error);
  if (failed.length > 0) {
    throw new RecipeOpsError(
      `Google Sheets: ${failed.length} of ${reports.length} reports not written: ` +
        failed.map((f) => `${f.report.name}: ${f.error}`).join('; '),
      { exitCode: 1 },
    );
  }
  return {
    location: run.books.map((b) => b.url).join(' '),
    reports: done.flatMap((d) => (d.summary ? [d.summary] : [])),
    spreadsheets: run.books.map((b) => ({ spreadsheetId: b.info.spreadsheetId, url: b.url })),
    requests: client.stats,
  };
}

/** The sink in the shape every sink has (src/load/sink.ts). */
export const sheetsWriter: ReportWriter<SheetsWriteOptions> = writeSheets;
