/**
 * Replace mode: the report is written into a hidden temporary tab, sized up front, in
 * values.batchUpdate chunks under the byte budget; then one atomic spreadsheets.batchUpdate
 * unhides it, deletes the old tab, renames the new one and formats it. Readers never see a
 * blank or half-written tab; a failure leaves the old tab as it was and removes the temporary
 * one. With onCellLimit `rollover`, rows that do not fit continue in a new spreadsheet.
 */
import type { sheets_v4 } from 'googleapis';

import type { Report, ReportSummary } from '../../transform/report.js';
import { RowDigest } from '../row-digest.js';
import { CellEncoder, rowsRange, type SheetsValue } from './cells.js';
import { refuseTooLarge, rowsThatFit } from './cell-limit.js';
import { ChunkBuilder } from './chunks.js';
import type { SheetInfo } from './client.js';
import { chartTabRequests, FailuresPerDay } from './failure-chart.js';
import { highlightRequests, layoutRequests } from './formatting.js';
import type { Book, SheetsRun } from './run.js';
import { newSheetId, rowCountRequest, swapRequests } from './small-tabs.js';
import { isStaleTemp, tempTitle } from './tab-names.js';

interface Part {
  book: Book;
  tempId: number;
  temp: string;
  old: SheetInfo | undefined;
  index: number;
  gridRows: number;
  /** Data rows this part may hold (the cell budget) and has written. */
  capacity: number;
  written: number;
  firstRow: number;
  headerWritten: boolean;
}

export class ReplaceWriter {
  private readonly encoder: CellEncoder;
  private readonly digest = new RowDigest();
  private readonly failures: FailuresPerDay | null;
  private readonly chunk: ChunkBuilder;
  private readonly columns: number;
  private part: Part | null = null;
  private total = 0;

  constructor(
    private readonly run: SheetsRun,
    private readonly report: Report,
    private readonly title: string,
  ) {
    this.encoder = new CellEncoder(report);
    this.failures = FailuresPerDay.for(report);
    this.columns = report.columns.length;
    // Room for two ranges (data, and the header sent with a part's first chunk) and the header.
    const header = ChunkBuilder.measure(report.columns.map((c) => c.name));
    const rangeBytes = 2 * (2 * title.length + 60);
    this.chunk = new ChunkBuilder(run.settings.maxRequestBytes, rangeBytes + header);
  }

  get truncatedCells(): number {
    return this.encoder.truncated;
  }

  async write(): Promise<ReportSummary> {
    try {
      for await (const row of this.report.rows) {
        this.digest.add(row);
        this.failures?.add(row);
        const values = this.encoder.encode(row);
        const size = ChunkBuilder.measure(values);
        if (!this.chunk.fits(size)) await this.flush(false);
        this.chunk.add(values, size);
      }
      await this.flush(true);
      await this.finish(true);
    } catch (error) {
      await this.discard();
      throw error;
    }
    return { name: this.report.name, rowCount: this.digest.count, sha256: this.digest.hex() };
  }

  private async flush(ended: boolean): Promise<void> {
    let { rows, bytes } = this.chunk.take();
    const hint = this.report.rowCount;
    while (rows.length > 0 || !this.part) {
      const expected = hint !== undefined ? hint - this.total : ended ? rows.length : undefined;
      const part = this.part ?? (await this.open(expected, rows.length));
      const room = part.capacity - part.written;
      if (room <= 0) {
        if (this.run.settings.onCellLimit === 'fail') {
          throw this.refusal(part.book, this.total + rows.length, false);
        }
        await this.finish(false);
        await this.run.createNew();
        continue;
      }
      const slice = rows.length <= room ? rows : rows.slice(0, room);
      const share = rows.length === 0 ? bytes : Math.round((bytes * slice.length) / rows.length);
      bytes -= share;
      rows = rows.length <= room ? [] : rows.slice(room);
      await this.writeRows(part, slice, share);
      if (rows.length === 0) break;
    }
  }

  private refusal(book: Book, rows: number, known: boolean) {
    const info = book.info;
    return refuseTooLarge({
      report: this.report.name,
      info,
      columns: this.columns,
      rows,
      fit: rowsThatFit(info, this.columns),
      known,
      mode: 'replace',
    });
  }

