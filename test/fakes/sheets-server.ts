/**
 * A local fake of the Google Sheets v4 and Drive v3 (permissions) endpoints that the Sheets
 * loader uses, over real HTTP on 127.0.0.1, so that googleapis runs its production code path
 * against it (pointed there with GOOGLE_SHEETS_ENDPOINT / GOOGLE_DRIVE_ENDPOINT → rootUrl).
 * It keeps spreadsheets in memory, enforces Google's limits, answers 429 / 500 / 403 on demand
 * and records every request.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  applyWrite,
  FakeApiError,
  newSheet,
  parseRange,
  readRange,
  type FakeSheet,
  type FakeSpreadsheet,
} from './sheets-model.js';
import { routeRequest } from './sheets-routes.js';

export { cellCount, type FakeSheet, type FakeSpreadsheet } from './sheets-model.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  bodyBytes: number;
  /** Parsed JSON body (undefined when recordBodies is off or there is none). */
  body: unknown;
  status: number;
  authorization: string | undefined;
  /** POST requests to Sheets: what Google counts against the write quota. */
  isSheetsWrite: boolean;
}

/** A scripted failure: answers `status` instead of handling the request, `times` times. */
export interface Fault {
  match: (request: { method: string; path: string; writeNumber: number }) => boolean;
  status: number;
  retryAfterSeconds?: number;
  message?: string;
  times: number;
  /** Apply the request, then answer with the failure (an ambiguous failure for the client). */
  afterApplying?: boolean;
}

/** A tab to start with: its values, and optionally a grid larger than they need. */
export interface FakeTab {
  title: string;
  rows?: unknown[][];
  rowCount?: number;
  columnCount?: number;
}

export interface FakeSheetsOptions {
  /** Keep cell values (default true); benchmarks turn it off to count only. */
  keepValues?: boolean;
  /** Keep request bodies in the record (default true). */
  recordBodies?: boolean;
}

export interface FakeSheetsServer {
  url: string;
  spreadsheets: Map<string, FakeSpreadsheet>;
  requests: RecordedRequest[];
  faults: Fault[];
  /** Spreadsheet ids the caller may not edit (403 PERMISSION_DENIED on every call). */
  denied: Set<string>;
  addSpreadsheet(title: string, tabs?: FakeTab[]): FakeSpreadsheet;
  /** Fails the nth Sheets write request (1-based, counted from now) with `status`. */
  failNthWrite(n: number, status: number, options?: Partial<Fault>): void;
  sheet(spreadsheetId: string, title: string): FakeSheet | undefined;
  /** values as values.get would return them (trailing empties trimmed). */
  values(spreadsheetId: string, title: string): unknown[][];
  writeRequests(): RecordedRequest[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(text);
}

function googleError(code: number, message: string, status: string): unknown {
  return { error: { code, message, status } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeSheets(options: FakeSheetsOptions = {}): Promise<FakeSheetsServer> {
  const keepValues = options.keepValues ?? true;
  const recordBodies = options.recordBodies ?? true;
  const spreadsheets = new Map<string, FakeSpreadsheet>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const denied = new Set<string>();
  let writeCount = 0;

  const addSpreadsheet = (
    title: string,
    tabs: FakeTab[] = [{ title: 'Sheet1' }],
  ): FakeSpreadsheet => {
    const spreadsheetId = randomBytes(16).toString('base64url');
    const book: FakeSpreadsheet = {
      spreadsheetId,
      properties: { title, timeZone: 'Etc/GMT' },
      sheets: [],
      permissions: [],
    };
    tabs.forEach((tab, index) => {
      const rows = tab.rows ?? [];
      const sheet = newSheet({
        sheetId: index === 0 ? 0 : 1000 + index,
        title: tab.title,
        index,
        gridProperties: {
          rowCount: tab.rowCount ?? Math.max(1000, rows.length),
          columnCount: tab.columnCount ?? Math.max(26, ...rows.map((r) => r.length)),
        },
      });
      applyWrite(sheet, parseRange(tab.title), rows, true);
      book.sheets.push(sheet);
    });
    spreadsheets.set(spreadsheetId, book);
    return book;
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown) =>
    routeRequest({ spreadsheets, denied, keepValues, addSpreadsheet }, method, path, query, body);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/%3A/gi, ':');
    const isSheetsWrite = method === 'POST' && path.startsWith('/v4/');
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      bodyBytes: raw.length,
      body: undefined,
      status: 200,
      authorization: req.headers.authorization,
      isSheetsWrite,
    };
    requests.push(record);
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      record.status = 400;
      send(res, 400, googleError(400, 'Invalid JSON payload received.', 'INVALID_ARGUMENT'));
      return;
    }
    if (recordBodies) record.body = body;
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      record.status = 401;
      send(
        res,
        401,
        googleError(
          401,
          'Request is missing required authentication credential.',
          'UNAUTHENTICATED',
        ),
      );
      return;
    }
    const writeNumber = isSheetsWrite ? ++writeCount : 0;
    const fault = faults.find((f) => f.times > 0 && f.match({ method, path, writeNumber }));
    if (fault) fault.times -= 1;
    try {
      if (fault && !fault.afterApplying)
        throw new FakeApiError(fault.status, fault.message ?? 'Scripted failure');
      const result = route(method, path, url.searchParams, body);
      if (fault) throw new FakeApiError(fault.status, fault.message ?? 'Scripted failure');
      send(res, 200, result);
    } catch (error) {
      if (!(error instanceof FakeApiError)) throw error;
      record.status = error.code;
      const status =
        error.code === 429 ? 'RESOURCE_EXHAUSTED' : error.code >= 500 ? 'INTERNAL' : error.status;
      const headers =
        fault?.retryAfterSeconds !== undefined
          ? { 'retry-after': String(fault.retryAfterSeconds) }
          : {};
      send(res, error.code, googleError(error.code, error.message, status), headers);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, googleError(500, String(error), 'INTERNAL'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    spreadsheets,
    requests,
    faults,
    denied,
    addSpreadsheet,
    failNthWrite(n, status, extra = {}) {
      const target = writeCount + n;
      faults.push({
        match: (r) => r.writeNumber === target,
        status,
        times: 1,
        ...extra,
      });
    },
    sheet: (id, title) => spreadsheets.get(id)?.sheets.find((s) => s.properties.title === title),
    values(id, title) {
      const sheet = spreadsheets.get(id)?.sheets.find((s) => s.properties.title === title);
      return sheet ? readRange(sheet, parseRange(title)) : [];
    },
    writeRequests: () => requests.filter((r) => r.isSheetsWrite),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
