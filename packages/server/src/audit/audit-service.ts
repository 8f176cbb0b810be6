import type { AppContext } from '../app/app-context.js';
import type { Store } from '../storage/store.js';

/** The append-only record of who did what, for admins. */
export class AuditService {
  private readonly store: Store;

  constructor(ctx: AppContext) {
    this.store = ctx.store;
  }

  /** Entries newest first, `limit` of them, before the entry `before` when given. */
  async list(limit: number, before?: number) {
    return (await this.store.listAudit(limit, before)).map((e) => ({
      ...e,
      details: JSON.parse(e.details) as unknown,
    }));
  }
}
