// One measured run of one writer, in its own process so that its peak RSS is its own.
//   node bench/sinks-run.mjs --mode=MODE --rows=N [--source=archive|memory] [--archive=PATH]
//     [--out=PATH] [--fsync=0|1 (default 0, like the floor; the CLI modes always fsync)] [--keep]
// Modes:
// archive       build the benchmark archive at --archive from the generator's N rows (not timed
//               as a sink; prints its own build time)
// raw           the floor: the CSV sink's exact bytes, hand-joined by a joiner specialised for
//               this row shape from rows generated in memory, written with fs.createWriteStream
//               in 64 KB chunks honouring drain. Its error_type is the transform's (a fixed
//               table), so it writes the same lines as the sink does from the archive.
// read          the archive + job-history transform alone, no sink (where the time goes): the
//               report worker (dist/transform/off-thread) with its rows read on this thread
// csv           from the archive: the CLI itself, `recipe-ops report job-history --offline
//               --format csv` (dist/cli/main.js, which bin/recipe-ops.js calls), in this process;
//               from memory: writeCsv (dist/load/csv) on this thread
// xlsx          likewise with --format xlsx / writeXlsx: bold frozen header, autofilter,
//               date-time cells
// xlsx-naive    exceljs WorkbookWriter with useStyles simply switched on (column numFmt for the
//               date columns, bold header), same cells and drain: the reference for "styles on"
// xlsx-nostyle  the same with useStyles off (timestamps then show as dates without a time)
// --source=archive (default; needs --archive): rows come from the SQLite archive through the
// job-history transform (dist/transform), timed from opening the archive to the finished file
// (for csv and xlsx: from the CLI's argument parsing to its return, fsync included, with the
// CLI's modules loaded beforehand as bin/recipe-ops.js loads them). --source=memory: the
// generator's rows, written on this thread (the sinks alone).
// Prints one JSON line: rows, secs, rows_per_s, bytes, maxrss_mb, user_s, sys_s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { DateTime } from 'luxon';
import { benchAccount, benchRecipe, emptyCheckpoint } from './archive-records.mjs';
import { COLUMNS, PROVENANCE, TIME_ZONE, argv, rowSource } from './sinks-rows.mjs';

const N = Number(argv('rows', '1000000'));
const mode = argv('mode', 'csv');
const source = argv('source', 'archive');
const archivePath = argv('archive', '');
const fsync = argv('fsync', '0') === '1';
const ext = mode === 'raw' || mode === 'csv' ? 'csv' : 'xlsx';
const file = argv('out', path.join(os.tmpdir(), `sinks-${mode}-${process.pid}.${ext}`));

// error_type as the job-history transform derives it (src/transform/error-type.ts) from the
// generator's ten error templates, where it differs from the generator's own text. The floor and
// the memory source use it so that every mode writes the same lines; bench/sinks.mjs checks.
const TRANSFORM_ERROR_TYPE = new Map([
  [
    'Zendesk: <n> Unprocessable Entity - <json>',
    'Zendesk: <n> Unprocessable Entity - {"error":"<v>","description":"<v>"}',
  ],
  [
    'Error in step <n> (Update record in Workday): Authentication failed; reconnect <quoted>',
    'Error in step <n> (Update record in Workday): Authentication failed; reconnect "<v>"',
  ],
  [
    'Jira: <n> Bad Request, field <quoted> cannot be set. Issue <id>',
    'Jira: <n> Bad Request, field "<v>" cannot be set. Issue <id>',
  ],
  [
    '=HYPERLINK(<quoted>&A1) Shopify: Exceeded <n> calls per second for api client.',
    '=HYPERLINK("<v>"&A1) Shopify: Exceeded <n> calls per second for api client.',
  ],
  [
    'Snowflake: SQL compilation error: Object <quoted> does not exist. Query id <id>',
    'Snowflake: SQL compilation error: Object "<v>" does not exist. Query id <id>',
  ],
  [
    'Salesforce API error: INVALID_FIELD_FOR_INSERT_UPDATE, Unable to create/update fields: ' +
      '<quoted>.',
    'Salesforce API error: INVALID_FIELD_FOR_INSERT_UPDATE, Unable to create/update fields: ' +
      '"<v>".',
  ],
]);
function transformRow(r) {
  if (r[11] !== null) r[11] = TRANSFORM_ERROR_TYPE.get(r[11]) ?? r[11];
  return r;
}

