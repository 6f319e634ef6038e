/**
 * The Sheets and Drive calls the sink makes, each through the run's quota limiters, its retry
 * policy and its error mapping. Endpoints come from GOOGLE_SHEETS_ENDPOINT and
 * GOOGLE_DRIVE_ENDPOINT when set (Private Service Connect, a corporate proxy; the tests' fake).
 * googleapis' own retries are switched off: this module owns them (see quota.ts).
 */
import { google } from 'googleapis';
import type { drive_v3, sheets_v4 } from 'googleapis';

import type { Logger } from '../../shared/logger.js';
import type { GoogleCredentials } from './credentials.js';
import { toSheetsError } from './errors.js';
import { withRetries, type MinuteLimiter, type RetryContext } from './quota.js';

export interface SheetInfo {
  sheetId: number;
  title: string;
  index: number;
  hidden: boolean;
  rowCount: number;
  columnCount: number;
}

export interface SpreadsheetInfo {
  spreadsheetId: string;
  title: string;
  sheets: SheetInfo[];
}

export interface ValueRange {
  range: string;
  values: unknown[][];
}

/** What the run sent, for the outcome log and the benchmark. */
export interface RequestStats {
  writes: number;
  reads: number;
  valueWrites: number;
  valueBytes: number[];
  retries: number;
}

export interface SheetsClientOptions {
  credentials: GoogleCredentials;
  env: NodeJS.ProcessEnv;
  writes: MinuteLimiter;
  reads: MinuteLimiter;
  retry: RetryContext;
  logger: Logger;
}

function endpoint(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  return text.endsWith('/') ? text : `${text}/`;
}

function toInfo(data: sheets_v4.Schema$Spreadsheet): SpreadsheetInfo {
  return {
    spreadsheetId: data.spreadsheetId ?? '',
    title: data.properties?.title ?? '',
    sheets: (data.sheets ?? []).map((s) => ({
      sheetId: s.properties?.sheetId ?? 0,
      title: s.properties?.title ?? '',
      index: s.properties?.index ?? 0,
      hidden: s.properties?.hidden === true,
      rowCount: s.properties?.gridProperties?.rowCount ?? 0,
      columnCount: s.properties?.gridProperties?.columnCount ?? 0,
    })),
  };
}

export class SheetsClient {
  readonly stats: RequestStats = {
    writes: 0,
    reads: 0,
    valueWrites: 0,
    valueBytes: [],
    retries: 0,
  };
  private readonly sheets: sheets_v4.Sheets;
  private readonly drive: drive_v3.Drive;

  constructor(private readonly options: SheetsClientOptions) {
    const auth = options.credentials.auth;
    const common = { auth, retry: false };
    const sheetsRoot = endpoint(options.env.GOOGLE_SHEETS_ENDPOINT);
    const driveRoot = endpoint(options.env.GOOGLE_DRIVE_ENDPOINT);
    this.sheets = google.sheets({ version: 'v4', ...common, rootUrl: sheetsRoot });
    this.drive = google.drive({ version: 'v3', ...common, rootUrl: driveRoot });
  }

  async getSpreadsheet(spreadsheetId: string): Promise<SpreadsheetInfo> {
    const fields = 'spreadsheetId,properties.title,sheets.properties';
    const data = await this.read('spreadsheets.get', spreadsheetId, async () => {
      return (await this.sheets.spreadsheets.get({ spreadsheetId, fields })).data;
    });
    return toInfo(data);
  }

  async readValues(spreadsheetId: string, ranges: string[]): Promise<unknown[][][]> {
    const data = await this.read('values.batchGet', spreadsheetId, async () => {
      const response = await this.sheets.spreadsheets.values.batchGet({
        spreadsheetId,
        ranges,
        valueRenderOption: 'UNFORMATTED_VALUE',
        majorDimension: 'ROWS',
      });
      return response.data;
    });
    return (data.valueRanges ?? []).map((r) => (r.values ?? []) as unknown[][]);
  }

  /** values.batchUpdate, RAW: values written at fixed ranges, so a retry is harmless. */
  async writeValues(spreadsheetId: string, data: ValueRange[], bytes: number): Promise<void> {
    this.stats.valueWrites += 1;
    this.stats.valueBytes.push(bytes);
    await this.write('values.batchUpdate', spreadsheetId, { idempotent: true }, async () => {
      await this.sheets.spreadsheets.values.batchUpdate({
        spreadsheetId,
        requestBody: { valueInputOption: 'RAW', data },
      });
    });
  }

  /**
   * spreadsheets.batchUpdate: atomic. After an ambiguous failure it is retried only when the
   * requests are idempotent (absolute settings) or `verify` says the batch was not applied.
   */
  async batchUpdate(
    spreadsheetId: string,
    requests: sheets_v4.Schema$Request[],
    what: string,
    guard: { idempotent: true } | { verify: () => Promise<boolean> },
  ): Promise<void> {
    const options =
      'verify' in guard
        ? {
            idempotent: false,
            verify: async () => ((await guard.verify()) ? true : undefined),
          }
        : { idempotent: true };
    await this.write(what, spreadsheetId, options, async () => {
      await this.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
      return true;
    });
  }

  /** spreadsheets.create: retried only when surely not applied (429), never duplicated. */
  async create(title: string, firstTab: string): Promise<SpreadsheetInfo> {
    const data = await this.write(
      'spreadsheets.create',
      undefined,
      { idempotent: false },
      async () => {
        const response = await this.sheets.spreadsheets.create({
          requestBody: { properties: { title }, sheets: [{ properties: { title: firstTab } }] },
          fields: 'spreadsheetId,properties.title,sheets.properties',
        });
        return response.data;
      },
    );
    return toInfo(data);
  }

  /** Drive permissions.create (reader); granting the same reader twice changes nothing. */
  async share(fileId: string, emailAddress: string, notify: boolean): Promise<void> {
    await withRetries(
      () =>
        this.call('drive.permissions.create', fileId, async () => {
          await this.drive.permissions.create({
            fileId,
            sendNotificationEmail: notify,
            supportsAllDrives: true,
            requestBody: { type: 'user', role: 'reader', emailAddress },
          });
        }),
      this.options.retry,
      { what: 'drive.permissions.create', idempotent: true },
    );
  }

  private async call<T>(what: string, spreadsheetId: string | undefined, run: () => Promise<T>) {
    try {
      return await run();
    } catch (error) {
      throw toSheetsError(error, {
        endpoint: what,
        spreadsheetId,
        principal: this.options.credentials.principal,
        credentialSource: this.options.credentials.source,
      });
    }
  }

  private read<T>(what: string, spreadsheetId: string, run: () => Promise<T>): Promise<T> {
    let attempts = 0;
    return withRetries(
      async () => {
        if (attempts++ > 0) this.stats.retries += 1;
        await this.options.reads.take();
        this.stats.reads += 1;
        return this.call(what, spreadsheetId, run);
      },
      this.options.retry,
      { what, idempotent: true },
    );
  }

  private write<T>(
    what: string,
    spreadsheetId: string | undefined,
    options: { idempotent: boolean; verify?: () => Promise<T | undefined> },
    run: () => Promise<T>,
  ): Promise<T> {
    let attempts = 0;
    return withRetries(
      async () => {
        if (attempts++ > 0) this.stats.retries += 1;
        await this.options.writes.take();
        this.stats.writes += 1;
        return this.call(what, spreadsheetId, run);
      },
      this.options.retry,
      { what, ...options },
    );
  }
}
