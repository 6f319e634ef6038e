/**
 * Small tabs (About, the failed-jobs-per-day chart data) are written whole inside one
 * spreadsheets.batchUpdate: addSheet sized to fit, updateCells with the values, then the swap
 * that replaces the previous tab of that name. No values request, no window where the tab is
 * missing or half-written. Also the swap used by every replaced tab.
 */
import type { sheets_v4 } from 'googleapis';

import type { SheetInfo } from './client.js';

type Request = sheets_v4.Schema$Request;

export type SmallCell = string | number | boolean | null;

function cellData(value: SmallCell): sheets_v4.Schema$CellData {
  if (value === null) return {};
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  // stringValue is stored as text, never parsed as a formula.
  return { userEnteredValue: { stringValue: value } };
}

/** addSheet (hidden, sized exactly) + updateCells with `rows`. */
export function smallTabRequests(
  sheetId: number,
  title: string,
  rows: readonly (readonly SmallCell[])[],
): Request[] {
  const columnCount = Math.max(1, ...rows.map((r) => r.length));
  return [
    {
      addSheet: {
        properties: {
          sheetId,
          title,
          hidden: true,
          gridProperties: { rowCount: Math.max(1, rows.length), columnCount },
        },
      },
    },
    {
      updateCells: {
        start: { sheetId, rowIndex: 0, columnIndex: 0 },
        rows: rows.map((row) => ({ values: row.map(cellData) })),
        fields: 'userEnteredValue',
      },
    },
  ];
}

/**
 * Makes the hidden tab `tempId` the visible tab `title`, in place of `old` if there is one:
 * unhide first (a document must keep a visible tab at every step), then delete the old tab,
 * then rename and move the new one to the old one's position.
 */
export function swapRequests(
  tempId: number,
  title: string,
  old: SheetInfo | undefined,
  index: number,
): Request[] {
  const requests: Request[] = [
    { updateSheetProperties: { properties: { sheetId: tempId, hidden: false }, fields: 'hidden' } },
  ];
  if (old) requests.push({ deleteSheet: { sheetId: old.sheetId } });
  requests.push({
    updateSheetProperties: {
      properties: { sheetId: tempId, title, index },
      fields: 'title,index',
    },
  });
  return requests;
}

/** A random sheet id for a new tab (ids are ours to choose; retries reuse the same id). */
export function newSheetId(taken: Iterable<number>): number {
  const used = new Set(taken);
  for (;;) {
    const id = 1 + Math.floor(Math.random() * 2_000_000_000);
    if (!used.has(id)) return id;
  }
}

/** Sets a tab's row count to an absolute size: the same request twice has the same effect. */
export function rowCountRequest(sheetId: number, rowCount: number): Request {
  return {
    updateSheetProperties: {
      properties: { sheetId, gridProperties: { rowCount } },
      fields: 'gridProperties.rowCount',
    },
  };
}
