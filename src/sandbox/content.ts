/**
 * Text the sandbox puts in names, titles and errors. It is deliberately hostile: Unicode,
 * commas, quotes, newlines, and values starting with `=`, `+`, `-`, `@`, so that every output
 * has to prove it quotes cells and neutralises spreadsheet formula injection.
 */

/** Connector names; those in NO_CONNECTION_APPS need no connection (account_id stays null). */
export const TRIGGER_APPS = [
  'salesforce',
  'workato_webhooks',
  'scheduler',
  'netsuite',
  'zendesk',
  'jira',
  'google_sheets',
  'shopify',
] as const;
export const ACTION_APPS = [
  'salesforce',
  'netsuite',
  'slack',
  'jira',
  'google_sheets',
  'hubspot',
  'servicenow',
  'email',
  'snowflake',
] as const;
export const NO_CONNECTION_APPS = new Set(['workato_webhooks', 'scheduler', 'email']);
/** Triggers that poll, hence can have poll errors. */
export const POLLING_APPS = new Set(['salesforce', 'netsuite', 'zendesk', 'jira', 'shopify']);

export const CUSTOMER_NAMES = [
  'Acme, Inc.',
  '=HYPERLINK("http://evil.example","click")',
  'Ünïcödé GmbH — 東京支店',
  '+Plus & Partners',
  '-Minus "Quoted" Ltd',
  '@At Corp',
  'Line\nBreak LLC',
  'O\'Brien; Sons, "Holdings"',
  'Café Żółć S.A. 🚀',
  'Northwind Traders',
];

export const RECIPE_NAMES = [
  'Sync new {a} accounts to {b}',
  '=SUM(1+1) Create {b} ticket from {a}',
  '+Update {b} when {a} changes',
  '-Delete stale {b} rows',
  '@mention channel on {a} errors',
  'Export "orders", invoices and refunds to {b}',
  'Nightly {a} → {b} réconciliation ✓',
  'Multi-line\nrecipe name for {a}',
  'Route {a} leads, by region, to {b}',
  'Notify on {a} failures (日本語)',
];

export const FOLDER_NAMES = ['Finance', 'Sales ops, EMEA', '=Ops', 'Support "Tier 2"', 'Ünïcode'];

export const CONNECTION_NAMES = [
  '{app} production',
  '={app} "sandbox", EU',
  '+{app} backup',
  '@{app} integration user',
  '{app} — Zürich ✓',
  '-{app}\nsecondary',
];

export const AUTH_ERRORS = [
  'invalid_grant: expired access/refresh token',
  'Password for "integration@acme.example" was changed, please reconnect',
  '=ERROR: certificate verify failed (self signed certificate in chain)',
];

export const JOB_TITLES = [
  'New record {n} in {app}',
  'Updated account "{q}", owner {email}',
  "=cmd|' /C calc'!A0 row {n}",
  '+1 order {n}, total 1,234.50',
  '-{n} refund for {email}',
  '@{word} scheduled run',
  'Webhook call: Calling IP address=10.0.{n}.1, agent="curl"',
  'Zeile {n}: Grüße aus München — 値 {q}',
  'Multi\nline title {n}',
];

/** Error templates: the same error repeats with varying ids, e-mails, numbers, quoted values. */
export const ERROR_TEMPLATES = [
  'Salesforce: INVALID_EMAIL_ADDRESS: Email: invalid email address: {email}',
  '404 Not Found: Record with id {n} does not exist',
  'Bad request: Custom field "{q}" is not present',
  'Timeout: request to https://api.example.com/v2/orders/{n} took longer than 60 seconds',
  'NetSuite: You have entered an Invalid Field Value {n} for the following field: entity',
  'Duplicate value found: External_Id__c duplicates value on record with id: 0015g0000{hex}',
  '=ERROR("boom"), see ticket #{n}',
  'Unauthorized: token for {email} expired at 2026-11-{day}T03:00:00Z',
  'Stack:\n  at step 3 (Update row, sheet "Q{n}")\n  at step 1 (Trigger)',
  'Ünïcödé failure — 値が不正です: "{q}"',
  '-1 rows affected, expected 1 (row {n})',
  '@{word}: mention failed, user {email} not found',
];

export const POLL_ERRORS = [
  'Bad request: Custom field SICCode__c is not present',
  'Trigger error: 503 Service Unavailable from {app} (attempt {n})',
];

const WORDS = ['alpha', 'Bravo', 'çharlie', 'delta,echo', 'fox"trot', '=golf', '日本'];

type Part = string | ((h: number, app: string) => string);
const FILLERS: Record<string, (h: number, app: string) => string> = {
  n: (h) => String(h % 100_000),
  hex: (h) => (h >>> 8).toString(16).padStart(6, '0'),
  day: (h) => String(1 + (h % 28)).padStart(2, '0'),
  email: (h) => `user${h % 997}@ex${h % 3 === 0 ? 'ä' : 'a'}mple.com`,
  q: (h) => WORDS[h % WORDS.length] ?? 'x',
  word: (h) => WORDS[(h >>> 4) % WORDS.length] ?? 'x',
  app: (_h, app) => app,
};
const compiled = new Map<string, Part[]>();

/** Fills a template's placeholders from a hash value (templates are parsed once). */
export function fillTemplate(template: string, h: number, app = 'salesforce'): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template
      .split(/(\{\w+\})/)
      .filter((p) => p !== '')
      .map((p) => FILLERS[p.slice(1, -1)] ?? p);
    compiled.set(template, parts);
  }
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : part(h, app);
  return out;
}

/** An error of about 40,000 characters (an HTML error page echoed back), for long cells. */
export function longError(h: number): string {
  const head = `HTTP 502 from upstream (request ${h}): <html><body><pre>`;
  const line = 'upstream connect error or disconnect/reset before headers, "retry", =1+1\n';
  return head + line.repeat(Math.ceil((40_000 - head.length) / line.length)) + '</pre></html>';
}
