/**
 * One run of the Sheets sink: the client with its quota limiters, the spreadsheets written
 * (the destination, plus any the run rolled over to), and the 10M-cell budget of each.
 */
import { randomBytes } from 'node:crypto';

import type { Logger } from '../../shared/logger.js';
import type { SheetInfo, SheetsClient, SpreadsheetInfo } from './client.js';
import { spreadsheetUrl } from './options.js';
import { ABOUT_TITLE } from './tab-names.js';

/** Google's limit on cells per spreadsheet, all tabs together. */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** Cells kept free for the About tab and chart companions written at the end. */
export const RESERVED_CELLS = 10_000;

/** What a spreadsheet holds of each report, for its About tab. */
export interface PartNote {
  report: string;
  tab: string;
  firstRow: number;
  lastRow: number;
  /** Append mode: rows of the report already in the tab, not written again. */
  skipped?: number;
}

export interface Book {
  info: SpreadsheetInfo;
  url: string;
  part: number;
  notes: PartNote[];
}

export interface RunSettings {
  maxRequestBytes: number;
  onCellLimit: 'fail' | 'rollover';
  keyColumn: string;
  shareWith: readonly string[];
  notifyReaders: boolean;
  /** Title for spreadsheets this run creates (already rendered). */
  newTitle: string;
}

export function cellsOf(sheets: readonly SheetInfo[]): number {
  return sheets.reduce((sum, s) => sum + s.rowCount * s.columnCount, 0);
}

export class SheetsRun {
  readonly runId = randomBytes(3).toString('hex');
  readonly books: Book[] = [];

  constructor(
    readonly client: SheetsClient,
    readonly settings: RunSettings,
    readonly logger: Logger,
  ) {}

  get book(): Book {
    const book = this.books[this.books.length - 1];
    if (!book) throw new Error('no spreadsheet opened');
    return book;
  }

  async openExisting(spreadsheetId: string): Promise<Book> {
    const info = await this.client.getSpreadsheet(spreadsheetId);
    return this.add(info);
  }

  /** Creates a spreadsheet (its first tab is the About tab) and shares it with the readers. */
  async createNew(): Promise<Book> {
    const part = this.books.length + 1;
    const title = part === 1 ? this.settings.newTitle : `${this.settings.newTitle} (part ${part})`;
    const info = await this.client.create(title, ABOUT_TITLE);
    for (const email of this.settings.shareWith) {
      await this.client.share(info.spreadsheetId, email, this.settings.notifyReaders);
    }
    this.logger.info(
      { spreadsheetId: info.spreadsheetId, readers: this.settings.shareWith.length },
      `created spreadsheet "${title}"`,
    );
    return this.add(info);
  }

  /** Re-reads the current spreadsheet's tabs and sizes. */
  async refresh(book: Book = this.book): Promise<SpreadsheetInfo> {
    book.info = await this.client.getSpreadsheet(book.info.spreadsheetId);
    return book.info;
  }

  private add(info: SpreadsheetInfo): Book {
    const book: Book = {
      info,
      url: spreadsheetUrl(info.spreadsheetId),
      part: this.books.length + 1,
      notes: [],
    };
    this.books.push(book);
    return book;
  }
}
