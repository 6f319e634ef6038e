import type { Provenance, Report, ReportSummary } from '../transform/report.js';

/** What a sink reports back after writing: where, and per report its rows and digest. */
export interface WriteOutcome {
  /** File path, folder, or spreadsheet URL. */
  location: string;
  reports: ReportSummary[];
}

/** Every sink has this shape: reports in, one destination out; options are the sink's own. */
export type ReportWriter<Options> = (
  reports: readonly Report[],
  provenance: Provenance,
  options: Options,
) => Promise<WriteOutcome>;
