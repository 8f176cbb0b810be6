import type { FollowUpRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';
export interface FollowUpQuery {
  statuses?: readonly string[];
  ownerId?: string;
  conversationId?: string;
  limit: number;
}

/** Follow-ups: the promises on the clock. */
export interface FollowUpQueries {
  insertFollowUp(followUp: FollowUpRow): Promise<void>;
  getFollowUp(id: string): Promise<FollowUpRow | undefined>;
  listFollowUps(query: FollowUpQuery): Promise<FollowUpRow[]>;
  /** Open (pending or due) follow-ups of a contact made before `before`, due at or after `at`. */
  openFollowUpsOfContact(contactId: string, before: string, at: string): Promise<FollowUpRow[]>;
  /**
   * Open follow-ups in `statuses` due before `dueBefore`, oldest due first. In PostgreSQL the rows
   * stay locked until the transaction ends and rows another instance holds are skipped, so each
   * follow-up is handled by exactly one instance.
   */
  claimFollowUps(
    statuses: readonly string[],
    dueBefore: string,
    limit: number,
  ): Promise<FollowUpRow[]>;
  updateFollowUp(
    id: string,
    patch: Partial<Pick<FollowUpRow, 'status' | 'keptByMessageId' | 'closedAt'>>,
  ): Promise<void>;
  /** The earliest due time among the conversation's open follow-ups. */
  nextDueOf(conversationId: string): Promise<string | null>;
}

/** `FollowUpQueries` in SQL, written once for both drivers. */
export class SqlFollowUpQueries extends SqlQueries implements FollowUpQueries {
  async insertFollowUp(followUp: FollowUpRow): Promise<void> {
    await this.db.insertInto('followUps').values(followUp).execute();
  }

  getFollowUp(id: string): Promise<FollowUpRow | undefined> {
    return this.db.selectFrom('followUps').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listFollowUps(q: FollowUpQuery): Promise<FollowUpRow[]> {
    let query = this.db.selectFrom('followUps').selectAll();
    if (q.statuses !== undefined && q.statuses.length > 0) {
      query = query.where('status', 'in', [...q.statuses]);
    }
    if (q.ownerId !== undefined) query = query.where('ownerId', '=', q.ownerId);
    if (q.conversationId !== undefined) {
      query = query.where('conversationId', '=', q.conversationId);
    }
    return query.orderBy('dueAt').orderBy('id').limit(q.limit).execute();
  }

  openFollowUpsOfContact(contactId: string, before: string, at: string): Promise<FollowUpRow[]> {
    return this.db
      .selectFrom('followUps')
      .selectAll()
      .where('contactId', '=', contactId)
      .where('status', 'in', ['pending', 'due'])
      .where('createdAt', '<', before)
      .where('dueAt', '>=', at)
      .$if(this.pg, (qb) => qb.forUpdate())
      .execute();
  }

  claimFollowUps(
    statuses: readonly string[],
    dueBefore: string,
    limit: number,
  ): Promise<FollowUpRow[]> {
    return this.db
      .selectFrom('followUps')
      .selectAll()
      .where('status', 'in', [...statuses])
      .where('dueAt', '<=', dueBefore)
      .orderBy('dueAt')
      .limit(limit)
      .$if(this.pg, (qb) => qb.forUpdate().skipLocked())
      .execute();
  }

  async updateFollowUp(
    id: string,
    patch: Partial<Pick<FollowUpRow, 'status' | 'keptByMessageId' | 'closedAt'>>,
  ): Promise<void> {
    await this.db.updateTable('followUps').set(patch).where('id', '=', id).execute();
  }

  async nextDueOf(conversationId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('followUps')
      .select((eb) => eb.fn.min('dueAt').as('due'))
      .where('conversationId', '=', conversationId)
      .where('status', 'in', ['pending', 'due'])
      .executeTakeFirst();
    return row?.due ?? null;
  }
}
