/**
 * Runs one ReportJob: checks it, syncs the accounts it needs (unless offline), builds the
 * reports from the archive and writes them with their provenance. Returns the exit code:
 * 0 all done; 1 some accounts failed (the reports were still written, without them, and the
 * summary and provenance name them). Bad usage throws ConfigError (exit 2).
 */
import { ConfigError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Archive } from '../store/archive.js';
import { isInMemoryArchive, resolveArchivePath } from '../store/archive-path.js';
import { openArchive } from '../store/sqlite/sqlite-archive.js';
import { coverageGaps } from '../transform/coverage.js';
import type { ReportQuery } from '../transform/report-query.js';
import {
  DEFAULT_LOW_ACTIVITY,
  DEFAULT_LOW_REMAINING_SHARE,
  WINDOWED_KINDS,
} from '../transform/report-query.js';
import { selectArchivedAccounts } from '../transform/select-accounts.js';
import type { ReportWindow } from '../transform/window.js';
import { parseWindow, relativeWindow, resolveZone, windowText } from '../transform/window.js';
import type { ReportJob } from './report-job.js';
import { buildProvenance } from './report-provenance.js';
import type { ReportSyncOutcome } from './report-sync.js';
import { writeReports } from './report-write.js';

const DAY_MS = 86_400_000;

export interface RunnerContext {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  logger: Logger;
  /** The clock relative windows are resolved against (default Date.now). */
  now?: () => number;
}

/** The job's window, or null for state-only reports; ConfigError when one is missing. */
export function resolveJobWindow(
  job: ReportJob,
  timeZone: string,
  now: number,
): ReportWindow | null {
  const needsWindow = job.kinds.filter((k) => WINDOWED_KINDS.includes(k));
  if (job.window === null) {
    if (needsWindow.length > 0) {
      const verb = needsWindow.length === 1 ? 'needs' : 'need';
      throw new ConfigError(`${job.origin}: ${needsWindow.join(', ')} ${verb} a window`, {
        hint: 'give --since and --until (a spec: window.last or window.since/until)',
      });
    }
    return null;
  }
  const fromSpec = job.origin !== 'report';
  if (job.window.kind === 'relative') {
    const field = fromSpec ? `${job.origin}: window.last` : '--last';
    return relativeWindow(job.window.last, now, timeZone, field);
  }
  const names = fromSpec
    ? { since: `${job.origin}: window.since`, until: `${job.origin}: window.until` }
    : undefined;
  return parseWindow(job.window.since, job.window.until, timeZone, names);
}

function checkDestination(job: ReportJob): void {
  if (job.format === 'sheets' && !job.spreadsheet) {
    throw new ConfigError(`${job.origin}: --format sheets needs --spreadsheet ID|URL|new`);
  }
  if (job.format !== 'sheets' && !job.out) {
    throw new ConfigError(`${job.origin}: --format ${job.format} needs --out PATH`);
  }
}

/** Filters as provenance states them: what the user asked for. */
function filtersOf(job: ReportJob): Record<string, string | readonly string[]> {
  const filters: Record<string, string | readonly string[]> = {};
  if (job.accounts?.length) filters.account = job.accounts;
  if (job.recipeIds?.length) filters.recipe = job.recipeIds.map(String);
  if (job.folderIds?.length) filters.folder = job.folderIds.map(String);
  if (job.statuses?.length) filters.status = job.statuses;
  return filters;
}

