/**
 * Errors of the Sheets sink: one class carrying the HTTP status, method and endpoint (never a
 * token), and whether a retry may help. A 403 names the account to share the spreadsheet with.
 */
import { RecipeOpsError } from '../../shared/errors.js';
import { redact } from '../../shared/redact.js';
import { parseRetryAfter } from '../../shared/retry.js';

export class SheetsError extends RecipeOpsError {
  override name = 'SheetsError';
  readonly status: number | null;
  readonly endpoint: string;
  /** 429, 5xx or a network failure: the same request may succeed later. */
  readonly retryable: boolean;
  /** The request may have been applied although it failed (5xx, connection lost). */
  readonly ambiguous: boolean;
  readonly retryAfterMs: number | null;

  constructor(
    message: string,
    fields: {
      status: number | null;
      endpoint: string;
      retryAfterMs?: number | null;
      /** No HTTP answer because the connection failed (refused, reset, timed out). */
      network?: boolean;
      hint?: string;
      cause?: unknown;
    },
  ) {
    super(redact(message), { hint: fields.hint, cause: fields.cause });
    this.status = fields.status;
    this.endpoint = fields.endpoint;
    this.retryAfterMs = fields.retryAfterMs ?? null;
    const s = fields.status;
    const network = s === null && fields.network === true;
    this.retryable = network || (s !== null && (s === 408 || s === 429 || s >= 500));
    this.ambiguous = network || (s !== null && s >= 500);
  }
}

interface GaxiosLike {
  message?: string;
  code?: string | number;
  status?: number;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

function header(headers: unknown, name: string): unknown {
  if (headers && typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name);
  }
  return (headers as Record<string, unknown> | undefined)?.[name];
}

function googleMessage(data: unknown): string | null {
  const error = (data as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : null;
}

export interface ErrorContext {
  endpoint: string;
  spreadsheetId?: string;
  /** E-mail of the credentials in use, when known. */
  principal: string | null;
  credentialSource: string;
}

/** Turns whatever googleapis threw into a SheetsError with a next step for the operator. */
export function toSheetsError(error: unknown, context: ErrorContext): SheetsError {
  if (error instanceof SheetsError) return error;
  const e = (error ?? {}) as GaxiosLike;
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : null);
  const detail = googleMessage(e.response?.data) ?? e.message ?? String(error);
  const where = context.spreadsheetId ? ` spreadsheet ${context.spreadsheetId}` : '';
  const base = `Google Sheets ${context.endpoint}${where}: ${status ?? 'failed:'} ${detail}`;
  const network = status === null && typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code);
  const fields = { status, endpoint: context.endpoint, cause: error, network };
  if (status === 403) {
    const who = context.principal
      ? `share it with ${context.principal} as Editor`
      : `share it as Editor with the Google account of the ${context.credentialSource} ` +
        'credentials in use';
    return new SheetsError(
      `Google denied access to${where || ' the spreadsheet'} (403: ${detail}); ${who}`,
      { ...fields, hint: 'the account needs edit access to write the report' },
    );
  }
  if (status === 401) {
    return new SheetsError(`${base}`, {
      ...fields,
      hint: 'the Google credentials were rejected: refresh the token or check the key file',
    });
  }
  if (status === 404) {
    return new SheetsError(base, { ...fields, hint: 'check the spreadsheet id or URL' });
  }
  const retryAfterMs = parseRetryAfter(header(e.response?.headers, 'retry-after'));
  return new SheetsError(base, { ...fields, retryAfterMs });
}
