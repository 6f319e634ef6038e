/**
 * The Workato API's objects, validated with zod once at the client (DESIGN.md). Field names are
 * those of ../shared/workato-api.md. Unknown fields are dropped; nullable fields are those the
 * reference marks nullable. The sandbox serves objects of these shapes. A field with a default
 * may be absent (zod makes it optional): `.nullable().default(x)` without an `.optional()`
 * between, one wrapper less to run for each field of each of a sync's millions of jobs.
 */
import { z } from 'zod';

const isoTimestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/,
    'expected an ISO-8601 timestamp with an offset',
  );
const nullableTimestamp = isoTimestamp.nullable().default(null);
const id = z.number().int();

export const stopCauseSchema = z.enum([
  'trigger_errors_limit',
  'action_quota_limit',
  'trial_expired',
  'txn_quota_limit',
]);
export type StopCause = z.infer<typeof stopCauseSchema>;

export const recipeConfigSchema = z.object({
  keyword: z.string(),
  name: z.string().nullable().optional(),
  provider: z.string().nullable().optional(),
  skip_validation: z.boolean().nullable().optional(),
  // Connection id used by this app in the recipe, or null when none is chosen.
  account_id: id.nullable().default(null),
});

export const recipeSchema = z.object({
  id,
  user_id: id.optional(),
  name: z.string(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  copy_count: z.number().int().optional(),
  trigger_application: z.string().nullable().default(null),
  action_applications: z.array(z.string()).default([]),
  applications: z.array(z.string()).default([]),
  description: z.string().nullable().optional(),
  folder_id: id.nullable().default(null),
  running: z.boolean(),
  job_succeeded_count: z.number().int().default(0),
  job_failed_count: z.number().int().default(0),
  lifetime_task_count: z.number().int().nullable().default(null),
  last_run_at: nullableTimestamp,
  stopped_at: nullableTimestamp,
  version_no: z.number().int().nullable().default(null),
  // Unknown future causes are kept as text rather than rejected.
  stop_cause: z.string().nullable().default(null),
  config: z.array(recipeConfigSchema).default([]),
  webhook_url: z.string().nullable().optional(),
  author_name: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
});
export type Recipe = z.infer<typeof recipeSchema>;

/**
 * A job as the jobs list returns it. The reference documents id, flow_run_id, started_at,
 * completed_at, title, is_poll_error, error and is_error for list items; status, is_repeat,
 * handle and master_job_id are documented only for the single-job endpoint. Likeliest reading:
 * both share one serializer, so they are accepted when present and derived when absent.
 */
export const jobSchema = z.object({
  id: z.string().min(1),
  handle: z.string().nullable().optional(),
  recipe_id: id.nullable().optional(),
  flow_run_id: z.number().int().nullable().optional(),
  started_at: isoTimestamp,
  completed_at: nullableTimestamp,
  title: z.string().nullable().default(null),
  is_poll_error: z.boolean().nullable().default(false),
  error: z.string().nullable().default(null),
  is_error: z.boolean().nullable().default(false),
  is_repeat: z.boolean().nullable().default(null),
  status: z.enum(['succeeded', 'failed', 'pending']).nullable().default(null),
  master_job_id: z.union([z.string(), z.number()]).nullable().optional(),
});
export type Job = z.infer<typeof jobSchema>;
export type JobStatus = 'succeeded' | 'failed' | 'pending';

export const jobsPageSchema = z.object({
  job_succeeded_count: z.number().int().optional(),
  job_failed_count: z.number().int().optional(),
  job_count: z.number().int().optional(),
  job_scope_count: z.number().int().optional(),
  items: z.array(z.unknown()),
});

export const connectionSchema = z.object({
  id,
  // The developer API says `application`; the embedded API says `provider`.
  application: z.string().nullable().optional(),
  provider: z.string().nullable().optional(),
  name: z.string(),
  description: z.string().nullable().optional(),
  authorization_status: z.string().nullable().default(null),
  authorization_error: z.string().nullable().default(null),
  authorized_at: nullableTimestamp,
  created_at: isoTimestamp.nullable().default(null),
  updated_at: isoTimestamp.nullable().default(null),
  external_id: z.string().nullable().optional(),
  folder_id: id.nullable().default(null),
  parent_id: id.nullable().optional(),
  connection_lost_at: nullableTimestamp,
  connection_lost_reason: z.string().nullable().optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** `GET /api/users/me`: workspace details. No task counters here (reference §6). */
export const workspaceSchema = z.object({
  id,
  name: z.string(),
  created_at: isoTimestamp.nullable().optional(),
  plan_id: z.string().nullable().default(null),
  current_billing_period_start: nullableTimestamp,
  current_billing_period_end: nullableTimestamp,
  recipes_count: z.number().int().nullable().default(null),
  active_recipes_count: z.number().int().nullable().default(null),
  email: z.string().nullable().optional(),
  root_folder_id: id.nullable().optional(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

/** A customer workspace of an embedded admin workspace (`GET /api/managed_users`). */
export const managedUserSchema = z.object({
  id,
  external_id: z.string().nullable().default(null),
  name: z.string(),
  notification_email: z.string().nullable().optional(),
  plan_id: z.string().nullable().default(null),
  time_zone: z.string().nullable().default(null),
  trial: z.boolean().nullable().optional(),
  in_trial: z.boolean().nullable().optional(),
  created_at: isoTimestamp.nullable().optional(),
  updated_at: isoTimestamp.nullable().optional(),
  current_billing_period_start: nullableTimestamp,
  current_billing_period_end: nullableTimestamp,
  task_limit_adjustment: z.string().nullable().default(null),
  task_limit: z.number().int().nullable().default(null),
  task_count: z.number().int().nullable().default(null),
  active_connection_limit: z.number().int().nullable().optional(),
  active_connection_count: z.number().int().nullable().optional(),
  active_recipe_count: z.number().int().nullable().optional(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

/** `PUT .../start` and `.../stop`. A failed start is HTTP 200 with success:false. */
export const startStopSchema = z.object({
  success: z.boolean(),
  code_errors: z.array(z.unknown()).optional(),
  config_errors: z.array(z.unknown()).optional(),
  message: z.string().optional(),
});
export type StartStopResult = z.infer<typeof startStopSchema>;

/** The error body Workato sends with 4xx and 5xx answers. */
export const errorBodySchema = z.object({
  message: z.string().optional(),
  id: z.string().optional(),
});
