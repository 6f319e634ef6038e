/**
 * spreadsheets.batchUpdate for the Sheets fake. All subrequests are applied to a draft, in
 * order; one invalid subrequest fails the whole batch and nothing is applied (Google's
 * atomicity). Replies come back in request order, as Google sends them.
 */
import {
  checkCellLimit,
  FakeApiError,
  newSheet,
  type FakeCell,
  type FakeSheet,
  type FakeSpreadsheet,
} from './sheets-model.js';

type Json = Record<string, unknown>;

interface Draft {
  sheets: FakeSheet[];
  cellWrites: { sheet: FakeSheet; row: number; col: number; value: FakeCell | undefined }[];
}

function draftSheet(sheet: FakeSheet): FakeSheet {
  return {
    ...sheet,
    properties: structuredClone(sheet.properties),
    conditionalFormats: [...sheet.conditionalFormats],
    charts: [...sheet.charts],
    formats: [...sheet.formats],
  };
}

function byId(draft: Draft, id: unknown): FakeSheet {
  const sheet = draft.sheets.find((s) => s.properties.sheetId === id);
  if (!sheet) throw new FakeApiError(400, `No grid with id: ${String(id)}`);
  return sheet;
}

function checkTitle(draft: Draft, title: unknown, self?: FakeSheet): string {
  if (typeof title !== 'string' || title.trim() === '' || title.length > 100) {
    throw new FakeApiError(400, `Invalid sheet name: ${String(title)}`);
  }
  const clash = draft.sheets.find(
    (s) => s !== self && s.properties.title.toLowerCase() === title.toLowerCase(),
  );
  if (clash) {
    throw new FakeApiError(
      400,
      `A sheet with the name "${title}" already exists. Please enter another name.`,
    );
  }
  return title;
}

function checkVisible(draft: Draft): void {
  if (!draft.sheets.some((s) => !s.properties.hidden)) {
    throw new FakeApiError(400, "You can't remove all the visible sheets in a document.");
  }
}

function reindex(draft: Draft): void {
  draft.sheets.sort((a, b) => a.properties.index - b.properties.index);
  draft.sheets.forEach((s, i) => (s.properties.index = i));
}

let nextChartId = 1000;