// ---- the benchmark archive: the generator's rows as archived jobs ----
const accountKey = (id) => `acct-${id}`;
// Generous window: the generator's rows start 2026-03-28 12:00 UTC, ~1 s apart on average.
const SINCE = Date.UTC(2026, 2, 28);
const UNTIL = SINCE + Math.max(1, Math.ceil(N / 40_000)) * 86_400_000;

async function buildArchive() {
  const { openArchive } = await import('../dist/store/sqlite/sqlite-archive.js');
  fs.rmSync(archivePath, { force: true });
  const archive = openArchive(archivePath);
  const accounts = new Map();
  const recipes = new Map();
  const next = rowSource(N);
  let r;
  let page = [];
  const flush = async () => {
    const jobs = page;
    page = [];
    const checkpoint = emptyCheckpoint(jobs[0].accountKey, jobs[0].recipeId);
    await archive.saveJobsPage(jobs, checkpoint);
  };
  while ((r = next()) !== null) {
    const key = accountKey(r[0]);
    accounts.set(r[0], r[1]);
    if (!recipes.has(r[2])) recipes.set(r[2], { key, name: r[3] });
    page.push({
      accountKey: key,
      recipeId: r[2],
      id: r[4],
      status: r[5],
      startedAt: r[6],
      completedAt: r[7],
      isPollError: r[9],
      isRepeat: r[10],
      error: r[12],
      title: r[13],
    });
    if (page.length >= 5000) await flush();
  }
  if (page.length > 0) await flush();
  for (const [id, name] of accounts) {
    await archive.upsertAccount(benchAccount(accountKey(id), name, id));
  }
  for (const id of accounts.keys()) {
    const mine = [...recipes].filter(([, v]) => v.key === accountKey(id));
    const records = mine.map(([recipeId, v]) => benchRecipe(v.key, recipeId, v.name, SINCE));
    await archive.saveRecipes(accountKey(id), records, SINCE);
  }
  await archive.close();
}

/**
 * What `recipe-ops report job-history --offline` asks for: the archive's accounts (selected on
 * the main thread's own connection, as the CLI does) and the window. Returns the spec the
 * report threads build from, and closes the main connection when done.
 */
async function archiveReports() {
  const { openArchive } = await import('../dist/store/sqlite/sqlite-archive.js');
  if (!fs.existsSync(archivePath)) throw new Error(`no archive at --archive=${archivePath}`);
  const archive = openArchive(archivePath);
  const accounts = (await archive.listAccounts()).map((a) => a.key);
  const window = { since: SINCE, until: UNTIL, timeZone: TIME_ZONE };
  const spec = {
    archivePath,
    kinds: ['job-history'],
    query: {
      window,
      timeZone: TIME_ZONE,
      accounts,
      lowRemainingShare: 0.1,
      lowActivity: { trailingDays: 28, ratio: 0.5, minExpectedJobs: 10 },
    },
  };
  return { spec, close: () => archive.close() };
}

/** The job-history report built in a report worker, read on this thread (read, xlsx-*). */
async function archiveReport() {
  const { buildReportsInWorker } = await import('../dist/transform/off-thread/worker-reports.js');
  const main = await archiveReports();
  const source = await buildReportsInWorker(main.spec);
  return {
    report: source.reports[0],
    close: async () => {
      await source.close();
      await main.close();
    },
  };
}

