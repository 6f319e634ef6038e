/**
 * Which rate bucket a request spends from (reference §8.2). Developer API: one bucket per API
 * host, workspace (token) and endpoint family. Embedded API: one bucket for everything sent
 * on behalf of customers of one admin workspace, whose quota they share.
 */
import { createHash } from 'node:crypto';

import type { BucketLimit } from '../http/rate-limiter.js';

export interface RateLimitSettings {
  enabled: boolean;
  /** Developer API: requests per window per endpoint family. */
  perMinute: number;
  /** Embedded API: requests per window shared by every customer of the admin workspace. */
  embeddedPerMinute: number;
  /** Embedded API: listing customers and reading one customer's record (60/min at Workato). */
  managedUsersPerMinute: number;
  /** The window (ms); 60,000 at Workato, shorter in tests. */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: true,
  perMinute: 60,
  embeddedPerMinute: 1000,
  managedUsersPerMinute: 60,
  windowMs: 60_000,
};

export type EndpointFamily =
  'recipes' | 'jobs' | 'connections' | 'users' | 'managed_users' | 'other';

/** Family of a developer-API path (`/api/recipes/5/jobs` → jobs). */
export function endpointFamily(path: string): EndpointFamily {
  const clean = path.split('?')[0] ?? path;
  if (/^\/api\/recipes\/[^/]+\/jobs(\/|$)/.test(clean)) return 'jobs';
  if (/^\/api\/recipes(\/|$)/.test(clean)) return 'recipes';
  if (/^\/api\/connections(\/|$)/.test(clean)) return 'connections';
  if (/^\/api\/users(\/|$)/.test(clean)) return 'users';
  if (/^\/api\/managed_users(\/|$)/.test(clean)) return 'managed_users';
  return 'other';
}

/** A short, non-reversible id of a credential: buckets are per workspace, not per entry name. */
export function workspaceKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

export function developerBucket(
  origin: string,
  workspace: string,
  path: string,
  settings: RateLimitSettings,
): { key: string; limit: BucketLimit } | null {
  if (!settings.enabled) return null;
  const family = endpointFamily(path);
  const key = `${origin}|${workspace}|${family}`;
  const limit = family === 'managed_users' ? settings.managedUsersPerMinute : settings.perMinute;
  return { key, limit: { limit, windowMs: settings.windowMs } };
}

export function embeddedBucket(
  origin: string,
  adminWorkspace: string,
  settings: RateLimitSettings,
): { key: string; limit: BucketLimit } | null {
  if (!settings.enabled) return null;
  const key = `${origin}|${adminWorkspace}|embedded`;
  return { key, limit: { limit: settings.embeddedPerMinute, windowMs: settings.windowMs } };
}