export async function runReportJob(job: ReportJob, context: RunnerContext): Promise<number> {
  const timeZone = resolveZone(
    job.timeZone,
    job.origin === 'report' ? '--tz' : `${job.origin}: tz`,
  );
  const now = (context.now ?? Date.now)();
  const window = resolveJobWindow(job, timeZone, now);
  checkDestination(job);
  const query: ReportQuery = {
    window,
    timeZone,
    recipeIds: job.recipeIds?.length ? job.recipeIds : undefined,
    folderIds: job.folderIds?.length ? job.folderIds : undefined,
    statuses: job.statuses?.length ? job.statuses : undefined,
    lowRemainingShare: job.lowRemainingShare ?? DEFAULT_LOW_REMAINING_SHARE,
    lowActivity: DEFAULT_LOW_ACTIVITY,
  };
  const archivePath = resolveArchivePath(job.db, context.env);
  const archive = openArchive(archivePath);
  try {
    const sync = await syncOrSelect(job, { archive, archivePath }, context, query, now);
    const reports = { archivePath, kinds: job.kinds, query: { ...query, accounts: sync.synced } };
    const provenance = await buildProvenance({
      archive,
      query,
      included: sync.synced,
      failed: sync.failed,
      filters: filtersOf(job),
    });
    const accountLines = [`accounts included: ${sync.synced.join(', ') || 'none'}`];
    if (window !== null) {
      for (const gap of await coverageGaps(archive, sync.synced, window)) {
        const from = windowText({ ...window, since: gap.archivedFrom }).since;
        const line =
          `warning: ${gap.account}: jobs are archived only from ${from}, after the window's ` +
          'start (the first sync of it backfilled no further)';
        context.logger.warn(line);
        accountLines.push(line);
      }
    }
    for (const failure of sync.failed) {
      accountLines.push(`account failed: ${failure.account}: ${failure.reason}`);
    }
    let outcome;
    try {
      outcome = await writeReports({ archive, reports }, provenance, job, context);
    } catch (error) {
      // The sink says what it could not write; the accounts summary is still due.
      context.stdout.write(accountLines.join('\n') + '\n');
      throw error;
    }
    const lines = outcome.reports.map(
      (r) => `wrote ${r.name}: ${r.rowCount} row(s) to ${outcome.location}`,
    );
    context.stdout.write([...lines, ...accountLines].join('\n') + '\n');
    return sync.failed.length > 0 ? 1 : 0;
  } finally {
    await archive.close();
  }
}

async function syncOrSelect(
  job: ReportJob,
  { archive, archivePath }: { archive: Archive; archivePath: string },
  context: RunnerContext,
  query: ReportQuery,
  now: number,
): Promise<ReportSyncOutcome> {
  if (job.offline) {
    return { synced: await selectArchivedAccounts(archive, job.accounts), failed: [] };
  }
  // A first sync backfills the window and the trailing days low_activity compares against;
  // for state-only reports, the 30 days `recipe-ops sync` backfills by default.
  const since =
    query.window === null
      ? now - 30 * DAY_MS
      : query.window.since - (query.lowActivity.trailingDays + 1) * DAY_MS;
  // The sync thread loads the API client and the sync engine; this thread only supervises. An
  // archive in memory cannot be opened by another thread: it is synced here.
  const [{ superviseSync }, { reportSyncOffThread }] = await Promise.all([
    import('./sync-supervisor.js'),
    import('./sync-thread.js'),
  ]);
  const { logger } = context;
  const selectors = job.accounts === undefined ? undefined : [...job.accounts];
  return superviseSync(
    { archivePath, logger, stopping: 'stopping the sync after the current transaction' },
    async (controls) => {
      if (isInMemoryArchive(archivePath)) {
        const { syncSelectedAccounts } = await import('./report-sync.js');
        return syncSelectedAccounts({
          archive,
          selectors,
          accountsFile: job.accountsFile,
          env: context.env,
          since,
          logger,
          signal: controls.signal,
          onProgress: controls.onProgress,
        });
      }
      return reportSyncOffThread(
        {
          archivePath,
          selectors,
          accountsFile: job.accountsFile,
          since,
          log: { level: logger.level, pretty: Boolean(process.stderr.isTTY) },
          progress: controls.progress,
        },
        { env: context.env, signal: controls.signal, onProgress: controls.onProgress },
      );
    },
  );
}
