/**
 * The small chart of failed jobs per day on the job-history report. Counts are kept while the
 * rows stream past (one number per day, not the rows), then written to a small companion tab
 * with a column chart on it.
 */
import type { sheets_v4 } from 'googleapis';

import type { Report, Row } from '../../transform/report.js';
import { dateSerial, ZoneFormatter } from '../time-format.js';
import type { SpreadsheetInfo } from './client.js';
import { newSheetId, smallTabRequests, swapRequests, type SmallCell } from './small-tabs.js';
import { chartTitle, isStaleTemp, tempTitle } from './tab-names.js';

const DAY_MS = 86_400_000;

export class FailuresPerDay {
  private readonly perDay = new Map<string, number>();
  private first: string | null = null;
  private last: string | null = null;
  private readonly zone: ZoneFormatter;

  private constructor(
    report: Report,
    private readonly statusColumn: number,
    private readonly timeColumn: number,
  ) {
    this.zone = new ZoneFormatter(report.timeZone);
  }

  /** A counter for job-history-like reports (status + started_at), else null. */
  static for(report: Report): FailuresPerDay | null {
    const status = report.columns.findIndex((c) => c.name === 'status');
    const started = report.columns.findIndex(
      (c) => c.name === 'started_at' && c.type === 'timestamp',
    );
    if (!report.name.startsWith('job-history') || status < 0 || started < 0) return null;
    return new FailuresPerDay(report, status, started);
  }

  add(row: Row): void {
    const at = row[this.timeColumn];
    if (typeof at !== 'number') return;
    const day = this.zone.date(at);
    if (this.first === null || day < this.first) this.first = day;
    if (this.last === null || day > this.last) this.last = day;
    if (row[this.statusColumn] === 'failed') this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
  }

  /** Header + one row per day from the first to the last job seen (days without failures: 0). */
  rows(): SmallCell[][] {
    const out: SmallCell[][] = [['date', 'failed jobs']];
    if (this.first === null || this.last === null) return out;
    const end = Date.parse(`${this.last}T00:00:00Z`);
    for (let t = Date.parse(`${this.first}T00:00:00Z`); t <= end; t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      out.push([dateSerial(day), this.perDay.get(day) ?? 0]);
    }
    return out;
  }
}

/** Date format on the first column and a column chart of failed jobs per day. */
export function chartRequests(sheetId: number, dayRows: number): sheets_v4.Schema$Request[] {
  const source = (column: number) => ({
    sourceRange: {
      sources: [
        {
          sheetId,
          startRowIndex: 0,
          endRowIndex: dayRows + 1,
          startColumnIndex: column,
          endColumnIndex: column + 1,
        },
      ],
    },
  });
  return [
    {
      repeatCell: {
        range: { sheetId, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
        cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    },
    {
      addChart: {
        chart: {
          spec: {
            title: 'Failed jobs per day',
            basicChart: {
              chartType: 'COLUMN',
              legendPosition: 'NO_LEGEND',
              headerCount: 1,
              axis: [
                { position: 'BOTTOM_AXIS', title: 'date' },
                { position: 'LEFT_AXIS', title: 'failed jobs' },
              ],
              domains: [{ domain: source(0) }],
              series: [{ series: source(1), targetAxis: 'LEFT_AXIS' }],
            },
          },
          position: {
            overlayPosition: { anchorCell: { sheetId, rowIndex: 0, columnIndex: 3 } },
          },
        },
      },
    },
  ];
}

/** The companion tab `<title> · failed per day`: written, swapped in and charted atomically. */
export function chartTabRequests(
  info: SpreadsheetInfo,
  runId: string,
  dataTitle: string,
  days: SmallCell[][],
  index: number,
  takenIds: number[],
): sheets_v4.Schema$Request[] {
  const title = chartTitle(dataTitle);
  const old = info.sheets.find((s) => s.title.toLowerCase() === title.toLowerCase());
  const tempId = newSheetId(takenIds);
  return [
    ...info.sheets
      .filter((s) => isStaleTemp(s.title, runId, title))
      .map((s) => ({ deleteSheet: { sheetId: s.sheetId } })),
    ...smallTabRequests(tempId, tempTitle(runId, title), days),
    ...swapRequests(tempId, title, old, index),
    ...chartRequests(tempId, days.length - 1),
  ];
}
