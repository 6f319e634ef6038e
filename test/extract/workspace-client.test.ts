import { afterEach, describe, expect, it } from 'vitest';

import { BadResponseError, createAccountClient } from '../../src/extract/workato/index.js';
import type { AccountConfig } from '../../src/extract/workato/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { clientFor, recordSleeps, TEST_TOKEN } from './client-helpers.js';
import { jobJson, recipeJson, sendJson, startFakeServer } from './fake-server.js';
import type { FakeServer } from './fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** 250 recipes, ids 250..1, served 100 a page in descending id order. */
function recipesServer(envelope: 'items' | 'result' | 'bare') {
  const all = Array.from({ length: 250 }, (_, i) => recipeJson(250 - i));
  return startFakeServer((req, res) => {
    const page = Number(req.query.get('page'));
    const perPage = Number(req.query.get('per_page'));
    const items = all.slice((page - 1) * perPage, page * perPage);
    sendJson(res, 200, envelope === 'bare' ? items : { [envelope]: items });
  });
}

describe('recipes', () => {
  it.each(['items', 'result', 'bare'] as const)(
    'reads every page of a %s envelope until a short page',
    async (envelope) => {
      server = await recipesServer(envelope);
      const recipes = await collect(clientFor(server.baseUrl).api.listRecipes());
      expect(recipes).toHaveLength(250);
      expect(recipes[0]!.id).toBe(250);
      expect(recipes[249]!.id).toBe(1);
      expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
      expect(server.requests.every((r) => r.query.get('per_page') === '100')).toBe(true);
    },
  );

  it('sends every documented filter', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 200, { items: [] }));
    const api = clientFor(server.baseUrl).api;
    await collect(
      api.listRecipes({
        running: false,
        stopCause: 'trigger_errors_limit',
        folderId: 12,
        adapterNamesAny: ['salesforce', 'jira'],
        adapterNamesAll: ['slack'],
        sinceId: 500,
        stoppedAfter: '2026-01-01T00:00:00Z',
        updatedAfter: '2026-02-01T00:00:00Z',
        order: 'activity',
        includeTags: true,
        excludeCode: true,
      }),
    );
    const query = Object.fromEntries(server.requests[0]!.query);
    expect(query).toEqual({
      running: 'false',
      stop_cause: 'trigger_errors_limit',
      folder_id: '12',
      adapter_names_any: 'salesforce,jira',
      adapter_names_all: 'slack',
      since_id: '500',
      stopped_after: '2026-01-01T00:00:00Z',
      updated_after: '2026-02-01T00:00:00Z',
      order: 'activity',
      'includes[]': 'tags',
      exclude_code: 'true',
      page: '1',
      per_page: '100',
    });
  });

  it('rejects a malformed item naming the account, the endpoint and the field', async () => {
    server = await startFakeServer((_req, res) =>
      sendJson(res, 200, { items: [recipeJson(2), recipeJson(1, { running: 'yes' })] }),
    );
    const error = await collect(clientFor(server.baseUrl).api.listRecipes()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).field).toBe('items[1].running');
    expect((error as Error).message).toMatch(
      /^default: GET \/api\/recipes → 200 the answer does not fit .* at items\[1\]\.running: /,
    );
  });

  it('stops at the page cap with a warning that names it', async () => {
    const all = Array.from({ length: 500 }, (_, i) => recipeJson(500 - i));
    server = await startFakeServer((req, res) => {
      const page = Number(req.query.get('page'));
      sendJson(res, 200, { items: all.slice((page - 1) * 100, page * 100) });
    });
    const lines: string[] = [];
    const logger = createLogger({
      pretty: false,
      level: 'warn',
      destination: {
        write: (line: string) => lines.push(line),
      } as unknown as NodeJS.WritableStream,
    });
    const recipes = await collect(
      clientFor(server.baseUrl, { maxPages: 2, logger }).api.listRecipes(),
    );
    expect(recipes).toHaveLength(200);
    expect(server.requests).toHaveLength(2);
    expect(lines.join('')).toContain('at the cap of 2 pages (maxPages)');
  });

  it('reports a start refused with config errors as a failure with the reasons', async () => {
    server = await startFakeServer((_req, res) =>
      sendJson(res, 200, {
        success: false,
        code_errors: [[2, [['Issue key', null, 'Unknown data field "My Param" used', 'id']]]],
        config_errors: [[0, [['Connection', null, 'Connect to salesforce', 'account_id']]]],
      }),
    );
    const outcome = await clientFor(server.baseUrl).api.startRecipe(9);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toBe(
      'start refused by Workato: config errors: step 0: Connection: Connect to salesforce; ' +
        'code errors: step 2: Issue key: Unknown data field "My Param" used',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('reports a start of an unknown recipe as a failed outcome', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 404, { message: 'Not found' }));
    const outcome = await clientFor(server.baseUrl).api.startRecipe(9);
    expect(outcome).toMatchObject({ recipeId: 9, ok: false });
    expect(outcome.message).toContain('PUT /api/recipes/9/start → 404 not found: Not found');
  });
});