/** The CLI's arguments for this run: `recipe-ops report job-history --offline ...`. */
function cliArgs(format) {
  const iso = (ms) => new Date(ms).toISOString();
  return ['report', 'job-history', '--offline', '--db', archivePath, '--format', format].concat([
    '--out',
    file,
    '--since',
    iso(SINCE),
    '--until',
    iso(UNTIL),
    '--tz',
    TIME_ZONE,
  ]);
}

/** CSV or XLSX from the archive: the CLI itself (bin/recipe-ops.js calls `main` so). */
async function cliReport(main, format) {
  if (!fs.existsSync(archivePath)) throw new Error(`no archive at --archive=${archivePath}`);
  const code = await main(cliArgs(format));
  if (code !== 0) throw new Error(`recipe-ops ${cliArgs(format).join(' ')}: exit ${code}`);
}

async function* memoryRows(n) {
  const next = rowSource(n);
  let row;
  while ((row = next()) !== null) yield transformRow(row);
}

async function openSource() {
  if (source === 'archive') return archiveReport();
  if (source !== 'memory') throw new Error(`unknown --source=${source}`);
  const report = {
    name: 'job-history',
    columns: COLUMNS,
    timeZone: TIME_ZONE,
    rows: memoryRows(N),
  };
  return { report, close: async () => undefined };
}

// ---- the raw floor's hand-written pieces (independent of src/) ----
const P2 = Array.from({ length: 100 }, (_, k) => String(k).padStart(2, '0'));
const P3 = Array.from({ length: 1000 }, (_, k) => String(k).padStart(3, '0'));
function isoIn(zone) {
  const SLOT = 900000;
  let slotKey = NaN,
    offset = 0,
    suffix = '',
    dayKey = NaN,
    dayPrefix = '';
  return (ms) => {
    const slot = Math.floor(ms / SLOT);
    if (slot !== slotKey) {
      slotKey = slot;
      offset = DateTime.fromMillis(slot * SLOT, { zone }).offset;
      const a = Math.abs(offset);
      suffix = (offset < 0 ? '-' : '+') + P2[Math.floor(a / 60)] + ':' + P2[a % 60];
    }
    const local = ms + offset * 60000;
    const day = Math.floor(local / 86400000);
    if (day !== dayKey) {
      dayKey = day;
      dayPrefix = new Date(day * 86400000).toISOString().slice(0, 11);
    }
    let r = local - day * 86400000;
    const msp = r % 1000;
    r = (r - msp) / 1000;
    const sec = r % 60;
    r = (r - sec) / 60;
    const min = r % 60;
    return dayPrefix + P2[(r - min) / 60] + ':' + P2[min] + ':' + P2[sec] + '.' + P3[msp] + suffix;
  };
}
function q(v) {
  if (v === null) return '';
  const c = v.charCodeAt(0);
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10) v = "'" + v;
  return v.includes('"') || v.includes(',') || v.includes('\n') || v.includes('\r')
    ? '"' + v.replaceAll('"', '""') + '"'
    : v;
}

async function rawFloor() {
  const iso = isoIn(TIME_ZONE);
  const ws = fs.createWriteStream(file);
  const next = rowSource(N);
  let r;
  let buf = '\ufeff' + COLUMNS.map((c) => c.name).join(',') + '\r\n';
  while ((r = next()) !== null) {
    transformRow(r);
    buf +=
      r[0] +
      ',' +
      q(r[1]) +
      ',' +
      r[2] +
      ',' +
      q(r[3]) +
      ',' +
      q(r[4]) +
      ',' +
      q(r[5]) +
      ',' +
      iso(r[6]) +
      ',' +
      iso(r[7]) +
      ',' +
      r[8] +
      ',' +
      r[9] +
      ',' +
      r[10] +
      ',' +
      q(r[11]) +
      ',' +
      q(r[12]) +
      ',' +
      q(r[13]) +
      '\r\n';
    if (buf.length >= 65536) {
      if (!ws.write(buf)) await once(ws, 'drain');
      buf = '';
    }
  }
  ws.end(buf);
  await once(ws, 'finish');
}

