/**
 * How a sync shows progress: a bar on a TTY (accounts done / total, jobs fetched, requests,
 * rate-limit waits), nothing extra otherwise (the JSON log lines say it), and a final summary
 * table per account.
 */
import cliProgress from 'cli-progress';

import type { ClientStats } from '../extract/workato/api.js';
import type { AccountSyncOutcome } from '../store/archive.js';
import type { SyncProgressEvent } from '../store/sync/index.js';

export interface SyncProgressView {
  onProgress: (event: SyncProgressEvent) => void;
  stop: () => void;
}

export function createSyncProgress(
  stream: NodeJS.WriteStream,
  stats: () => ClientStats,
): SyncProgressView {
  if (!stream.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        'sync [{bar}] {value}/{total} accounts | {jobs} jobs | {requests} requests | ' +
        '{waits} rate-limit waits ({waitS} s)',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let jobs = 0;
  const payload = () => {
    const s = stats();
    return {
      jobs,
      requests: s.requests,
      waits: s.rateLimited,
      waitS: (s.rateLimitWaitMs / 1000).toFixed(1),
    };
  };
  let started = false;
  return {
    onProgress: (event) => {
      if (event.type === 'accounts') {
        bar.start(event.total, 0, payload());
        started = true;
      } else if (event.type === 'page') {
        jobs += event.jobs;
        bar.update(payload());
      } else if (event.type === 'account-end') {
        bar.increment(1, payload());
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

const COLUMNS = ['account', 'result', 'recipes', 'new jobs', 'updated jobs', 'connections'];

/** The per-account summary: one line each, failures with their reason. */
export function formatSyncSummary(outcomes: readonly AccountSyncOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.accountKey,
    o.ok ? 'ok' : 'FAILED',
    String(o.recipes),
    String(o.newJobs),
    String(o.updatedJobs),
    String(o.connections),
    String(o.requests),
  ]);
  const header = [...COLUMNS, 'requests'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  const failures = outcomes
    .filter((o) => !o.ok)
    .map((o) => {
      const reason = o.error ?? 'unknown error';
      const said = reason.startsWith(`${o.accountKey}: `)
        ? reason.slice(o.accountKey.length + 2)
        : reason;
      return `failed: ${o.accountKey}: ${said}`;
    });
  return [line(header), ...rows.map(line), ...failures].join('\n') + '\n';
}
