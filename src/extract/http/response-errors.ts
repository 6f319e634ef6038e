/**
 * Turns an HTTP answer or a transport failure into an error of the taxonomy (errors.ts), with
 * Workato's own message and the hint that fits the status.
 */
import {
  AuthError,
  BadResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  WorkatoApiError,
} from './errors.js';
import type { ApiErrorDetails } from './errors.js';
import { parseRetryAfter } from './retry.js';

export interface RequestContext {
  account: string;
  method: string;
  path: string;
  /** Said with a 401: which variable holds the secret and which data centre it must belong to. */
  authHint: string;
  /** Appended to the summary, e.g. "(gave up after 5 attempts)". */
  note?: string;
}

/** Workato's `message` (or `error`) from an error body, or the start of a non-JSON body. */
export function apiMessageOf(text: string): string | null {
  if (!text.trim()) return null;
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object') {
      const { message, error } = body as { message?: unknown; error?: unknown };
      if (typeof message === 'string') return message;
      if (typeof error === 'string') return error;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 200);
}

function details(ctx: RequestContext, status: number | null, text: string): ApiErrorDetails {
  return {
    account: ctx.account,
    method: ctx.method,
    path: ctx.path,
    status,
    apiMessage: apiMessageOf(text),
  };
}

function summary(words: string, ctx: RequestContext): string {
  return ctx.note ? `${words} ${ctx.note}` : words;
}

export function errorFromResponse(
  ctx: RequestContext,
  status: number,
  text: string,
  retryAfter: string | null,
): WorkatoApiError {
  const base = details(ctx, status, text);
  if (status === 401)
    return new AuthError(summary('unauthorized', ctx), { ...base, hint: ctx.authHint });
  if (status === 403) {
    const hint = "the API client's role lacks the privilege for this endpoint";
    return new AuthError(summary('forbidden', ctx), { ...base, hint });
  }
  if (status === 404) return new NotFoundError(summary('not found', ctx), base);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    const hint = 'lower the rate_limit of this account or run fewer accounts at once';
    return new RateLimitedError(summary('rate limited', ctx), { ...base, hint, retryAfterMs });
  }
  if (status === 408 || status >= 500) {
    const hint = 'Workato (or the network) had a problem; retry later';
    return new ServerError(summary('server error', ctx), { ...base, hint });
  }
  return new WorkatoApiError(summary('request failed', ctx), base);
}

/** A failure without an HTTP answer (the request failed, or the body could not be read). */
export function errorFromTransport(
  ctx: RequestContext,
  error: unknown,
  timeoutMs: number,
): NetworkError {
  const base = { account: ctx.account, method: ctx.method, path: ctx.path, cause: error };
  const name = error instanceof Error ? error.name : '';
  const code = causeCode(error);
  const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
  if (timedOut || name === 'TimeoutError' || name === 'AbortError') {
    const hint = `no answer within ${timeoutMs} ms; raise the timeout or retry later`;
    return new NetworkError(summary(`timed out after ${timeoutMs} ms`, ctx), { ...base, hint });
  }
  const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  const hint = notSent ? 'check the base URL / data centre and the network' : undefined;
  const words = `network error${code ? ` (${code})` : ''}`;
  return new NetworkError(summary(words, ctx), { ...base, notSent, ...(hint ? { hint } : {}) });
}

/** A 2xx whose body is not JSON (often a body cut in transit): retryable for reads. */
export function errorFromInvalidJson(
  ctx: RequestContext,
  status: number,
  error: unknown,
): BadResponseError {
  const reason = error instanceof Error ? error.message : String(error);
  return new BadResponseError(summary(`invalid JSON in the answer (${reason})`, ctx), {
    account: ctx.account,
    method: ctx.method,
    path: ctx.path,
    status,
    transient: true,
    cause: error,
  });
}

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