async function exceljsDirect(report, useStyles) {
  const { default: ExcelJS } = await import('exceljs');
  const { ZoneFormatter } = await import('../dist/load/time-format.js');
  const { sheetColumns } = await import('../dist/load/xlsx/xlsx-columns.js');
  const { xlsxRowConverter } = await import('../dist/load/xlsx/xlsx-cells.js');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles,
  });
  const cols = sheetColumns(COLUMNS, TIME_ZONE);
  const ws = wb.addWorksheet('job-history', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const convert = xlsxRowConverter(COLUMNS, new ZoneFormatter(TIME_ZONE));
  let i = 0;
  for await (const row of report.rows) {
    ws.addRow(convert(row)).commit();
    if (++i % 100 === 0) {
      const z = ws.stream.pipes && ws.stream.pipes[0];
      if (z && z._writableState && z._writableState.needDrain) await once(z, 'drain');
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: N + 1, column: cols.length } };
  ws.commit();
  await wb.commit();
}

async function drain(report) {
  let n = 0;
  for await (const _ of report.rows) n += 1;
  if (n !== N) throw new Error(`read ${n} rows, expected ${N}`);
}

if (mode === 'archive') {
  if (archivePath === '') throw new Error('--mode=archive needs --archive=PATH');
  const t = process.hrtime.bigint();
  await buildArchive();
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  const bytes = fs.statSync(archivePath).size;
  console.log(JSON.stringify({ mode, rows: N, secs: +secs.toFixed(3), bytes }));
  process.exit(0);
}

// Each mode loads only what it uses, so that peak RSS is not inflated by unused modules.
const cli = source === 'archive' && (mode === 'csv' || mode === 'xlsx');
const sinkModule = {
  csv: '../dist/load/csv/write-csv.js',
  xlsx: '../dist/load/xlsx/write-xlsx.js',
};
const { main } = cli ? await import('../dist/cli/main.js') : {};
const { writeCsv, writeXlsx } = !cli && sinkModule[mode] ? await import(sinkModule[mode]) : {};
const csvExtra = argv('batch', '') === '' ? {} : { batchRows: Number(argv('batch', '')) };
const t0 = process.hrtime.bigint();
// Timed from opening the source (the archive) to the finished, renamed file.
if (mode === 'raw') await rawFloor();
else if (cli) await cliReport(main, mode);
else {
  const input = await openSource();
  const rep = input.report;
  if (mode === 'read') await drain(rep);
  else if (mode === 'csv') await writeCsv([rep], PROVENANCE, { out: file, fsync, ...csvExtra });
  else if (mode === 'xlsx') await writeXlsx([rep], PROVENANCE, { out: file, fsync });
  else if (mode === 'xlsx-naive') await exceljsDirect(rep, true);
  else if (mode === 'xlsx-nostyle') await exceljsDirect(rep, false);
  else throw new Error(`unknown mode ${mode}`);
  await input.close();
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const bytes = mode === 'read' ? 0 : fs.statSync(file).size;
if (mode !== 'read' && !process.argv.includes('--keep')) {
  fs.rmSync(file);
  fs.rmSync(file.replace(/\.csv$/, '.about.json'), { force: true });
}
const ru = process.resourceUsage();
console.log(
  JSON.stringify({
    mode,
    source: mode === 'raw' ? 'memory' : source,
    rows: N,
    // The CLI always fsyncs before its rename (the sinks' default); --fsync is for the others.
    fsync: cli || fsync,
    secs: +secs.toFixed(3),
    rows_per_s: Math.round(N / secs),
    bytes,
    maxrss_mb: +(ru.maxRSS / 1024).toFixed(1),
    user_s: +(ru.userCPUTime / 1e6).toFixed(2),
    sys_s: +(ru.systemCPUTime / 1e6).toFixed(2),
  }),
);
