// The Sheets fake (test/fakes/sheets-server.ts) in its own process for bench/sheets.mjs, so that
// the benchmark's peak RSS is the sink's own. Transpiles the fake's TypeScript to a temp dir,
// starts it, sends {url} to the parent, then answers {stats: from} messages with what it saw
// since request number `from` (and forgets the spreadsheets).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'sheets-fake-'));
for (const name of ['sheets-server', 'sheets-model', 'sheets-batch', 'sheets-routes']) {
  const source = readFileSync(join(here, '..', 'test', 'fakes', `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(out, `${name}.js`), outputText);
}
const { startFakeSheets } = await import(pathToFileURL(join(out, 'sheets-server.js')).href);
const server = await startFakeSheets({ keepValues: false, recordBodies: false });

process.on('message', (message) => {
  if (message.stats === undefined) return;
  const sent = server.requests.slice(message.stats);
  const writes = sent.filter((q) => q.isSheetsWrite);
  const values = writes.filter((q) => q.path.endsWith('values:batchUpdate'));
  const tabs = [...server.spreadsheets.values()].flatMap((b) => b.sheets);
  const rowsWritten = tabs
    .filter((s) => s.properties.title === 'job-history')
    .reduce((n, s) => n + Math.max(0, s.filledRows - 1), 0);
  server.spreadsheets.clear();
  process.send({
    next: server.requests.length,
    writes: writes.length,
    valueBytes: values.map((q) => q.bodyBytes),
    rowsWritten,
    failed: writes.filter((q) => q.status !== 200).length,
  });
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send({ url: server.url });
