/**
 * EmbeddedAdminApi: an embedded admin workspace's own developer API plus its customers, each
 * reached as `/api/managed_users/:id/...` and all spending from the admin's shared quota.
 */
import type { EmbeddedAdminApi, WorkspaceApi } from './api.js';
import { pageNumberPager } from './pagers.js';
import { managedUserSchema } from './schemas.js';
import type { ManagedUser } from './schemas.js';
import { parseList } from './validate.js';
import { WorkatoWorkspace } from './workspace-client.js';
import type { WorkspaceContext } from './workspace-client.js';

export interface AdminContext extends WorkspaceContext {
  /** The bucket every customer call spends from. */
  customerBucket: WorkspaceContext['bucket'];
}

/**
 * The path segment for a customer: a numeric id as is, an `E`-prefixed external id URL-encoded.
 * A string that is neither numeric nor `E`-prefixed is taken as a bare external id.
 */
export function customerPathId(idOrExternal: number | string): string {
  if (typeof idOrExternal === 'number') return String(idOrExternal);
  if (/^\d+$/.test(idOrExternal)) return idOrExternal;
  const prefixed = idOrExternal.startsWith('E') ? idOrExternal : `E${idOrExternal}`;
  return encodeURIComponent(prefixed);
}

export class WorkatoAdmin extends WorkatoWorkspace implements EmbeddedAdminApi {
  private readonly admin: AdminContext;

  constructor(ctx: AdminContext) {
    super(ctx);
    this.admin = ctx;
  }

  listCustomers(): AsyncGenerator<ManagedUser> {
    const path = '/api/managed_users';
    return pageNumberPager(
      async (page, perPage) => {
        const body = await this.get(path, { page, per_page: perPage });
        return parseList(managedUserSchema, body, this.endpoint(path));
      },
      { what: `GET ${path} of ${this.label}`, logger: this.admin.logger, ...this.cap('maxPages') },
    );
  }

  customer(idOrExternal: number | string, label?: string): WorkspaceApi {
    const id = customerPathId(idOrExternal);
    return new WorkatoWorkspace({
      ...this.admin,
      label: label ?? `${this.label}/${String(idOrExternal)}`,
      prefix: `/api/managed_users/${id}`,
      kind: 'customer',
      bucket: this.admin.customerBucket,
    });
  }
}
