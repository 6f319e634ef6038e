/**
 * Which state changes a new listing of a recipe shows against what the archive held: a pure
 * function, so the store records exactly one event per change however often it is synced.
 */
import type { RecipeRecord, RecipeStateChange } from '../archive.js';

/**
 * First sight records `created` (at created_at) and, for a stopped recipe that Workato says when
 * it stopped, `stopped` at that instant. Later listings record `started`, `stopped` (at
 * stopped_at when the API gives it, else when seen) and `version` changes.
 */
export function recipeStateChanges(
  before: RecipeRecord | undefined,
  after: RecipeRecord,
  seenAt: number,
): RecipeStateChange[] {
  const base = { accountKey: after.accountKey, recipeId: after.id };
  const changes: RecipeStateChange[] = [];
  if (before === undefined) {
    changes.push({
      ...base,
      at: after.createdAt,
      event: 'created',
      stopCause: null,
      versionNo: after.versionNo,
    });
    if (!after.running && after.stoppedAt !== null) {
      changes.push({
        ...base,
        at: after.stoppedAt,
        event: 'stopped',
        stopCause: after.stopCause,
        versionNo: after.versionNo,
      });
    }
    return changes;
  }
  if (!before.running && after.running) {
    changes.push({ ...base, at: seenAt, event: 'started', stopCause: null, versionNo: null });
  }
  if (before.running && !after.running) {
    changes.push({
      ...base,
      at: after.stoppedAt ?? seenAt,
      event: 'stopped',
      stopCause: after.stopCause,
      versionNo: after.versionNo,
    });
  }
  if (before.versionNo !== after.versionNo && after.versionNo !== null) {
    changes.push({
      ...base,
      at: seenAt,
      event: 'version',
      stopCause: null,
      versionNo: after.versionNo,
    });
  }
  return changes;
}
