/** Small normalisations applied right after validation, so callers see one shape. */
import type { Connection, Job, JobStatus } from './schemas.js';

/** The status the single-job endpoint reports; derived for list items that lack it. */
export function jobStatusOf(job: Job): JobStatus {
  if (job.status) return job.status;
  if (job.completed_at == null) return 'pending';
  return job.is_error ? 'failed' : 'succeeded';
}

/** Sets the job's status in place: the client owns the object validation just made. */
export function normaliseJob(job: Job): Job {
  job.status = jobStatusOf(job);
  return job;
}

/** The developer API says `application`, the embedded API `provider`: fill both. */
export function normaliseConnection(connection: Connection): Connection {
  const app = connection.application ?? connection.provider ?? null;
  return { ...connection, application: app, provider: connection.provider ?? app };
}
