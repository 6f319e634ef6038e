/**
 * The one HTTP path of the client: auth headers, the rate limiter, a per-request timeout, the
 * retry policy, error mapping and counters. It knows nothing of Workato's resources; the
 * resource modules give it a method, a path, a rate bucket and whether the call is idempotent.
 *
 * Requests go through undici's `request`, not the global `fetch` built on it: for a 32 KB page
 * of jobs, fetch's WHATWG Request/Response/stream layers cost about twice the client CPU and
 * ~50 MB more peak RSS over a sync (bench/README.md, "Sync").
 */
import { request as undiciRequest } from 'undici';

import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import { redact, registerSecret } from '../../shared/redact.js';
import { isWorkatoApiError, RateLimitedError } from './errors.js';
import type { BucketLimit, RateLimiter } from './rate-limiter.js';
import { errorFromInvalidJson, errorFromResponse, errorFromTransport } from './response-errors.js';
import type { RequestContext } from './response-errors.js';
import { DEFAULT_RETRY_POLICY, realSleep, withRetries } from './retry.js';
import type { RetryPolicy, Sleep } from './retry.js';

/** Workato cuts requests at 40 s (reference §1). */
export const DEFAULT_TIMEOUT_MS = 40_000;

export type Credentials =
  { kind: 'bearer'; token: string } | { kind: 'legacy'; email: string; apiKey: string };

/** Counters a client keeps (same shape as ClientStats in workato/api.ts). */
export interface HttpStats {
  requests: number;
  retries: number;
  rateLimited: number;
  rateLimitWaitMs: number;
}

export interface HttpClientOptions {
  /** Account name, used in errors and logs. */
  account: string;
  /** Origin (and optional prefix) the `/api/...` paths are appended to. */
  baseUrl: string;
  credentials: Credentials;
  /** Hint attached to a 401. */
  authHint: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  limiter?: RateLimiter | null;
  logger?: Logger;
  /** Counters to add to; clients of one embedded admin share them. */
  stats?: HttpStats;
}

export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Defaults to true for GET, false otherwise. */
  idempotent?: boolean;
  bucket?: { key: string; limit: BucketLimit } | null;
  /** Non-idempotent calls: after an ambiguous failure, a result if the call took effect. */
  resolveAmbiguous?: (error: unknown) => Promise<HttpResponse | undefined>;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  /** Set when an ambiguous write was settled by reading the state instead of its answer. */
  settledByRead?: boolean;
}

export function newStats(): HttpStats {
  return { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0 };
}

export class HttpClient {
  readonly account: string;
  readonly stats: HttpStats;
  /** Set once an answer carried `x-recipe-ops-sandbox: 1`. */
  sawSandboxHeader = false;
  private readonly options: HttpClientOptions;
  private readonly policy: RetryPolicy;
  private readonly logger: Logger;
  private readonly origin: string;

  constructor(options: HttpClientOptions) {
    this.options = options;
    this.account = options.account;
    this.stats = options.stats ?? newStats();
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.logger = options.logger ?? silentLogger;
    this.origin = normaliseBaseUrl(options.baseUrl);
    if (options.credentials.kind === 'bearer') registerSecret(options.credentials.token);
    else registerSecret(options.credentials.apiKey);
  }

  /** Sends the request (with retries) and returns the parsed JSON body of a 2xx answer. */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const pathWithQuery = request.path + queryString(request.query);
    const idempotent = request.idempotent ?? request.method === 'GET';
    return withRetries<HttpResponse>((n) => this.attempt(request, pathWithQuery, n), {
      policy: this.policy,
      idempotent,
      sleep: this.options.sleep ?? realSleep,
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(request.resolveAmbiguous ? { resolveAmbiguous: request.resolveAmbiguous } : {}),
      onRetry: (event) => {
        this.stats.retries += 1;
        const reason = isWorkatoApiError(event.error) ? event.error.message : String(event.error);
        this.logger.warn(
          { account: this.account, attempt: event.attempt, delayMs: event.delayMs },
          `retrying ${request.method} ${redact(pathWithQuery)} (attempt ${event.attempt + 1} of ` +
            `${event.maxAttempts}) in ${event.delayMs} ms: ${redact(reason)}`,
        );
      },
    });
  }

  private async attempt(
    request: HttpRequest,
    pathWithQuery: string,
    n: number,
  ): Promise<HttpResponse> {
    const last = n >= this.policy.maxAttempts;
    const ctx: RequestContext = {
      account: this.account,
      method: request.method,
      path: pathWithQuery,
      authHint: this.options.authHint,
      ...(last && n > 1 ? { note: `(gave up after ${n} attempts)` } : {}),
    };
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const permit = request.bucket
      ? await this.options.limiter?.acquire(request.bucket.key, request.bucket.limit)
      : undefined;
    if (permit) this.stats.rateLimitWaitMs += permit.waitedMs;
    this.stats.requests += 1;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      // headersTimeout and bodyTimeout bound the wait for the head and each gap in the body;
      // unlike an AbortSignal per request they cost nothing when the answer is prompt.
      const response = await undiciRequest(this.origin + pathWithQuery, {
        method: request.method,
        headers: this.headers(request.body !== undefined),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      retryAfter = headerValue(response.headers['retry-after']);
      if (headerValue(response.headers['x-recipe-ops-sandbox']) === '1') {
        this.sawSandboxHeader = true;
      }
      text = await response.body.text();
    } catch (error) {
      throw errorFromTransport(ctx, error, timeoutMs);
    } finally {
      permit?.release();
    }
    if (status < 200 || status >= 300) {
      const error = errorFromResponse(ctx, status, text, retryAfter);
      if (error instanceof RateLimitedError) {
        this.stats.rateLimited += 1;
        if (request.bucket && error.retryAfterMs !== null) {
          this.options.limiter?.pause(request.bucket.key, error.retryAfterMs);
        }
      }
      throw error;
    }
    if (text.trim() === '') return { status, body: null };
    try {
      return { status, body: JSON.parse(text) as unknown };
    } catch (error) {
      // For a write, a cut body is ambiguous: the retry module asks resolveAmbiguous first.
      throw errorFromInvalidJson(ctx, status, error);
    }
  }

  private headers(withBody: boolean): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (withBody) headers['content-type'] = 'application/json';
    const credentials = this.options.credentials;
    if (credentials.kind === 'bearer') headers.authorization = `Bearer ${credentials.token}`;
    else {
      headers['x-user-email'] = credentials.email;
      headers['x-user-token'] = credentials.apiKey;
    }
    return headers;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

/** `https://www.workato.com/api/` → `https://www.workato.com` (paths carry `/api`). */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api$/, '');
}

function queryString(query: HttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value))
      for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
