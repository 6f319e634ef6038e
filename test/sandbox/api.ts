/** A tiny HTTP helper for the sandbox tests (global fetch, JSON bodies). */
import type { SandboxHandle } from '../../src/sandbox/index.js';

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string | null;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export async function call<T = unknown>(
  sandbox: SandboxHandle,
  path: string,
  options: CallOptions = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? sandbox.adminToken : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

export type Json = Record<string, unknown>;
export interface Envelope {
  items: Json[];
}
export interface ResultEnvelope {
  result: Json[];
}
export interface JobsEnvelope {
  job_succeeded_count: number;
  job_failed_count: number;
  job_count: number;
  job_scope_count: number;
  items: Json[];
}
