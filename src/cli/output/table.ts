/**
 * Aligned plain-text tables for the terminal. Cells are made single-line (control characters
 * shown as escapes) so that a name with a newline cannot break a row.
 */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Longer cells are cut with an ellipsis. */
  maxWidth?: number;
}

/** One line per cell: `\n` → `\\n`, other control characters → `\\uXXXX`. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * Width in code points. Known shortcoming: East Asian wide characters and emoji take two
 * columns on a terminal, so a row holding them is misaligned by that much; measuring with a
 * wcwidth-style table (e.g. the `string-width` package) would fix it.
 */
function width(text: string): number {
  return Array.from(text).length;
}

function cut(text: string, max: number | undefined): string {
  if (max === undefined || width(text) <= max) return text;
  return `${Array.from(text)
    .slice(0, Math.max(1, max - 1))
    .join('')}…`;
}

/** Header, then rows; columns separated by two spaces; trailing spaces trimmed. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
): string {
  const cells = rows.map((row) => columns.map((col, i) => cut(cellText(row[i]), col.maxWidth)));
  const widths = columns.map((col, i) =>
    Math.max(width(col.header), ...cells.map((row) => width(row[i] ?? ''))),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(value)));
        return columns[i]?.align === 'right' ? pad + value : value + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** `label  value` lines, labels aligned. */
export function renderFields(fields: readonly (readonly [string, unknown])[]): string {
  const labelWidth = Math.max(...fields.map(([label]) => width(label)));
  return (
    fields
      .map(([label, value]) => `${label.padEnd(labelWidth)}  ${cellText(value)}`.trimEnd())
      .join('\n') + '\n'
  );
}
