/**
 * Excel worksheet names: 1–31 characters, none of `: \ / ? * [ ]`, no leading or trailing `'`,
 * unique without regard to case, and not `History` (reserved by Excel). A name that breaks a
 * rule makes Excel "repair" the file, so every sheet name goes through here.
 */
export const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const RESERVED = new Set(['history']);

/** Cuts to `max` UTF-16 code units without splitting a surrogate pair (emoji count as two). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

function trimQuotes(text: string): string {
  return text.replace(/^'+/, '').replace(/'+$/, '').trim();
}

/** One name made valid on its own (not yet unique). */
export function sanitiseSheetName(name: string): string {
  let clean = trimQuotes(name.replace(FORBIDDEN, '_').replace(CONTROL, ' ').trim());
  clean = trimQuotes(cut(clean, MAX_SHEET_NAME));
  if (clean === '') clean = 'Sheet';
  if (RESERVED.has(clean.toLowerCase())) clean = `${clean}_`;
  return clean;
}

/**
 * Hands out valid, unique sheet names. `reserve` names taken by the writer itself (e.g.
 * `About`) so that a report named the same gets a suffix instead.
 */
export class SheetNamer {
  private readonly taken = new Set<string>();

  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }

  next(name: string): string {
    const base = sanitiseSheetName(name);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = trimQuotes(cut(base, MAX_SHEET_NAME - suffix.length)) + suffix;
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
