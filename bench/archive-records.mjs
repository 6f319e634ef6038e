// Records the benchmarks write into their temporary archives: a plain sandbox workspace, a
// running recipe, and the checkpoint of a page that no sync walk owns (the sync's own empty one).
export { emptyCheckpoint } from '../dist/store/sync/job-walk.js';

/** A plain (non-embedded) workspace account of the sandbox, with no plan or usage. */
export function benchAccount(key, name, workspaceId) {
  return {
    key,
    name,
    kind: 'workspace',
    workspaceId,
    externalId: null,
    parentKey: null,
    baseUrl: 'http://127.0.0.1',
    dataSource: 'sandbox',
    planId: null,
    timeZone: null,
    billingPeriodStart: null,
    billingPeriodEnd: null,
    taskLimit: null,
    taskCount: null,
    transactionsLimit: null,
  };
}

/** A running recipe (Salesforce → NetSuite) that has never been synced, created at `at`. */
export function benchRecipe(accountKey, id, name, at) {
  return {
    accountKey,
    id,
    name,
    folderId: 1,
    running: true,
    triggerApplication: 'salesforce',
    actionApplications: ['netsuite'],
    config: [],
    createdAt: at,
    updatedAt: at,
    lastRunAt: null,
    stoppedAt: null,
    stopCause: null,
    versionNo: 1,
    jobSucceededCount: 0,
    jobFailedCount: 0,
    lifetimeTaskCount: 0,
  };
}
