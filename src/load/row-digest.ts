import { createHash } from 'node:crypto';

import type { Row } from '../transform/report.js';

/**
 * SHA-256 over a report's rows in a canonical form that does not depend on the sink: each row
 * as its JSON array (timestamps as epoch ms, dates as text, null for empty) plus a newline. The
 * same rows give the same digest in CSV, XLSX and Sheets, so an auditor can compare outputs.
 */
export class RowDigest {
  private readonly hash = createHash('sha256');
  private pending: string[] = [];
  count = 0;

  add(row: Row): void {
    this.pending.push(JSON.stringify(row));
    this.count += 1;
    if (this.pending.length >= 512) this.flush();
  }

  hex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.hash.update(this.pending.join('\n') + '\n');
    this.pending = [];
  }
}