describe('jobs', () => {
  /** Jobs j-250 (newest) .. j-1, pages of 100 by offset_job_id. */
  function jobsServer() {
    const ids = Array.from({ length: 250 }, (_, i) => 250 - i);
    const job = (n: number) =>
      jobJson(`j-${n}`, new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(), {
        is_error: n % 10 === 0,
        completed_at: n === 250 ? null : new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      });
    return startFakeServer((req, res) => {
      const offset = req.query.get('offset_job_id');
      const prev = req.query.get('prev') === 'true';
      const at = offset === null ? -1 : Number(offset.slice(2));
      const picked = prev
        ? ids.filter((n) => n > at).slice(-100) // served newest first, like the sandbox
        : ids.filter((n) => offset === null || n < at).slice(0, 100);
      sendJson(res, 200, { job_count: 250, job_succeeded_count: 225, items: picked.map(job) });
    });
  }

  it('pages newest first by offset_job_id and derives the status', async () => {
    server = await jobsServer();
    const jobs = await collect(clientFor(server.baseUrl).api.listJobs(3));
    expect(jobs.map((j) => j.id).slice(0, 2)).toEqual(['j-250', 'j-249']);
    expect(jobs).toHaveLength(250);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(250);
    expect(jobs[0]!.status).toBe('pending');
    expect(jobs.find((j) => j.id === 'j-240')!.status).toBe('failed');
    expect(jobs.find((j) => j.id === 'j-241')!.status).toBe('succeeded');
    // 100 + 100 + 50: the short third page ends paging; no empty fourth request
    expect(server.requests.map((r) => r.query.get('offset_job_id'))).toEqual([
      null,
      'j-151',
      'j-51',
    ]);
  });

  it('gives sync the pages with counts and the next cursor', async () => {
    server = await jobsServer();
    const pages = await collect(clientFor(server.baseUrl).api.jobPages(3));
    expect(pages.map((p) => [p.jobs.length, p.nextOffsetJobId, p.jobCount])).toEqual([
      [100, 'j-151', 250],
      [100, 'j-51', 250],
      [50, null, 250],
    ]);
  });

  it('pages towards newer jobs with prev=true without relying on the order in a page', async () => {
    server = await jobsServer();
    const jobs = await collect(
      clientFor(server.baseUrl).api.listJobs(3, { prev: true, offsetJobId: 'j-20' }),
    );
    expect(jobs).toHaveLength(230);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(230);
    expect(server.requests.map((r) => r.query.get('offset_job_id'))).toEqual([
      'j-20',
      'j-120',
      'j-220',
    ]);
    expect(server.requests.every((r) => r.query.get('prev') === 'true')).toBe(true);
  });

  it.each([
    [true, 1],
    [false, 2],
  ])(
    'a short first page with job_scope_count=%s takes %i request(s)',
    async (withScope, requests) => {
      const items = Array.from({ length: 30 }, (_, i) =>
        jobJson(`j-${30 - i}`, new Date(Date.UTC(2026, 0, 1, 0, 30 - i)).toISOString()),
      );
      server = await startFakeServer((req, res) => {
        const first = req.query.get('offset_job_id') === null;
        const page = first ? items : [];
        sendJson(res, 200, withScope ? { job_scope_count: 30, items: page } : { items: page });
      });
      const jobs = await collect(clientFor(server.baseUrl).api.listJobs(3));
      expect(jobs).toHaveLength(30);
      expect(server.requests).toHaveLength(requests);
    },
  );

  it('passes the status filter', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 200, { items: [] }));
    await collect(clientFor(server.baseUrl).api.listJobs(3, { status: 'failed' }));
    expect(server.requests[0]!.url).toBe('/api/recipes/3/jobs?status=failed');
  });
});

describe('connections and customers', () => {
  it('fills application from provider and reads a bare array or a result envelope', async () => {
    server = await startFakeServer((req, res) => {
      const conn = { id: 1, name: 'Box', provider: 'box', authorization_status: 'success' };
      if (req.path === '/api/connections') sendJson(res, 200, [conn]);
      else sendJson(res, 200, { result: [conn] });
    });
    const account: AccountConfig = {
      ...clientFor(server.baseUrl).account,
      managed: true,
    };
    const client = createAccountClient(account, { rateLimit: { enabled: false } });
    const own = await client.api.listConnections();
    expect(own[0]).toMatchObject({ application: 'box', provider: 'box' });
    if (!('customer' in client.api)) throw new Error('expected an admin client');
    const theirs = await client.api.customer('EA 23/0').listConnections();
    expect(theirs[0]).toMatchObject({ application: 'box' });
    expect(server.requests[1]!.url).toBe('/api/managed_users/EA%2023%2F0/connections');
  });

  it('lists customers page by page', async () => {
    const all = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, name: `C${i + 1}` }));
    server = await startFakeServer((req, res) => {
      const page = Number(req.query.get('page'));
      sendJson(res, 200, { result: all.slice((page - 1) * 100, page * 100) });
    });
    const account = { ...clientFor(server.baseUrl).account, managed: true };
    const client = createAccountClient(account, { sleep: recordSleeps().sleep });
    if (!('listCustomers' in client.api)) throw new Error('expected an admin client');
    const customers = await collect(client.api.listCustomers());
    expect(customers).toHaveLength(130);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });
});
