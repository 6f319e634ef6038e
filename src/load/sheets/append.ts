/**
 * Append mode, for a running log such as job history: reads the key column (job_id) first and
 * writes only rows whose key is not in the tab yet, at explicit ranges after the last row (the
 * grid is grown first, to an absolute size). Never values.append: its table detection puts
 * rows in the wrong place and a retried append adds them twice. A retried write rewrites the
 * same range, and a re-run skips what an earlier run wrote, so no job is ever added twice.
 */
import type { Report, ReportSummary } from '../../transform/report.js';
import { ConfigError } from '../../shared/errors.js';
import { RowDigest } from '../row-digest.js';
import { CellEncoder, columnLetters, quoteTitle, rowsRange, type SheetsValue } from './cells.js';
import { refuseTooLarge, rowsThatFit } from './cell-limit.js';
import { ChunkBuilder } from './chunks.js';
import type { SheetInfo } from './client.js';
import { layoutRequests } from './formatting.js';
import type { SheetsRun } from './run.js';
import { rowCountRequest } from './small-tabs.js';

export interface AppendResult {
  summary: ReportSummary;
  /** Rows of the report whose key was already in the tab (or twice in the report). */
  skipped: number;
  truncated: number;
}

function keyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export async function appendReport(
  run: SheetsRun,
  report: Report,
  sheet: SheetInfo,
): Promise<AppendResult> {
  const { client, settings } = run;
  const id = run.book.info.spreadsheetId;
  const columns = report.columns.length;
  const keyIndex = report.columns.findIndex((c) => c.name === settings.keyColumn);
  if (keyIndex < 0) {
    throw new ConfigError(
      `append mode: report ${report.name} has no key column "${settings.keyColumn}"`,
      { hint: 'name the column that identifies a row (keyColumn), or use replace mode' },
    );
  }
  const tab = quoteTitle(sheet.title);
  const key = columnLetters(keyIndex);
  const [header = [], keyRows = []] = await client.readValues(id, [
    `${tab}!1:1`,
    `${tab}!${key}2:${key}`,
  ]);
  const expected = report.columns.map((c) => c.name);
  const found = (header[0] ?? []).map(keyOf);
  if (found.length > 0 && expected.some((name, i) => found[i] !== name)) {
    throw new ConfigError(
      `append mode: tab "${sheet.title}" has columns [${found.join(', ')}], not the ` +
        `columns of report ${report.name} [${expected.join(', ')}]`,
      { hint: 'append to a tab this report created, or use replace mode' },
    );
  }
  const keys = new Set(keyRows.map((r) => keyOf(r[0])).filter((k) => k !== ''));
  let nextRow = keyRows.length + 2;
  let gridRows = sheet.rowCount;
  const capacity = rowsThatFit(run.book.info, columns) + sheet.rowCount;

  const encoder = new CellEncoder(report);
  const digest = new RowDigest();
  const headerBytes = ChunkBuilder.measure(expected);
  const rangeBytes = 2 * (2 * sheet.title.length + 60);
  const chunk = new ChunkBuilder(settings.maxRequestBytes, rangeBytes + headerBytes);
  let skipped = 0;

  const flush = async (): Promise<void> => {
    const { rows, bytes } = chunk.take();
    if (rows.length === 0) return;
    const last = nextRow + rows.length - 1;
    if (last > gridRows) {
      if (last > capacity) {
        throw refuseTooLarge({
          report: report.name,
          info: run.book.info,
          columns,
          rows: last - 1,
          fit: capacity - 1,
          known: false,
          mode: 'append',
        });
      }
      const left = report.rowCount === undefined ? gridRows : report.rowCount - digest.count;
      const target = Math.min(capacity, Math.max(last, nextRow - 1 + left));
      await client.batchUpdate(id, [rowCountRequest(sheet.sheetId, target)], 'grow tab', {
        idempotent: true,
      });
      gridRows = target;
    }
    const data: { range: string; values: SheetsValue[][] }[] = [
      { range: rowsRange(sheet.title, nextRow, last, columns), values: rows },
    ];
    if (found.length === 0) {
      data.unshift({ range: rowsRange(sheet.title, 1, 1, columns), values: [expected] });
      found.push(...expected);
    }
    await client.writeValues(id, data, bytes);
    nextRow = last + 1;
  };

  for await (const row of report.rows) {
    const rowKey = keyOf(row[keyIndex]);
    if (rowKey !== '' && keys.has(rowKey)) {
      skipped += 1;
      continue;
    }
    if (rowKey !== '') keys.add(rowKey);
    digest.add(row);
    const values = encoder.encode(row);
    const size = ChunkBuilder.measure(values);
    if (!chunk.fits(size)) await flush();
    chunk.add(values, size);
  }
  await flush();

  // Trim rows this run grew but did not fill (a crash leaves them for the next run to trim),
  // and keep formats and the filter over the whole tab.
  const rowCount = Math.max(sheet.rowCount, nextRow - 1, 2);
  const requests = rowCount !== gridRows ? [rowCountRequest(sheet.sheetId, rowCount)] : [];
  requests.push(...layoutRequests(sheet.sheetId, report.columns));
  await client.batchUpdate(id, requests, 'format tab', { idempotent: true });
  await run.refresh();
  run.book.notes.push({
    report: report.name,
    tab: sheet.title,
    firstRow: keyRows.length + 1,
    lastRow: nextRow - 2,
    skipped,
  });
  return {
    summary: { name: report.name, rowCount: digest.count, sha256: digest.hex() },
    skipped,
    truncated: encoder.truncated,
  };
}
