/**
 * `error_type`: the normalised class of a job's error, shared by the job-history report and the
 * failure alerts (which de-duplicate on recipe + error type). The same failure on different
 * records must give one type; genuinely different errors must stay apart.
 *
 * How it is derived from the error message, in this order (each step sees the previous one's
 * output, and no placeholder can be matched again by a later step):
 *
 *  1. URLs (`scheme://…`)                                  → `<url>`
 *  2. e-mail addresses                                     → `<email>`
 *  3. quoted values: "…", '…', `…`, “…”, ‘…’ (a quoted string directly followed by `:` is a
 *     JSON-style key and is kept, so `{"code": 42}` keeps its key)  → `"<v>"`
 *  4. timestamps: ISO 8601 date-times and dates, RFC 1123 dates (`Tue, 01 Dec 2026 10:00:00
 *     GMT`), and clock times (`10:04:05`)                  → `<ts>`
 *  5. UUIDs, Workato job handles (`j-AbC123-xyz`), and then each run of letters and digits
 *     (`_` and punctuation separate runs) that mixes both and is an id: hex of 8+ characters
 *     (`0x1f…`, `5f8d0d55b54764421b7156c3`), Salesforce-style ids (15 or 18 characters with 3+
 *     digits, `0015g00000XyZAbAAN`), or any other run of 10+ characters with 3+ digits
 *     → `<id>`
 *  6. numbers that stand alone or follow `_`, `-`, `#`, `/` or `=` (`42`, `-3.5`, `1,000`,
 *     `order_12345`, `INV-2026-0042`) → `<n>`; digits glued to letters (`Field1__c`, `v2`) are
 *     kept, because they usually name a thing (a field, an API version), not a record.
 *  7. whitespace runs collapse to one space; the result is trimmed and cut to 300 characters.
 *
 * Case and all other text are kept, so "Bad request: Custom field SICCode__c is not present"
 * and "Bad request: Custom field Region__c is not present" remain two types, while
 * "Record 0015g00000XyZAbAAN not found" and "Record 0015g00000AbCdEAA2 not found" are one.
 * A null or empty error has no type (null).
 */
const MAX_LENGTH = 300;

const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()\]]+/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
// A quote opens after start, whitespace or punctuation (not inside a word like don't).
const QUOTED =
  /(^|[\s([{=:,;])(?:"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|“[^”\n]*”|‘[^’\n]*’)(?!\s*:)(?=$|[^\w])/g;
const ISO_TIMESTAMP =
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?Z|\s?[+-]\d{2}:?\d{2}|\s?UTC)?)?\b/g;
const RFC_DATE =
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})/g;
const CLOCK = /\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const JOB_HANDLE = /\bj-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b/g;
const NUMBER = /(^|[^A-Za-z0-9])-?\d+(?:[.,]\d+)*(?![A-Za-z0-9])/g;
// Letters and digits between any other characters (`_` separates too: `cus_9f8e…`).
const TOKEN = /[A-Za-z0-9]+/g;
/** Inputs are cut before normalising: the type keeps 300 characters anyway. */
const MAX_INPUT = 4_000;
/**
 * Job errors repeat a lot: a bounded cache of short messages spares the regexes. Small, because
 * errors that carry a record id never repeat: a bigger cache would mostly hold those (up to
 * ~2 KB each) in memory for a report's whole run, while the messages that do repeat come back
 * often enough to be cached again soon after the cache is cleared.
 */
const CACHE_LIMIT = 1_000;
const CACHED_INPUT = 1_000;
const cache = new Map<string, string | null>();

/** Step 5 for one letters-and-digits token: an id, or the token unchanged. */
function classifyToken(token: string): string {
  if (token.length < 8) return token;
  let digits = 0;
  for (let i = 0; i < token.length; i += 1) {
    const code = token.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
  }
  if (digits === 0 || digits === token.length) return token;
  if (/^0x[0-9a-f]+$/i.test(token) || /^[0-9a-f]+$/i.test(token)) return '<id>';
  if ((token.length === 15 || token.length === 18) && digits >= 3) return '<id>';
  if (token.length >= 10 && digits >= 3) return '<id>';
  return token;
}

export function errorType(error: string | null | undefined): string | null {
  if (error == null) return null;
  const cached = cache.get(error);
  if (cached !== undefined) return cached;
  const type = derive(error.length > MAX_INPUT ? error.slice(0, MAX_INPUT) : error);
  if (error.length <= CACHED_INPUT) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(error, type);
  }
  return type;
}

function derive(error: string): string | null {
  // The costlier patterns run only when their marker character is present at all.
  let text = error.includes('://') ? error.replace(URL, '<url>') : error;
  if (text.includes('@')) text = text.replace(EMAIL, '<email>');
  if (/["'`“‘]/.test(text)) text = text.replace(QUOTED, '$1"<v>"');
  text = text
    .replace(RFC_DATE, '<ts>')
    .replace(ISO_TIMESTAMP, '<ts>')
    .replace(CLOCK, '<ts>')
    .replace(UUID, '<id>')
    .replace(JOB_HANDLE, '<id>')
    .replace(TOKEN, classifyToken)
    .replace(NUMBER, (_match, before: string) => `${before}<n>`)
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  if (text.length > MAX_LENGTH) text = `${text.slice(0, MAX_LENGTH - 1)}…`;
  return text;
}
