import type { AppContext } from '../app/app-context.js';
import type { Store } from '../storage/store.js';

/** Taking data out: the exports read the store directly, page by page. */
export class HistoryService {
  readonly store: Store;

  constructor(ctx: AppContext) {
    this.store = ctx.store;
  }
}