  /** Adds the hidden temporary tab, sized for `expected` rows when known. */
  private async open(expected: number | undefined, pending: number): Promise<Part> {
    const { run } = this;
    const info = await run.refresh();
    const stale = info.sheets.filter((s) => isStaleTemp(s.title, run.runId, this.title));
    const capacity = rowsThatFit(info, this.columns, new Set(stale.map((s) => s.sheetId)));
    const rollover = run.settings.onCellLimit === 'rollover';
    if (!rollover && ((expected !== undefined && expected > capacity) || capacity < 1)) {
      throw this.refusal(run.book, expected ?? pending, expected !== undefined);
    }
    if (capacity < 1 && rollover && run.book.notes.length + info.sheets.length > 1) {
      await run.createNew();
      return this.open(expected, pending);
    }
    const lower = this.title.toLowerCase();
    const old = info.sheets.find((s) => s.title.toLowerCase() === lower);
    const tempId = newSheetId(info.sheets.map((s) => s.sheetId));
    const temp = tempTitle(run.runId, this.title);
    const gridRows = 1 + Math.max(1, Math.min(capacity, expected ?? pending));
    const requests: sheets_v4.Schema$Request[] = stale.map((s) => ({
      deleteSheet: { sheetId: s.sheetId },
    }));
    requests.push({
      addSheet: {
        properties: {
          sheetId: tempId,
          title: temp,
          hidden: true,
          gridProperties: { rowCount: gridRows, columnCount: this.columns },
        },
      },
    });
    const id = info.spreadsheetId;
    await run.client.batchUpdate(id, requests, 'add temporary tab', {
      verify: async () => (await run.refresh()).sheets.some((s) => s.sheetId === tempId),
    });
    this.part = {
      book: run.book,
      tempId,
      temp,
      old,
      index: old?.index ?? info.sheets.length - stale.length,
      gridRows,
      capacity,
      written: 0,
      firstRow: this.total + 1,
      headerWritten: false,
    };
    return this.part;
  }

  private async writeRows(part: Part, rows: SheetsValue[][], bytes: number): Promise<void> {
    const first = 2 + part.written;
    const last = first + rows.length - 1;
    if (last > part.gridRows) {
      const target = Math.min(part.capacity + 1, Math.max(last, part.gridRows * 2));
      const grow = [rowCountRequest(part.tempId, target)];
      await this.run.client.batchUpdate(part.book.info.spreadsheetId, grow, 'grow temporary tab', {
        idempotent: true,
      });
      part.gridRows = target;
    }
    const data = [];
    if (!part.headerWritten) {
      const header = this.report.columns.map((c) => c.name);
      data.push({ range: rowsRange(part.temp, 1, 1, this.columns), values: [header] });
    }
    if (rows.length > 0) {
      data.push({ range: rowsRange(part.temp, first, last, this.columns), values: rows });
    }
    await this.run.client.writeValues(part.book.info.spreadsheetId, data, bytes);
    part.written += rows.length;
    part.headerWritten = true;
    this.total += rows.length;
  }

  /** The atomic swap: the temporary tab becomes the report's tab, formatted. */
  private async finish(last: boolean): Promise<void> {
    const part = this.part;
    if (!part) return;
    const { run } = this;
    const info = part.book.info;
    const rowCount = Math.max(2, part.written + 1); // Google refuses to freeze every row
    const requests: sheets_v4.Schema$Request[] = [];
    if (part.gridRows !== rowCount) requests.push(rowCountRequest(part.tempId, rowCount));
    requests.push(...swapRequests(part.tempId, this.title, part.old, part.index));
    requests.push(...layoutRequests(part.tempId, this.report.columns));
    requests.push(...highlightRequests(part.tempId, this.report));
    if (last && this.failures) {
      const taken = [...info.sheets.map((s) => s.sheetId), part.tempId];
      const days = this.failures.rows();
      requests.push(...chartTabRequests(info, run.runId, this.title, days, part.index + 1, taken));
    }
    await run.client.batchUpdate(info.spreadsheetId, requests, 'replace tab', {
      verify: async () =>
        (await run.refresh(part.book)).sheets.some(
          (s) => s.sheetId === part.tempId && s.title === this.title,
        ),
    });
    part.book.notes.push({
      report: this.report.name,
      tab: this.title,
      firstRow: part.firstRow,
      lastRow: part.firstRow + part.written - 1,
    });
    this.part = null;
    await run.refresh(part.book);
  }

  /** After a failure: removes the temporary tab, leaving the old one as it was. */
  private async discard(): Promise<void> {
    const part = this.part;
    if (!part) return;
    this.part = null;
    const { run } = this;
    const id = part.book.info.spreadsheetId;
    try {
      await run.client.batchUpdate(id, [{ deleteSheet: { sheetId: part.tempId } }], 'drop temp', {
        verify: async () =>
          !(await run.refresh(part.book)).sheets.some((s) => s.sheetId === part.tempId),
      });
    } catch (error) {
      run.logger.error(
        { err: error, spreadsheetId: id, tab: part.temp },
        `could not remove the temporary tab "${part.temp}"; the next run removes it`,
      );
    }
  }
}
