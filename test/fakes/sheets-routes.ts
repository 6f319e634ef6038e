/**
 * Request routing of the Sheets fake: which Sheets v4 / Drive v3 endpoint a request is, and
 * what it does to the in-memory spreadsheets. Paths are as googleapis sends them, e.g.
 * POST /v4/spreadsheets/{id}/values:batchUpdate, GET /v4/spreadsheets/{id}/values:batchGet.
 */
import { applyBatch } from './sheets-batch.js';
import {
  applyWrite,
  checkWrite,
  FakeApiError,
  findSheet,
  parseRange,
  readRange,
  type FakeSpreadsheet,
} from './sheets-model.js';

export interface FakeState {
  spreadsheets: Map<string, FakeSpreadsheet>;
  denied: Set<string>;
  keepValues: boolean;
  addSpreadsheet: (title: string, tabs?: { title: string }[]) => FakeSpreadsheet;
}

export function routeRequest(
  state: FakeState,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): unknown {
  const { spreadsheets, denied, keepValues, addSpreadsheet } = state;
  const book = (id: string): FakeSpreadsheet => {
    const found = spreadsheets.get(id);
    if (!found) throw new FakeApiError(404, 'Requested entity was not found.', 'NOT_FOUND');
    if (denied.has(id)) {
      throw new FakeApiError(403, 'The caller does not have permission', 'PERMISSION_DENIED');
    }
    return found;
  };

  const view = (b: FakeSpreadsheet): unknown => ({
    spreadsheetId: b.spreadsheetId,
    properties: b.properties,
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${b.spreadsheetId}/edit`,
    sheets: b.sheets.map((s) => ({
      properties: s.properties,
      basicFilter: s.basicFilter,
      conditionalFormats: s.conditionalFormats,
      charts: s.charts.map((c) => ({ chartId: c.chartId, spec: c.spec, position: c.position })),
    })),
  });

  const route = (method: string, path: string, query: URLSearchParams, body: unknown) => {
    const json = (body ?? {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v4/spreadsheets') {
      const props = (json.properties ?? {}) as { title?: string };
      const tabs = ((json.sheets ?? []) as { properties?: { title?: string } }[]).map((s) => ({
        title: s.properties?.title ?? 'Sheet1',
      }));
      return view(addSpreadsheet(props.title ?? 'Untitled spreadsheet', tabs.length ? tabs : []));
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/.exec(path)) && method === 'POST') {
      const b = book(m[1]!);
      const replies = applyBatch(b, (json.requests ?? []) as Record<string, unknown>[]);
      return { spreadsheetId: b.spreadsheetId, replies };
    }
    if (
      (m = /^\/v4\/spreadsheets\/([^/:]+)\/values:batchUpdate$/.exec(path)) &&
      method === 'POST'
    ) {
      const b = book(m[1]!);
      if (json.valueInputOption !== 'RAW' && json.valueInputOption !== 'USER_ENTERED') {
        throw new FakeApiError(400, "Invalid valueInputOption: ''");
      }
      const data = (json.data ?? []) as { range: string; values?: unknown[][] }[];
      const planned = data.map((d) => {
        const range = parseRange(d.range);
        const sheet = findSheet(b, range.title);
        checkWrite(sheet, range, d.values ?? []);
        return { sheet, range, values: d.values ?? [] };
      });
      for (const p of planned) applyWrite(p.sheet, p.range, p.values, keepValues);
      const totalUpdatedRows = planned.reduce((n, p) => n + p.values.length, 0);
      return { spreadsheetId: b.spreadsheetId, totalUpdatedRows };
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)\/values:batchGet$/.exec(path)) && method === 'GET') {
      const b = book(m[1]!);
      const valueRanges = query.getAll('ranges').map((r) => {
        const range = parseRange(r);
        return {
          range: r,
          majorDimension: 'ROWS',
          values: readRange(findSheet(b, range.title), range),
        };
      });
      return { spreadsheetId: b.spreadsheetId, valueRanges };
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)\/values\/(.+)$/.exec(path)) && method === 'GET') {
      const b = book(m[1]!);
      const r = decodeURIComponent(m[2]!);
      const range = parseRange(r);
      return {
        range: r,
        majorDimension: 'ROWS',
        values: readRange(findSheet(b, range.title), range),
      };
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)$/.exec(path)) && method === 'GET') {
      return view(book(m[1]!));
    }
    if ((m = /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(path)) && method === 'POST') {
      const b = book(m[1]!);
      const permission = json as { type: string; role: string; emailAddress?: string };
      if (!b.permissions.some((p) => p.emailAddress === permission.emailAddress)) {
        b.permissions.push(permission);
      }
      return { kind: 'drive#permission', id: `p${b.permissions.length}`, ...permission };
    }
    throw new FakeApiError(404, `Not found: ${method} ${path}`, 'NOT_FOUND');
  };
  return route(method, path, query, body);
}
