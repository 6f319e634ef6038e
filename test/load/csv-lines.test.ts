/**
 * csv-lines writes the records that need no quoting itself and hands the others to
 * csv-stringify: for every delimiter and line ending, every record must come out byte for byte
 * as csv-stringify alone writes it.
 */
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';

import { csvLineWriter } from '../../src/load/csv/csv-lines.js';
import type { CsvLineFormat } from '../../src/load/csv/csv-lines.js';

// Pieces that matter to quoting, and some that must not.
const PIECES = ['', 'a', 'plain text', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n', ' ', "'=1"];
const PIECES_MORE = ['-2', '1.5', 'true', 'Zürich', '日本', '🚀', 'a"b', 'x,y', 'line\nbreak'];

/** A deterministic stream of records of 0–6 fields made of 0–3 pieces each. */
function* records(count: number): Generator<string[]> {
  const all = [...PIECES, ...PIECES_MORE];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  for (let i = 0; i < count; i += 1) {
    const fields = Array.from({ length: next(7) }, () =>
      Array.from({ length: next(4) }, () => all[next(all.length)] ?? '').join(''),
    );
    yield fields;
  }
}

const FORMATS: CsvLineFormat[] = [];
for (const delimiter of [',', ';', '\t']) {
  for (const lineEnding of ['crlf', 'lf'] as const) FORMATS.push({ delimiter, lineEnding });
}

describe.each(FORMATS)('delimiter %j', (format) => {
  const line = csvLineWriter(format);
  const options = {
    delimiter: format.delimiter,
    eof: true,
    quote_record_delimiter: true,
    record_delimiter: format.lineEnding === 'crlf' ? '\r\n' : '\n',
  };

  it('writes every record as csv-stringify does', () => {
    let plain = 0;
    for (const fields of records(5_000)) {
      const expected = stringify([fields], options);
      expect(line(fields), JSON.stringify(fields)).toBe(expected);
      if (expected === fields.join(format.delimiter) + options.record_delimiter) plain += 1;
    }
    // Both paths were taken many times.
    expect(plain).toBeGreaterThan(500);
    expect(plain).toBeLessThan(4_500);
  });

  it('quotes a field holding the delimiter, a quote or a line break', () => {
    const d = format.delimiter;
    expect(line([`a${d}b`, 'c'])).toBe(`"a${d}b"${d}c${options.record_delimiter}`);
    expect(line(['say "hi"'])).toBe(`"say ""hi"""${options.record_delimiter}`);
    expect(line(['x\ry', ''])).toBe(`"x\ry"${d}${options.record_delimiter}`);
  });
});
