/**
 * Recipe start and stop. Neither is retried blindly: after an ambiguous failure (5xx, timeout,
 * reset, cut body) the recipe is read back, and the call counts as done if it is already in the
 * wanted state. A start refused with HTTP 200 `success:false` is a failure whose message lists
 * the recipe's config and code errors (reference §3.3).
 */
import { describeError } from '../../shared/errors.js';
import { isWorkatoApiError } from '../http/errors.js';
import type { HttpClient, HttpResponse } from '../http/http-client.js';
import type { BucketLimit } from '../http/rate-limiter.js';
import type { StartStopOutcome } from './api.js';
import { startStopSchema } from './schemas.js';
import type { Recipe } from './schemas.js';
import { parseBody, unwrapObject } from './validate.js';

export interface StartStopContext {
  http: HttpClient;
  label: string;
  /** `/api/recipes/:id` or `/api/managed_users/:mu/recipes/:id`. */
  recipePath: string;
  bucket: { key: string; limit: BucketLimit } | null;
  getRecipe: () => Promise<Recipe>;
}

export async function changeRecipeState(
  ctx: StartStopContext,
  recipeId: number,
  action: 'start' | 'stop',
): Promise<StartStopOutcome> {
  const path = `${ctx.recipePath}/${action}`;
  const endpoint = { account: ctx.label, method: 'PUT', path };
  try {
    const response = await ctx.http.request({
      method: 'PUT',
      path,
      idempotent: false,
      bucket: ctx.bucket,
      resolveAmbiguous: (error) => settledByReading(ctx, action, error),
    });
    const result = parseBody(startStopSchema, unwrapObject(response.body ?? {}).value, endpoint);
    if (result.success) return { recipeId, ok: true, message: null, result };
    return { recipeId, ok: false, message: refusalMessage(action, result), result };
  } catch (error) {
    if (!isWorkatoApiError(error)) throw error;
    return { recipeId, ok: false, message: describeError(error), result: null };
  }
}

async function settledByReading(
  ctx: StartStopContext,
  action: 'start' | 'stop',
  failure: unknown,
): Promise<HttpResponse | undefined> {
  // If the state cannot be read either, the first failure is the one to report.
  const recipe = await ctx.getRecipe().catch(() => {
    throw failure;
  });
  if (recipe.running === (action === 'start')) {
    return { status: 200, body: { success: true }, settledByRead: true };
  }
  return undefined;
}

/** "start refused: config errors: step 2: Salesforce: connection missing; code errors: ..." */
export function refusalMessage(
  action: 'start' | 'stop',
  result: { code_errors?: unknown[]; config_errors?: unknown[]; message?: string },
): string {
  const parts: string[] = [];
  const config = formatStepErrors(result.config_errors ?? []);
  const code = formatStepErrors(result.code_errors ?? []);
  if (config) parts.push(`config errors: ${config}`);
  if (code) parts.push(`code errors: ${code}`);
  if (result.message) parts.push(result.message);
  return `${action} refused by Workato${parts.length ? `: ${parts.join('; ')}` : ''}`;
}

/** `[[step, [[label, account_id, message, path], ...]], ...]` → "step 2: Label: message". */
function formatStepErrors(entries: readonly unknown[]): string {
  const lines: string[] = [];
  for (const entry of entries) {
    if (Array.isArray(entry) && entry.length >= 2 && Array.isArray(entry[1])) {
      const step = String(entry[0]);
      for (const error of entry[1] as unknown[]) lines.push(`step ${step}: ${fieldError(error)}`);
    } else {
      lines.push(typeof entry === 'string' ? entry : JSON.stringify(entry));
    }
  }
  return lines.join(', ');
}

function fieldError(error: unknown): string {
  if (Array.isArray(error)) {
    const label = typeof error[0] === 'string' ? error[0] : null;
    const message = typeof error[2] === 'string' ? error[2].trim() : JSON.stringify(error);
    return label ? `${label}: ${message}` : message;
  }
  return typeof error === 'string' ? error : JSON.stringify(error);
}
