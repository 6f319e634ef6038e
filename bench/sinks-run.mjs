// One measured run of one writer, in its own process so that its peak RSS is its own.
//   node bench/sinks-run.mjs --mode=raw|csv|xlsx|xlsx-naive|xlsx-nostyle --rows=N [--out=PATH]
//     [--fsync=0|1 (default 0, like the floor)] [--keep]
// raw           the floor: the CSV sink's exact bytes, hand-joined by a joiner specialised for
//               this row shape, written with fs.createWriteStream in 64 KB chunks honouring drain
// csv           writeCsv (dist/load/csv)
// xlsx          writeXlsx (dist/load/xlsx): bold frozen header, autofilter, date-time cells
// xlsx-naive    exceljs WorkbookWriter with useStyles simply switched on (column numFmt for the
//               date columns, bold header), same cells and drain: the reference for "styles on"
// xlsx-nostyle  the same with useStyles off (timestamps then show as dates without a time)
// Prints one JSON line: rows, secs, rows_per_s, bytes, maxrss_mb, user_s, sys_s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { DateTime } from 'luxon';
import { COLUMNS, PROVENANCE, TIME_ZONE, argv, report, rowSource } from './sinks-rows.mjs';

const N = Number(argv('rows', '1000000'));
const mode = argv('mode', 'csv');
const fsync = argv('fsync', '0') === '1';
const ext = mode === 'raw' || mode === 'csv' ? 'csv' : 'xlsx';
const file = argv('out', path.join(os.tmpdir(), `sinks-${mode}-${process.pid}.${ext}`));

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

async function exceljsDirect(useStyles) {
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
  for await (const row of report(N).rows) {
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

// Each mode loads only what it uses, so that peak RSS is not inflated by unused modules.
const { writeCsv } = mode === 'csv' ? await import('../dist/load/csv/write-csv.js') : {};
const { writeXlsx } = mode === 'xlsx' ? await import('../dist/load/xlsx/write-xlsx.js') : {};
const t0 = process.hrtime.bigint();
if (mode === 'raw') await rawFloor();
else if (mode === 'csv') await writeCsv([report(N)], PROVENANCE, { out: file, fsync });
else if (mode === 'xlsx') await writeXlsx([report(N)], PROVENANCE, { out: file, fsync });
else if (mode === 'xlsx-naive') await exceljsDirect(true);
else if (mode === 'xlsx-nostyle') await exceljsDirect(false);
else throw new Error(`unknown mode ${mode}`);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const bytes = fs.statSync(file).size;
if (!process.argv.includes('--keep')) {
  fs.rmSync(file);
  fs.rmSync(file.replace(/\.csv$/, '.about.json'), { force: true });
}
const ru = process.resourceUsage();
console.log(
  JSON.stringify({
    mode,
    rows: N,
    fsync,
    secs: +secs.toFixed(3),
    rows_per_s: Math.round(N / secs),
    bytes,
    maxrss_mb: +(ru.maxRSS / 1024).toFixed(1),
    user_s: +(ru.userCPUTime / 1e6).toFixed(2),
    sys_s: +(ru.systemCPUTime / 1e6).toFixed(2),
  }),
);
