/**
 * Stopping cleanly: Ctrl-C or SIGTERM aborts the sync's signal; work checks it between
 * transactions, so what was written stays consistent and a re-run resumes from the checkpoints.
 */
import { RecipeOpsError } from '../../shared/errors.js';

export class SyncStoppedError extends RecipeOpsError {
  override name = 'SyncStoppedError';
  constructor() {
    super('sync stopped on request before finishing; run it again to resume', { exitCode: 1 });
  }
}

export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SyncStoppedError();
}
