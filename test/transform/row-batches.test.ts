/**
 * Row batches as they cross from the report worker: every cell comes back as it was sent
 * (type, value, -0, text in any script, empty text, null), in order, and a batch's buffer is
 * its own, so it can be transferred.
 */
import { expect, it } from 'vitest';

import { readRowBatch, RowBatchWriter } from '../../src/transform/off-thread/row-batches.js';
import type { Row } from '../../src/transform/report.js';

const rows: Row[] = [
  [1, 'Acme Inc.', 1767225600000, 0.25, true, null, ''],
  [-0, 'Ünïcödé ✓ 日本語 🚀', -1.5e300, Number.MAX_SAFE_INTEGER, false, 'a,"b"\r\nc', null],
  [],
  ['x'.repeat(70_000), 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY],
];

it('gives back every row exactly, one at a time', () => {
  const writer = new RowBatchWriter();
  for (const row of rows) writer.add(row);
  expect(writer.count).toBe(rows.length);
  const { buffer, count } = writer.take();
  expect(writer.count).toBe(0);
  expect(count).toBe(rows.length);
  const back = [...readRowBatch(buffer, count)];
  expect(back).toEqual(rows);
  expect(Object.is(back[1]?.[0], -0)).toBe(true);
});

it('hands over a buffer of its own, and an empty batch reads as no rows', () => {
  const writer = new RowBatchWriter();
  writer.add(['only']);
  const { buffer } = writer.take();
  // Transferable: detaching it must not affect anything else.
  structuredClone(buffer, { transfer: [buffer] });
  expect(buffer.byteLength).toBe(0);
  const empty = writer.take();
  expect(empty.count).toBe(0);
  expect([...readRowBatch(empty.buffer, empty.count)]).toEqual([]);
});
