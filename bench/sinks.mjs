// File-sink benchmark (issue 4): 1,000,000 job-history rows to CSV and to XLSX, from the SQLite
// archive through the job-history transform to the finished file, against the raw write floor
// measured in the same run, and 100,000 vs 1,000,000 rows to show that memory stays flat. CSV
// and XLSX from the archive are the CLI itself (`recipe-ops report job-history --offline
// --format csv|xlsx`, its main called as bin/recipe-ops.js calls it, with the same process
// settings: none). Every measurement is a fresh child process (bench/sinks-run.mjs) so its peak
// RSS is its own; one archive per size is built first (bench/sinks-run.mjs --mode=archive) and
// deleted at the end. Needs `npm run build` first.
//
//   node bench/sinks.mjs [--runs=1] [--rows=1000000] [--small=100000] [--memory=0] [--compare=0]
//     [--fsync=0]
//
// --runs     interleaved repetitions (raw, read, csv, xlsx, raw, ...); medians are shown
// --memory   also run the sinks on rows generated in memory (no archive, no transform)
// --compare  also run exceljs directly with useStyles simply switched on / off (1M rows only)
// --fsync    let the sinks fsync before their rename (their default); off by default here, as
//            the floor does not fsync either (the CLI runs, csv and xlsx, always fsync)
// Floor (`raw`): the same bytes hand-joined from rows generated in memory and written with
// fs.createWriteStream. `read`: the archive + transform alone, no sink.
// Bounded: at most 8 modes × 2 sizes × runs children, each killed after 10 min.
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
const memory = argv('memory', '0') === '1';
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinks-bench-'));
const archiveFor = (rows) => path.join(tmp, `archive-${rows}.sqlite`);
const results = [];
let sameBytes = false;
let sameLines = false;
try {
  // 1. The floor writes exactly the bytes the CSV sink writes from memory, and the same lines
  //    (in the archive's order: account, start, job id) from the archive (checked on 50,000).
  const check = 50000;
  await runChild(['--mode=archive', `--rows=${check}`, `--archive=${archiveFor(check)}`]);
  const file = (name) => path.join(tmp, `${name}.csv`);
  await runChild(['--mode=raw', `--rows=${check}`, `--out=${file('raw')}`, '--keep']);
  await runChild([
    '--mode=csv',
    '--source=memory',
    `--rows=${check}`,
    `--out=${file('mem')}`,
    '--keep',
  ]);
  await runChild([
    '--mode=csv',
    `--archive=${archiveFor(check)}`,
    `--rows=${check}`,
    `--out=${file('arc')}`,
    '--keep',
  ]);
  const raw = fs.readFileSync(file('raw'));
  const arc = fs.readFileSync(file('arc'));
  sameBytes = raw.equals(fs.readFileSync(file('mem')));
  const lines = (b) => b.toString('utf8').split('\r\n').sort().join('\r\n');
  sameLines = raw.length === arc.length && lines(raw) === lines(arc);
  console.log(`floor bytes identical to the CSV sink's from memory (50,000 rows): ${sameBytes}`);
  console.log(
    `floor lines identical to the CSV sink's from the archive (50,000 rows): ${sameLines}`,
  );
  for (const name of ['raw', 'mem', 'arc']) fs.rmSync(file(name));
  fs.rmSync(file('mem').replace(/\.csv$/, '.about.json'), { force: true });
  fs.rmSync(file('arc').replace(/\.csv$/, '.about.json'), { force: true });
  fs.rmSync(archiveFor(check));

  for (const rows of [small, big]) {
    const built = await runChild([
      '--mode=archive',
      `--rows=${rows}`,
      `--archive=${archiveFor(rows)}`,
    ]);
    console.error(JSON.stringify(built));
  }

  // 2. Interleaved runs, one process each.
  for (let r = 0; r < runs; r += 1) {
    for (const rows of [small, big]) {
      const list = [['raw'], ['read'], ['csv'], ['xlsx']];
      if (memory) list.push(['csv', 'memory'], ['xlsx', 'memory']);
      if (rows === big && compare) list.push(['xlsx-naive'], ['xlsx-nostyle']);
      for (const [mode, src = 'archive'] of list) {
        const res = await runChild([
          `--mode=${mode}`,
          `--rows=${rows}`,
          `--source=${src}`,
          `--archive=${archiveFor(rows)}`,
          `--fsync=${fsync}`,
        ]);
        console.error(JSON.stringify(res));
        results.push(res);
      }
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

// 3. Table of medians, with ratios to the floor (wall clock, and CPU time for a noisy machine).
const pick = (label, rows) => results.filter((x) => labelOf(x) === label && x.rows === rows);
const labelOf = (x) => (x.source === 'memory' && x.mode !== 'raw' ? `${x.mode} (memory)` : x.mode);
const LABELS = ['raw', 'read', 'csv', 'xlsx', 'csv (memory)', 'xlsx (memory)'];
const summary = [];
for (const rows of [small, big]) {
  const floor = pick('raw', rows);
  const floorRate = median(floor.map((x) => x.rows_per_s));
  const floorCpu = median(floor.map((x) => x.user_s + x.sys_s));
  for (const mode of [...LABELS, 'xlsx-naive', 'xlsx-nostyle']) {
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
  ['floor writes the same bytes as the CSV sink (from memory)', sameBytes],
  ['floor writes the same lines as the CSV sink (from the archive)', sameLines],
  ['CSV from the archive ≥ 0.33 × floor (wall, median)', at('csv', big).ratio_wall >= 0.33],
  ['XLSX from the archive ≥ 0.1 × floor (wall, median)', at('xlsx', big).ratio_wall >= 0.1],
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
