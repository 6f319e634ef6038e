import { afterEach, describe, expect, it } from 'vitest';

import {
  accountFromEnvironment,
  AuthError,
  createAccountClient,
  NetworkError,
  parseRetryAfter,
  ServerError,
} from '../../src/extract/workato/index.js';
import { clientFor, recordSleeps, TEST_TOKEN } from './client-helpers.js';
import { recipeJson, sendJson, startFakeServer } from './fake-server.js';
import type { FakeServer } from './fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retries', () => {
  it('retries three 503s and then returns the answer', async () => {
    server = await startFakeServer((_req, res, index) => {
      if (index < 3) sendJson(res, 503, { message: 'Service unavailable' });
      else sendJson(res, 200, recipeJson(7));
    });
    const sleeps = recordSleeps();
    const client = clientFor(server.baseUrl, { sleep: sleeps.sleep });
    const recipe = await client.api.getRecipe(7);
    expect(recipe.id).toBe(7);
    expect(server.requests).toHaveLength(4);
    expect(client.stats.retries).toBe(3);
    expect(client.stats.requests).toBe(4);
    expect(sleeps.delays).toHaveLength(3);
    // exponential: each ceiling doubles (full jitter keeps each delay in [ceiling/2, ceiling])
    expect(sleeps.delays[2]!).toBeGreaterThanOrEqual(1000);
  });

  it('waits out a 429 for as long as Retry-After says', async () => {
    server = await startFakeServer((_req, res, index) => {
      if (index === 0) sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '3' });
      else sendJson(res, 200, recipeJson(7));
    });
    const sleeps = recordSleeps();
    const client = clientFor(server.baseUrl, { sleep: sleeps.sleep });
    await client.api.getRecipe(7);
    expect(sleeps.delays).toEqual([3000]);
    expect(client.stats.rateLimited).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('really waits when no sleep is injected (short Retry-After)', async () => {
    server = await startFakeServer((_req, res, index) => {
      if (index === 0) sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '0' });
      else sendJson(res, 200, recipeJson(7));
    });
    const client = clientFor(server.baseUrl, { retry: { baseDelayMs: 5 } });
    await expect(client.api.getRecipe(7)).resolves.toMatchObject({ id: 7 });
    expect(server.requests).toHaveLength(2);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('gives up after the attempt limit with an error that says so', async () => {
    server = await startFakeServer((_req, res) => {
      sendJson(res, 500, { message: 'Server error', id: 'abc' });
    });
    const sleeps = recordSleeps();
    const client = clientFor(server.baseUrl, { sleep: sleeps.sleep, retry: { maxAttempts: 4 } });
    const error = await client.api.getRecipe(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    const message = (error as Error).message;
    expect(message).toContain('default: GET /api/recipes/7 → 500');
    expect(message).toContain('gave up after 4 attempts');
    expect(message).toContain('Server error');
    expect(server.requests).toHaveLength(4);
  });

  it('retries a truncated JSON body on a GET', async () => {
    server = await startFakeServer((_req, res, index) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(index === 0 ? '{"id": 7, "name": "Rec' : JSON.stringify(recipeJson(7)));
    });
    const client = clientFor(server.baseUrl, { sleep: recordSleeps().sleep });
    await expect(client.api.getRecipe(7)).resolves.toMatchObject({ id: 7 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a connection reset', async () => {
    server = await startFakeServer((_req, res, index) => {
      if (index === 0) res.socket?.destroy();
      else sendJson(res, 200, recipeJson(7));
    });
    const client = clientFor(server.baseUrl, { sleep: recordSleeps().sleep });
    await expect(client.api.getRecipe(7)).resolves.toMatchObject({ id: 7 });
    expect(server.requests).toHaveLength(2);
  });

  it('times a request out and reports the timeout', async () => {
    server = await startFakeServer(() => {
      // never answers
    });
    const client = clientFor(server.baseUrl, {
      sleep: recordSleeps().sleep,
      timeoutMs: 100,
      retry: { maxAttempts: 2 },
    });
    const error = await client.api.getRecipe(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('timed out after 100 ms');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 401 and says which variable and data centre to check', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 401, { message: 'Unauthorized' }));
    // an eu account whose requests go to the fake server
    const account = {
      ...accountFromEnvironment({ WORKATO_API_TOKEN: TEST_TOKEN, WORKATO_DATA_CENTER: 'eu' }),
      baseUrl: server.baseUrl,
    };
    const client = createAccountClient(account, { rateLimit: { enabled: false } });
    const error = await client.api.describe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const auth = error as AuthError;
    expect(auth.message).toContain('default: GET /api/users/me → 401 unauthorized: Unauthorized');
    expect(auth.hint).toBe(
      'token rejected: check WORKATO_API_TOKEN and that it belongs to the eu data centre',
    );
    expect(`${auth.message} ${auth.hint}`).not.toContain(TEST_TOKEN);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it('sends the legacy e-mail and key headers', async () => {
    server = await startFakeServer((_req, res) => sendJson(res, 200, recipeJson(1)));
    const client = clientFor(
      server.baseUrl,
      {},
      {
        WORKATO_API_TOKEN: '',
        WORKATO_EMAIL: 'ops@example.com',
        WORKATO_API_KEY: 'legacy-key-123456',
      },
    );
    await client.api.getRecipe(1);
    expect(server.requests[0]!.headers['x-user-email']).toBe('ops@example.com');
    expect(server.requests[0]!.headers['x-user-token']).toBe('legacy-key-123456');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('start and stop after an ambiguous failure', () => {
  it('reads the recipe and does not resend a start that took effect', async () => {
    let running = false;
    server = await startFakeServer((req, res) => {
      if (req.method === 'PUT') {
        running = true; // applied, but the answer is lost
        sendJson(res, 502, { message: 'Bad gateway' });
      } else sendJson(res, 200, recipeJson(5, { running }));
    });
    const client = clientFor(server.baseUrl, { sleep: recordSleeps().sleep });
    const outcome = await client.api.startRecipe(5);
    expect(outcome).toMatchObject({ recipeId: 5, ok: true });
    expect(server.requests.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('resends a stop that did not take effect', async () => {
    server = await startFakeServer((req, res, index) => {
      if (req.method === 'PUT') {
        if (index === 0) sendJson(res, 503, { message: 'busy' });
        else sendJson(res, 200, { success: true });
      } else sendJson(res, 200, recipeJson(5, { running: true }));
    });
    const client = clientFor(server.baseUrl, { sleep: recordSleeps().sleep });
    const outcome = await client.api.stopRecipe(5);
    expect(outcome).toMatchObject({ recipeId: 5, ok: true });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/recipes/5/stop',
      'GET /api/recipes/5',
      'PUT /api/recipes/5/stop',
    ]);
  });
});
