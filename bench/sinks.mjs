// File-sink benchmark (issue 4): 1,000,000 job-history rows to CSV and to XLSX against the raw
// write floor measured in the same run, and 100,000 vs 1,000,000 rows to show that memory stays
// flat. Every measurement is a fresh child process (bench/sinks-run.mjs) so its peak RSS is
// its own. Needs `npm run build` first.
//
//   node bench/sinks.mjs [--runs=3] [--rows=1000000] [--small=100000] [--compare=1] [--fsync=1]
//
// --fsync    let the sinks fsync before their rename (their default); off by default here, as
//            the floor does not fsync either
// --runs     interleaved repetitions (raw, csv, xlsx, raw, csv, xlsx, ...); medians are shown
// --compare  also run exceljs directly with useStyles simply switched on / off (1M rows only)
// Bounded: at most (3 + 2 compare) modes × 2 sizes × runs children, each killed after 10 min.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argv } from './sinks-rows.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(argv('runs', '1'));
const big = Number(argv('rows', '1000000'));
const small = Number(argv('small', '100000'));
const compare = argv('compare', '0') === '1';
const fsync = argv('fsync', '0');
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

function runChild(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'sinks-run.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`sinks-run ${args.join(' ')}: ${signal ?? code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// 1. The floor writes exactly the bytes the CSV sink writes (checked on 50,000 rows).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinks-bench-'));
const rawFile = path.join(tmp, 'raw.csv');
const csvFile = path.join(tmp, 'csv.csv');
await runChild(['--mode=raw', '--rows=50000', `--out=${rawFile}`, '--keep']);
await runChild(['--mode=csv', '--rows=50000', `--out=${csvFile}`, '--keep']);
const sameBytes = fs.readFileSync(rawFile).equals(fs.readFileSync(csvFile));
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`floor bytes identical to the CSV sink's (50,000 rows): ${sameBytes}`);

// 2. Interleaved runs.
const modes = ['raw', 'csv', 'xlsx'];
const results = [];
for (let r = 0; r < runs; r += 1) {
  for (const rows of [small, big]) {
    const list = rows === big && compare ? [...modes, 'xlsx-naive', 'xlsx-nostyle'] : modes;
    for (const mode of list) {
      const res = await runChild([`--mode=${mode}`, `--rows=${rows}`, `--fsync=${fsync}`]);
      console.error(JSON.stringify(res));
      results.push(res);
    }
  }
}

// 3. Table of medians, with ratios to the floor (wall clock, and CPU time for a noisy machine).
const pick = (mode, rows) => results.filter((x) => x.mode === mode && x.rows === rows);
const summary = [];
for (const rows of [small, big]) {
  const floor = pick('raw', rows);
  const floorRate = median(floor.map((x) => x.rows_per_s));
  const floorCpu = median(floor.map((x) => x.user_s + x.sys_s));
  for (const mode of ['raw', 'csv', 'xlsx', 'xlsx-naive', 'xlsx-nostyle']) {
    const xs = pick(mode, rows);
    if (xs.length === 0) continue;
    const rates = xs.map((x) => x.rows_per_s);
    const rate = median(rates);
    const cpu = median(xs.map((x) => x.user_s + x.sys_s));
    summary.push({
      mode,
      rows,
      n: xs.length,
      rows_per_s: rate,
      range: `${Math.min(...rates)}–${Math.max(...rates)}`,
      secs: median(xs.map((x) => x.secs)),
      cpu_s: +cpu.toFixed(2),
      maxrss_mb: median(xs.map((x) => x.maxrss_mb)),
      rss_max_mb: Math.max(...xs.map((x) => x.maxrss_mb)),
      bytes: xs[0].bytes,
      ratio_wall: +(rate / floorRate).toFixed(3),
      ratio_cpu: +(floorCpu / cpu).toFixed(3),
    });
  }
}
console.table(summary);

// 4. Verdicts against the targets.
const at = (mode, rows) => summary.find((s) => s.mode === mode && s.rows === rows);
const checks = [
  ['floor writes the same bytes as the CSV sink', sameBytes],
  ['CSV ≥ 0.33 × floor (wall, median)', at('csv', big).ratio_wall >= 0.33],
  ['XLSX ≥ 0.1 × floor (wall, median)', at('xlsx', big).ratio_wall >= 0.1],
];
for (const mode of ['csv', 'xlsx']) {
  const grow = at(mode, big).rss_max_mb - at(mode, small).rss_max_mb;
  checks.push([`${mode} peak RSS ≤ 150 MB at ${big} rows`, at(mode, big).rss_max_mb <= 150]);
  checks.push([
    `${mode} peak RSS flat: ${small} → ${big} rows grows ${grow.toFixed(1)} MB ≤ 30`,
    grow <= 30,
  ]);
}
for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
