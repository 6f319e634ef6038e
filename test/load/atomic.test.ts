import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sweepStaleTempFiles, writeFileAtomic } from '../../src/load/atomic-file.js';
import { writeCsv } from '../../src/load/csv/write-csv.js';
import { writeXlsx } from '../../src/load/xlsx/write-xlsx.js';
import type { Column, Provenance, Report, Row } from '../../src/transform/report.js';

const provenance: Provenance = {
  tool: 'recipe-ops',
  toolVersion: '0.1.0-test',
  generatedAt: '2026-04-01T08:00:00.000Z',
  dataSource: { kind: 'sandbox', description: 'test' },
  accountsIncluded: ['acme'],
  accountsFailed: [],
  window: null,
  filters: {},
  lastSyncedAt: {},
};
const columns: Column[] = [
  { name: 'n', type: 'integer' },
  { name: 'text', type: 'string' },
  { name: 'at', type: 'timestamp' },
];

/** Rows that fail after `failAfter` rows, like an archive query dying half-way. */
async function* failingRows(failAfter: number): AsyncIterable<Row> {
  for (let i = 0; i < failAfter; i += 1) {
    if (i % 1000 === 0) await Promise.resolve();
    yield [i, `row ${i} with some text to make the file grow`, Date.UTC(2026, 0, 1) + i];
  }
  throw new Error('archive read failed');
}

async function* goodRows(count: number): AsyncIterable<Row> {
  await Promise.resolve();
  for (let i = 0; i < count; i += 1) yield [i, `new ${i}`, Date.UTC(2026, 0, 2) + i];
}

function report(name: string, rows: AsyncIterable<Row>): Report {
  return { name, columns, timeZone: 'Europe/Berlin', rows };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PREVIOUS = Buffer.from('previous report, must survive a failed run\n');

describe('a failed write leaves the previous file and no temporary file', () => {
  it('CSV: a row stream that throws mid-way', async () => {
    const out = join(dir, 'jobs.csv');
    await writeFile(out, PREVIOUS);
    await expect(
      writeCsv([report('job-history', failingRows(25_000))], provenance, { out }),
    ).rejects.toThrow('archive read failed');
    expect(await readFile(out)).toEqual(PREVIOUS);
    expect(await readdir(dir)).toEqual(['jobs.csv']);
  });

  it('CSV: of several reports, completed ones are written, the failed one is kept', async () => {
    const out = join(dir, 'reports');
    await writeCsv([report('a', goodRows(1)), report('b', goodRows(1))], provenance, {
      out,
      bom: false,
    });
    const before = await readFile(join(out, 'b.csv'));
    await expect(
      writeCsv([report('a', goodRows(3)), report('b', failingRows(5000))], provenance, {
        out,
        bom: false,
      }),
    ).rejects.toThrow('archive read failed');
    expect((await readFile(join(out, 'a.csv'), 'utf8')).split('\r\n')).toHaveLength(5);
    expect(await readFile(join(out, 'b.csv'))).toEqual(before);
    expect((await readdir(out)).sort()).toEqual(['a.about.json', 'a.csv', 'b.about.json', 'b.csv']);
  });

  it('XLSX: a row stream that throws mid-way, in the second sheet', async () => {
    const out = join(dir, 'jobs.xlsx');
    await writeFile(out, PREVIOUS);
    await expect(
      writeXlsx(
        [report('first', goodRows(10)), report('second', failingRows(20_000))],
        provenance,
        { out },
      ),
    ).rejects.toThrow('archive read failed');
    expect(await readFile(out)).toEqual(PREVIOUS);
    expect(await readdir(dir)).toEqual(['jobs.xlsx']);
  });

  it("writeFileAtomic replaces a file; the sweep removes only dead runs' temp files", async () => {
    const out = join(dir, 'x.json');
    const dead = join(dir, '.x.json.999999999.abcd1234.tmp');
    const live = join(dir, `.x.json.${process.pid}.abcd1234.tmp`);
    await writeFile(dead, 'left by a killed run');
    await writeFile(live, 'being written by a running process');
    expect(await sweepStaleTempFiles(out)).toEqual([dead]);
    await writeFileAtomic(out, '{"a":1}\n');
    expect(await readFile(out, 'utf8')).toBe('{"a":1}\n');
    expect((await readdir(dir)).sort()).toEqual([`.x.json.${process.pid}.abcd1234.tmp`, 'x.json']);
  });
});

const DIST = resolve('dist/load');

/** A script that writes an endless report through the compiled sink (bounded to 60 s). */
function killScript(format: 'csv' | 'xlsx'): string {
  const module = format === 'csv' ? 'csv/write-csv.js' : 'xlsx/write-xlsx.js';
  const writer = format === 'csv' ? 'writeCsv' : 'writeXlsx';
  return `
import { ${writer} } from ${JSON.stringify(join(DIST, module))};
setTimeout(() => process.exit(3), 60_000).unref();
const columns = ${JSON.stringify(columns)};
async function* rows() {
  for (let i = 0; i < 50_000_000; i += 1) yield [i, 'killed run row ' + i, 1767225600000 + i];
}
await ${writer}(
  [{ name: 'big', columns, timeZone: 'UTC', rows: rows() }],
  ${JSON.stringify(provenance)},
  { out: process.argv[2], fsync: false },
);
process.exit(4);
`;
}

async function killMidWrite(format: 'csv' | 'xlsx'): Promise<void> {
  const out = join(dir, `big.${format}`);
  await writeFile(out, PREVIOUS);
  const script = join(dir, `kill-${format}.mjs`);
  await writeFile(script, killScript(format));
  const child = spawn(process.execPath, [script, out], { stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.on('exit', (code, signal) => done(signal ?? code)),
  );
  // Wait until the temporary file holds a good part of a report, then kill the writer.
  let temp: string | undefined;
  for (let waited = 0; waited < 30_000 && temp === undefined; waited += 50) {
    await sleep(50);
    const name = (await readdir(dir)).find((n) => n.startsWith(`.big.${format}.`));
    if (name && (await stat(join(dir, name))).size > 256 * 1024) temp = join(dir, name);
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(temp).toBeDefined();
  expect(await readFile(out)).toEqual(PREVIOUS);

  // The next run replaces the file and removes what the killed run left behind.
  const next = [{ ...report('big', goodRows(3)), timeZone: 'UTC' }];
  if (format === 'csv') await writeCsv(next, provenance, { out });
  else await writeXlsx(next, provenance, { out });
  const left = (await readdir(dir)).filter((n) => n.endsWith('.tmp'));
  expect(left).toEqual([]);
  expect(await readFile(out)).not.toEqual(PREVIOUS);
}

describe('a killed export leaves the previous file intact', () => {
  it('needs the compiled sinks (npm run build)', () => {
    expect(existsSync(join(DIST, 'xlsx/write-xlsx.js'))).toBe(true);
  });

  it('CSV: SIGKILL mid-write', async () => {
    await killMidWrite('csv');
  });

  it('XLSX: SIGKILL mid-write', async () => {
    await killMidWrite('xlsx');
  });
});
