/**
 * Tab titles: one per report, valid for Google (not empty, at most 100 characters, no control
 * characters), unique (Google compares titles case-insensitively), and clear of the `About`
 * tab, the chart companions and the loader's temporary tabs.
 */
export const ABOUT_TITLE = 'About';
export const MAX_TITLE = 100;
const TEMP_PREFIX = '~tmp ';
const CHART_SUFFIX = ' · failed per day';

function clean(name: string): string {
  const text = name
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? 'report' : text;
}

/** Titles for the reports, in order, deduplicated with ` (2)`, ` (3)`… */
export function planTabTitles(names: readonly string[]): string[] {
  const taken = new Set([ABOUT_TITLE.toLowerCase()]);
  const room = MAX_TITLE - CHART_SUFFIX.length;
  return names.map((name) => {
    const base = clean(name).slice(0, room);
    let title = base.startsWith(TEMP_PREFIX) ? `_${base.slice(1)}` : base;
    for (let n = 2; taken.has(title.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      title = base.slice(0, room - suffix.length) + suffix;
    }
    taken.add(title.toLowerCase());
    return title;
  });
}

/** The companion tab holding the failed-jobs-per-day chart of a report tab. */
export function chartTitle(title: string): string {
  return `${title}${CHART_SUFFIX}`;
}

/** A temporary tab for `title` in run `runId`: hidden until it replaces the old tab. */
export function tempTitle(runId: string, title: string): string {
  return `${TEMP_PREFIX}${runId} ${title}`.slice(0, MAX_TITLE);
}

/** True for a temporary tab of `title` left behind by an earlier run that died. */
export function isStaleTemp(sheetTitle: string, runId: string, title: string): boolean {
  if (!sheetTitle.startsWith(TEMP_PREFIX)) return false;
  const rest = sheetTitle.slice(TEMP_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0 || rest.slice(0, space) === runId) return false;
  return (
    rest.slice(space + 1) ===
    `${TEMP_PREFIX}${runId} ${title}`
      .slice(0, MAX_TITLE)
      .slice(TEMP_PREFIX.length + runId.length + 1)
  );
}