function applyOne(book: FakeSpreadsheet, draft: Draft, request: Json): Json {
  const [kind, ...others] = Object.keys(request);
  if (!kind || others.length > 0) throw new FakeApiError(400, 'Exactly one kind per request');
  const body = request[kind] as Json;
  switch (kind) {
    case 'addSheet': {
      const props = (body.properties ?? {}) as Json;
      const grid = (props.gridProperties ?? {}) as Json;
      const sheetId = (props.sheetId as number | undefined) ?? Math.floor(Math.random() * 1e9);
      if (draft.sheets.some((s) => s.properties.sheetId === sheetId)) {
        throw new FakeApiError(400, `A sheet with id ${sheetId} already exists.`);
      }
      const sheet = newSheet({
        sheetId,
        title: checkTitle(draft, props.title ?? `Sheet${draft.sheets.length + 1}`),
        index: (props.index as number | undefined) ?? draft.sheets.length,
        hidden: props.hidden === true,
        gridProperties: {
          rowCount: (grid.rowCount as number | undefined) ?? 1000,
          columnCount: (grid.columnCount as number | undefined) ?? 26,
          frozenRowCount: grid.frozenRowCount as number | undefined,
        },
      });
      draft.sheets.forEach((s) => {
        if (s.properties.index >= sheet.properties.index) s.properties.index += 1;
      });
      draft.sheets.push(sheet);
      reindex(draft);
      checkCellLimit(draft.sheets);
      return { addSheet: { properties: structuredClone(sheet.properties) } };
    }
    case 'deleteSheet': {
      const sheet = byId(draft, body.sheetId);
      draft.sheets = draft.sheets.filter((s) => s !== sheet);
      if (draft.sheets.length === 0) {
        throw new FakeApiError(400, "You can't remove all the sheets in a document.");
      }
      checkVisible(draft);
      reindex(draft);
      return {};
    }
    case 'updateSheetProperties': {
      const props = body.properties as Json;
      const sheet = byId(draft, props.sheetId);
      const fields = (typeof body.fields === 'string' ? body.fields : '').split(',');
      for (const field of fields) {
        const [head, sub] = field.split('.');
        if (head === 'title') sheet.properties.title = checkTitle(draft, props.title, sheet);
        else if (head === 'hidden') sheet.properties.hidden = props.hidden === true;
        else if (head === 'index') {
          sheet.properties.index = (props.index as number) - 0.5;
          reindex(draft);
        } else if (head === 'gridProperties' && sub) {
          const grid = props.gridProperties as Record<string, number>;
          const value = grid[sub];
          if (value === undefined || value < 0) throw new FakeApiError(400, `Bad ${field}`);
          (sheet.properties.gridProperties as Record<string, number>)[sub] = value;
        } else throw new FakeApiError(400, `Unsupported field mask: ${field}`);
      }
      const grid = sheet.properties.gridProperties;
      if ((grid.frozenRowCount ?? 0) >= grid.rowCount) {
        throw new FakeApiError(400, "You can't freeze all visible rows on the sheet.");
      }
      checkVisible(draft);
      checkCellLimit(draft.sheets);
      return {};
    }
    case 'appendDimension': {
      const sheet = byId(draft, body.sheetId);
      const grid = sheet.properties.gridProperties;
      if (body.dimension === 'ROWS') grid.rowCount += body.length as number;
      else grid.columnCount += body.length as number;
      checkCellLimit(draft.sheets);
      return {};
    }
    case 'updateDimensionProperties':
    case 'repeatCell': {
      const range = (body.range ?? {}) as Json;
      byId(draft, range.sheetId).formats.push(request);
      return {};
    }
    case 'setBasicFilter': {
      const filter = body.filter as Json;
      byId(draft, (filter.range as Json).sheetId).basicFilter = filter;
      return {};
    }
    case 'addConditionalFormatRule': {
      const rule = body.rule as Json;
      const ranges = rule.ranges as Json[];
      byId(draft, ranges[0]?.sheetId).conditionalFormats.push(rule);
      return {};
    }
    case 'addChart': {
      const chart = body.chart as Json;
      const position = chart.position as Json;
      const anchor = (position.overlayPosition as Json | undefined)?.anchorCell as Json;
      const chartId = nextChartId++;
      byId(draft, anchor.sheetId).charts.push({ chartId, spec: chart.spec, position });
      return { addChart: { chart: { ...chart, chartId } } };
    }
    case 'updateCells': {
      const start = body.start as Json;
      const sheet = byId(draft, start.sheetId);
      const rows = body.rows as { values?: { userEnteredValue?: Json }[] }[];
      rows.forEach((row, i) => {
        (row.values ?? []).forEach((cell, j) => {
          const v = cell.userEnteredValue ?? {};
          const value = (v.stringValue ?? v.numberValue ?? v.boolValue) as FakeCell | undefined;
          const r = (start.rowIndex as number) + i;
          const c = (start.columnIndex as number) + j;
          const grid = sheet.properties.gridProperties;
          if (r >= grid.rowCount || c >= grid.columnCount) {
            throw new FakeApiError(400, `Range exceeds grid limits (updateCells row ${r + 1})`);
          }
          draft.cellWrites.push({ sheet, row: r, col: c, value });
        });
      });
      return {};
    }
    default:
      throw new FakeApiError(400, `Invalid JSON payload received. Unknown name "${kind}"`);
  }
  void book;
}

/** Applies a whole batch atomically; returns the replies. */
export function applyBatch(book: FakeSpreadsheet, requests: Json[]): Json[] {
  const draft: Draft = { sheets: book.sheets.map(draftSheet), cellWrites: [] };
  const replies = requests.map((request, i) => {
    try {
      return applyOne(book, draft, request);
    } catch (error) {
      if (error instanceof FakeApiError) {
        throw new FakeApiError(error.code, `Invalid requests[${i}]: ${error.message}`);
      }
      throw error;
    }
  });
  for (const write of draft.cellWrites) {
    const row = (write.sheet.rows[write.row] ??= []);
    row[write.col] = write.value;
    write.sheet.filledRows = Math.max(write.sheet.filledRows, write.row + 1);
  }
  for (const sheet of draft.sheets) {
    const grid = sheet.properties.gridProperties;
    if (sheet.rows.length > grid.rowCount) sheet.rows.length = grid.rowCount;
    sheet.filledRows = Math.min(sheet.filledRows, grid.rowCount);
  }
  book.sheets = draft.sheets;
  return replies;
}
