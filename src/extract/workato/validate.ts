/**
 * Validation at the boundary: every body is checked with its zod schema once, here. A body that
 * does not fit is a BadResponseError naming the account, the endpoint and the field path.
 */
import type { z } from 'zod';

import { BadResponseError } from '../http/errors.js';

export interface Endpoint {
  account: string;
  method: string;
  path: string;
}

/** `['items', 3, 'running']` → `items[3].running`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

function joinField(prefix: string, field: string): string {
  if (!prefix) return field;
  if (field === '(body)') return prefix;
  return field.startsWith('[') ? prefix + field : `${prefix}.${field}`;
}

/**
 * Parses `value` with `schema`; `prefix` is where the value sits in the body (`items[3]`), or
 * what says it when called (a list builds it only for the item that fails).
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  value: unknown,
  endpoint: Endpoint,
  prefix: string | (() => string) = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = typeof prefix === 'string' ? prefix : prefix();
  const field = joinField(at, fieldPath(issue?.path ?? []));
  const reason = issue?.message ?? 'invalid value';
  return failBody(endpoint, field, reason);
}

export function failBody(endpoint: Endpoint, field: string, reason: string): never {
  throw new BadResponseError(`the answer does not fit the API reference at ${field}: ${reason}`, {
    ...endpoint,
    status: 200,
    field,
    hint: 'the API changed or the data is corrupt; report it with this line',
  });
}

/**
 * The list inside a body, whatever the envelope: `{items: [...]}`, `{result: [...]}` or a bare
 * array (reference §2). Returns the items and the key they sat under, for field paths.
 */
export function unwrapList(body: unknown, endpoint: Endpoint): { items: unknown[]; at: string } {
  if (Array.isArray(body)) return { items: body as unknown[], at: '' };
  if (body && typeof body === 'object') {
    for (const key of ['items', 'result', 'data'] as const) {
      const inner = (body as Record<string, unknown>)[key];
      if (Array.isArray(inner)) return { items: inner as unknown[], at: key };
    }
  }
  return failBody(endpoint, '(body)', 'expected a list (items, result or a bare array)');
}

/** A single object, bare or wrapped in `{result: {...}}`. */
export function unwrapObject(body: unknown): { value: unknown; at: string } {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const result = (body as Record<string, unknown>).result;
    if (result && typeof result === 'object' && !Array.isArray(result)) {
      return { value: result, at: 'result' };
    }
  }
  return { value: body, at: '' };
}

/** Parses every item of a list body with `schema`. */
export function parseList<S extends z.ZodType>(
  schema: S,
  body: unknown,
  endpoint: Endpoint,
): z.output<S>[] {
  const { items, at } = unwrapList(body, endpoint);
  return items.map((item, index) => parseBody(schema, item, endpoint, () => `${at}[${index}]`));
}
