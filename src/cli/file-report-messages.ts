/** What the file report thread is started with (file-report-thread.ts). */
import type { CsvOptions } from '../load/csv/write-csv.js';
import type { XlsxOptions } from '../load/xlsx/write-xlsx.js';
import type { ArchiveReports } from '../transform/off-thread/worker-reports.js';
import type { Provenance } from '../transform/report.js';

export type FileSink =
  { format: 'csv'; options: CsvOptions } | { format: 'xlsx'; options: Omit<XlsxOptions, 'logger'> };

export interface FileReportJob {
  reports: ArchiveReports;
  provenance: Provenance;
  sink: FileSink;
  /** The thread logs like the main thread's logger does (same level, human lines or JSON). */
  log: { level: string; pretty: boolean };
}
