import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { readCsv } from './csv-read.js';

const out = mkdtempSync(join(tmpdir(), 'recipe-ops-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('node', ['bin/recipe-ops.js', 'demo', '--out', out], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Jobs of the demo's sandbox (same options as src/cli/demo.ts) started in the last 7 days. */
async function expectedJobIds(): Promise<string[]> {
  const sandbox = await startSandbox({ seed: 42, accounts: 3, recipesPerAccount: 8, days: 14 });
  try {
    const world = sandbox.world();
    const until = Date.parse(world.now.slice(0, 10) + 'T00:00:00Z');
    const since = until - 7 * 86_400_000;
    const ids: string[] = [];
    for (const customer of world.customers) {
      for (const recipe of customer.recipes) {
        for (const job of recipe.jobs()) {
          const started = Date.parse(job.started_at);
          if (started >= since && started < until) ids.push(job.id);
        }
      }
    }
    return ids.sort();
  } finally {
    await sandbox.close();
  }
}

describe('recipe-ops demo (needs npm run build)', () => {
  it('syncs the sandbox, writes every report as XLSX and CSV, marked as sandbox data', async () => {
    const run = await runDemo();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('$ recipe-ops report all --since 2026-11-23 --until 2026-11-30');

    const csv = readCsv(readFileSync(join(out, 'job-history.csv'), 'utf8'));
    const header = csv[0] ?? [];
    const jobIds = csv.slice(1).map((row) => row[header.indexOf('job_id')] ?? '');
    expect(jobIds.sort()).toEqual(await expectedJobIds());

    const about = JSON.parse(readFileSync(join(out, 'job-history.about.json'), 'utf8')) as {
      sandboxData: boolean;
      accountsIncluded: string[];
      reports: { rows: number }[];
    };
    expect(about.sandboxData).toBe(true);
    expect(about.accountsIncluded).toHaveLength(3);
    expect(about.reports[0]?.rows).toBe(jobIds.length);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'reports.xlsx'));
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['job-history', 'transaction-usage', 'recipe-inventory', 'About']),
    );
    // Header plus one row per job: the workbook and the CSV agree.
    expect(book.getWorksheet('job-history')?.actualRowCount).toBe(jobIds.length + 1);
    const aboutSheet = book.getWorksheet('About');
    const aboutText: string[] = [];
    aboutSheet?.eachRow((row) => aboutText.push(JSON.stringify(row.values)));
    expect(aboutText.join('\n')).toContain('SANDBOX DATA');
    for (const name of ['transaction-usage', 'connected-apps', 'recipe-inventory']) {
      expect(readFileSync(join(out, `${name}.csv`), 'utf8').length).toBeGreaterThan(0);
    }
  });
});
