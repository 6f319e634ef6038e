/**
 * One CSV record from rendered field texts. RFC 4180 quoting is csv-stringify's: a record with
 * a field that holds the delimiter, a double quote, CR or LF goes through csv-stringify. Any
 * other record is written as csv-stringify would write it, its fields joined by the delimiter:
 * quoting never applies to such a record, and most records are like it (job-history: nine in
 * ten). That spares csv-stringify's per-field work for them (a cast context and a few small
 * arrays per field, most of the CSV sink's time and garbage); test/load/csv-lines.test.ts
 * checks the two give the same bytes.
 */
import { stringify } from 'csv-stringify/sync';

export interface CsvLineFormat {
  delimiter: string;
  lineEnding: 'crlf' | 'lf';
}

export type CsvLineWriter = (fields: readonly string[]) => string;

/** Characters that make csv-stringify quote a field, besides the delimiter. */
const QUOTE_TRIGGER = /["\r\n]/;

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

export function csvLineWriter(format: CsvLineFormat): CsvLineWriter {
  const eol = format.lineEnding === 'crlf' ? '\r\n' : '\n';
  const { delimiter } = format;
  // csv-stringify quotes fields holding a lone CR or LF only when told to once
  // `record_delimiter` is given (`quote_record_delimiter` then defaults to false).
  const options = { delimiter, eof: true, quote_record_delimiter: true, record_delimiter: eol };
  return (fields) => {
    const joined = fields.join(delimiter);
    // With n fields and no delimiter inside any of them, the joined text has n - 1.
    const plain =
      !QUOTE_TRIGGER.test(joined) && countOf(joined, delimiter) === Math.max(0, fields.length - 1);
    return plain ? joined + eol : stringify([fields], options);
  };
}
