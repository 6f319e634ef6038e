/**
 * The API error taxonomy. Every failure of a Workato call is one of these: it names the account,
 * the HTTP method, the path (redacted: no token query parameters), the status when there was one,
 * Workato's own message, and a hint on what to do next.
 */
import { RecipeOpsError } from '../../shared/errors.js';
import { redact } from '../../shared/redact.js';

export type ApiErrorKind =
  'auth' | 'not_found' | 'rate_limited' | 'server' | 'network' | 'bad_response' | 'request';

export interface ApiErrorDetails {
  account: string;
  method: string;
  path: string;
  status?: number | null;
  /** Workato's `message`, when its body carried one. */
  apiMessage?: string | null;
  hint?: string;
  cause?: unknown;
}

/** Base of the taxonomy; `kind` says which branch, `retryable` whether a retry may help. */
export class WorkatoApiError extends RecipeOpsError {
  override name = 'WorkatoApiError';
  readonly kind: ApiErrorKind = 'request';
  readonly account: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly apiMessage: string | null;

  constructor(summary: string, details: ApiErrorDetails) {
    const path = redact(details.path);
    const status = details.status ?? null;
    const apiMessage = details.apiMessage == null ? null : redact(details.apiMessage);
    const where = `${details.account}: ${details.method} ${path}`;
    const said = apiMessage ? `: ${apiMessage}` : '';
    super(redact(`${where} ${status == null ? '' : `→ ${status} `}${summary}${said}`), {
      exitCode: 1,
      ...(details.hint === undefined ? {} : { hint: redact(details.hint) }),
      cause: details.cause,
    });
    this.account = details.account;
    this.method = details.method;
    this.path = path;
    this.status = status;
    this.apiMessage = apiMessage;
  }

  get retryable(): boolean {
    return false;
  }
}

/** 401 / 403: the token (or e-mail + key) was rejected or lacks the privilege. */
export class AuthError extends WorkatoApiError {
  override name = 'AuthError';
  override readonly kind = 'auth';
}

/** 404: the recipe, job or customer does not exist in this workspace. */
export class NotFoundError extends WorkatoApiError {
  override name = 'NotFoundError';
  override readonly kind = 'not_found';
}

/** 429 that outlasted the retries. */
export class RateLimitedError extends WorkatoApiError {
  override name = 'RateLimitedError';
  override readonly kind = 'rate_limited';
  /** The server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | null;
  constructor(summary: string, details: ApiErrorDetails & { retryAfterMs?: number | null }) {
    super(summary, details);
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
  override get retryable(): boolean {
    return true;
  }
}

/** 5xx and 408. */
export class ServerError extends WorkatoApiError {
  override name = 'ServerError';
  override readonly kind = 'server';
  override get retryable(): boolean {
    return true;
  }
}

/** No HTTP answer: connection refused or reset, DNS failure, timeout. */
export class NetworkError extends WorkatoApiError {
  override name = 'NetworkError';
  override readonly kind = 'network';
  /** True when the request surely never reached the server (connection refused, DNS). */
  readonly notSent: boolean;
  constructor(summary: string, details: ApiErrorDetails & { notSent?: boolean }) {
    super(summary, details);
    this.notSent = details.notSent ?? false;
  }
  override get retryable(): boolean {
    return true;
  }
}

/**
 * A 2xx whose body is not what the reference says: invalid or truncated JSON (retryable, the
 * body was probably cut in transit) or a value that fails validation (`field` names it).
 */
export class BadResponseError extends WorkatoApiError {
  override name = 'BadResponseError';
  override readonly kind = 'bad_response';
  readonly field: string | null;
  readonly transient: boolean;
  constructor(summary: string, details: ApiErrorDetails & { field?: string; transient?: boolean }) {
    super(summary, details);
    this.field = details.field ?? null;
    this.transient = details.transient ?? false;
  }
  override get retryable(): boolean {
    return this.transient;
  }
}

export function isWorkatoApiError(error: unknown): error is WorkatoApiError {
  return error instanceof WorkatoApiError;
}
