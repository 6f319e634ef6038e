/**
 * Helpers for tests of the Sheets sink: a virtual clock (so quota waits and Retry-After cost
 * no wall-clock time), generated job-history reports, provenance, and the environment that
 * points googleapis at the fake.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Column, Provenance, Report, Row } from '../../src/transform/report.js';
import type { FakeSheetsServer } from './sheets-server.js';

export interface VirtualClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  sleeps: number[];
}

export function virtualClock(start = Date.parse('2026-11-30T12:00:00Z')): VirtualClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
      return Promise.resolve();
    },
    sleeps,
  };
}

export function fakeEnv(
  server: FakeSheetsServer,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    GOOGLE_SHEETS_ENDPOINT: server.url,
    GOOGLE_DRIVE_ENDPOINT: server.url,
    GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29.test-token-do-not-log',
    ...extra,
  };
}

/** A service-account key file with a fresh RSA key (never a real account). */
export function serviceAccountKeyFile(clientEmail: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dir = mkdtempSync(join(tmpdir(), 'sheets-key-'));
  const path = join(dir, 'key.json');
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: 'test-project',
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: clientEmail,
      client_id: '1',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return path;
}

export const JOB_COLUMNS: Column[] = [
  { name: 'account_id', type: 'integer' },
  { name: 'account_name', type: 'string' },
  { name: 'recipe_id', type: 'integer' },
  { name: 'recipe_name', type: 'string', width: 40 },
  { name: 'job_id', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'started_at', type: 'timestamp' },
  { name: 'completed_at', type: 'timestamp' },
  { name: 'duration_s', type: 'number' },
  { name: 'is_poll_error', type: 'boolean' },
  { name: 'is_repeat', type: 'boolean' },
  { name: 'error_type', type: 'string' },
  { name: 'error', type: 'string', width: 60 },
  { name: 'title', type: 'string' },
  { name: 'date', type: 'date' },
];

export const BASE_MS = Date.parse('2026-11-01T00:00:00Z');

/** Row i of a generated job history: deterministic, one failure in ten, a job every minute. */
export function jobRow(i: number): Row {
  const started = BASE_MS + i * 60_000;
  const failed = i % 10 === 3;
  return [
    1000 + (i % 7),
    `Account ${i % 7}`,
    50_000 + (i % 300),
    `Sync orders to warehouse ${i % 300} (nightly batch)`,
    `j-${(10_000_000 + i).toString(36)}`,
    failed ? 'failed' : i % 50 === 7 ? 'pending' : 'succeeded',
    started,
    i % 50 === 7 ? null : started + 1500 + (i % 13) * 250 + (i % 7),
    i % 50 === 7 ? null : 1.5 + (i % 13) * 0.25,
    failed && i % 20 === 3,
    i % 17 === 0,
    failed ? 'Timeout calling {url}' : '',
    failed ? `Timeout after 30s calling https://api.example.com/orders/${i}` : '',
    `Order #${100_000 + i} for customer ${i % 1000}`,
    new Date(started).toISOString().slice(0, 10),
  ];
}

export function jobHistory(
  count: number,
  options: { start?: number; rowCount?: boolean; name?: string; row?: (i: number) => Row } = {},
): Report {
  const start = options.start ?? 0;
  const make = options.row ?? jobRow;
  return {
    name: options.name ?? 'job-history',
    columns: JOB_COLUMNS,
    timeZone: 'Europe/Berlin',
    rowCount: options.rowCount === false ? undefined : count,
    // eslint-disable-next-line @typescript-eslint/require-await -- rows are generated in memory
    rows: (async function* () {
      for (let i = start; i < start + count; i += 1) yield make(i);
    })(),
  };
}

export function provenance(kind: 'sandbox' | 'live' = 'sandbox'): Provenance {
  return {
    tool: 'recipe-ops',
    toolVersion: '0.1.0',
    generatedAt: '2026-11-30T12:00:00.000Z',
    dataSource: { kind, description: 'sandbox seed 42' },
    accountsIncluded: ['1000', '1001'],
    accountsFailed: [],
    window: {
      since: '2026-11-01T00:00:00+01:00',
      until: '2026-12-01T00:00:00+01:00',
      timeZone: 'Europe/Berlin',
    },
    filters: {},
    lastSyncedAt: { '1000': '2026-11-30T11:00:00Z' },
  };
}

/** Expected Sheets serial of an instant in Europe/Berlin (computed independently of the sink). */
export function berlinSerial(ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Berlin',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(ms));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return (ms + offset * 60_000) / 86_400_000 + 25_569;
}
