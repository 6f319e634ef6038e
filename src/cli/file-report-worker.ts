/**
 * The file report thread (see file-report-thread.ts): builds the reports in a report worker of
 * its own and writes them with the CSV or XLSX sink, exactly as the main thread would.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type { WriteOutcome } from '../load/sink.js';
import { answerOf } from '../shared/thread-answer.js';
import { buildReportsInWorker } from '../transform/off-thread/worker-reports.js';
import type { FileReportJob } from './file-report-messages.js';

async function writeFileReports(job: FileReportJob): Promise<WriteOutcome> {
  const source = await buildReportsInWorker(job.reports);
  try {
    // Each sink (and the logger only XLSX uses) is imported when used: every module is resident
    // heap in this thread too, and a CSV run needs neither exceljs nor pino.
    if (job.sink.format === 'csv') {
      const { writeCsv } = await import('../load/csv/write-csv.js');
      return await writeCsv(source.reports, job.provenance, job.sink.options);
    }
    const { writeXlsx } = await import('../load/xlsx/write-xlsx.js');
    const { createLogger } = await import('../shared/logger.js');
    const logger = createLogger(job.log);
    return await writeXlsx(source.reports, job.provenance, { ...job.sink.options, logger });
  } finally {
    await source.close();
  }
}

if (parentPort !== null) {
  const job = workerData as FileReportJob;
  parentPort.postMessage(await answerOf(() => writeFileReports(job)));
}
