import type { GoodwillOfferRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';

/** Goodwill offers and the month's spending. */
export interface GoodwillQueries {
  insertGoodwillOffer(offer: GoodwillOfferRow): Promise<void>;
  getGoodwillOffer(id: string): Promise<GoodwillOfferRow | undefined>;
  listGoodwillOffers(query: {
    statuses?: readonly string[];
    conversationId?: string;
    limit: number;
  }): Promise<GoodwillOfferRow[]>;
  updateGoodwillOffer(
    id: string,
    patch: Partial<Pick<GoodwillOfferRow, 'status' | 'decidedBy' | 'decisionNote' | 'decidedAt'>>,
  ): Promise<void>;
  /** The currency value of goodwill approved (decided) since `since`, for the month's budget. */
  goodwillSpentSince(since: string): Promise<number>;
  /**
   * Takes the goodwill budget's lock for the rest of the surrounding transaction: a write to one
   * row, so a second transaction taking it waits until the first commits (PostgreSQL's row lock;
   * SQLite runs one writing transaction at a time). Reading the month's spending after it and
   * approving an offer in the same transaction is then one atomic step, never a read that a
   * concurrent approval makes stale.
   */
  lockGoodwillBudget(now: string): Promise<void>;
}

/** The settings row whose write serialises goodwill approvals (its value is the last taker's time). */
const BUDGET_LOCK_KEY = 'goodwill_budget_lock';

/** `GoodwillQueries` in SQL, written once for both drivers. */
export class SqlGoodwillQueries extends SqlQueries implements GoodwillQueries {
  async insertGoodwillOffer(offer: GoodwillOfferRow): Promise<void> {
    await this.db.insertInto('goodwillOffers').values(offer).execute();
  }

  getGoodwillOffer(id: string): Promise<GoodwillOfferRow | undefined> {
    return this.db.selectFrom('goodwillOffers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listGoodwillOffers(q: {
    statuses?: readonly string[];
    conversationId?: string;
    limit: number;
  }): Promise<GoodwillOfferRow[]> {
    let query = this.db.selectFrom('goodwillOffers').selectAll();
    if (q.statuses !== undefined && q.statuses.length > 0) {
      query = query.where('status', 'in', [...q.statuses]);
    }
    if (q.conversationId !== undefined) {
      query = query.where('conversationId', '=', q.conversationId);
    }
    return query.orderBy('createdAt', 'desc').orderBy('id').limit(q.limit).execute();
  }

  async updateGoodwillOffer(
    id: string,
    patch: Partial<Pick<GoodwillOfferRow, 'status' | 'decidedBy' | 'decisionNote' | 'decidedAt'>>,
  ): Promise<void> {
    await this.db.updateTable('goodwillOffers').set(patch).where('id', '=', id).execute();
  }

  async goodwillSpentSince(since: string): Promise<number> {
    const row = await this.db
      .selectFrom('goodwillOffers')
      .select((eb) => eb.fn.sum<string | number | null>('currencyValue').as('total'))
      .where('status', '=', 'approved')
      .where('decidedAt', '>=', since)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  async lockGoodwillBudget(now: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: BUDGET_LOCK_KEY, value: now, updatedAt: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: now, updatedAt: now }))
      .execute();
  }
}
