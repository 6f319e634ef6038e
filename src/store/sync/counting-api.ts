/**
 * A WorkspaceApi that counts the requests one account's sync makes, for its summary line.
 * Customers of one embedded admin share the client's counters, so the sync counts its own
 * calls: one per call or page, and for the recipes list the pages its pager fetches
 * (100 a page; a short page ends it). Retries are counted by the client, not here.
 */
import type { JobListOptions, JobsPage, WorkspaceApi } from '../../extract/workato/api.js';
import { DEFAULT_PER_PAGE } from '../../extract/workato/pagers.js';
import type { Job, Recipe } from '../../extract/workato/schemas.js';

export function countingApi(api: WorkspaceApi, onRequest: () => void): WorkspaceApi {
  return {
    label: api.label,
    async describe() {
      onRequest();
      return api.describe();
    },
    listRecipes: (filter) => countRecipePages(api.listRecipes(filter), onRequest),
    async getRecipe(id) {
      onRequest();
      return api.getRecipe(id);
    },
    startRecipe: (id) => api.startRecipe(id),
    stopRecipe: (id) => api.stopRecipe(id),
    listJobs: (recipeId: number, options?: JobListOptions) => api.listJobs(recipeId, options),
    jobPages: (recipeId: number, options?: JobListOptions) =>
      countPages(api.jobPages(recipeId, options), onRequest),
    async getJob(recipeId: number, jobId: string): Promise<Job> {
      onRequest();
      return api.getJob(recipeId, jobId);
    },
    async listConnections() {
      onRequest();
      return api.listConnections();
    },
  };
}

async function* countPages(
  pages: AsyncGenerator<JobsPage>,
  onRequest: () => void,
): AsyncGenerator<JobsPage> {
  for await (const page of pages) {
    onRequest();
    yield page;
  }
}

/** A page is fetched before its first item is yielded, and once more after a full last page. */
async function* countRecipePages(
  recipes: AsyncGenerator<Recipe>,
  onRequest: () => void,
): AsyncGenerator<Recipe> {
  let n = 0;
  for await (const recipe of recipes) {
    if (n % DEFAULT_PER_PAGE === 0) onRequest();
    n += 1;
    yield recipe;
  }
  if (n % DEFAULT_PER_PAGE === 0) onRequest();
}
