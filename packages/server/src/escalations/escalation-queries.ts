import type { EscalationRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';
export interface EscalationQuery {
  statuses?: readonly string[];
  conversationId?: string;
  limit: number;
}

/** Escalations to a supervisor. */
export interface EscalationQueries {
  insertEscalation(escalation: EscalationRow): Promise<void>;
  getEscalation(id: string): Promise<EscalationRow | undefined>;
  listEscalations(query: EscalationQuery): Promise<EscalationRow[]>;
  updateEscalation(
    id: string,
    patch: Partial<Pick<EscalationRow, 'status' | 'ownerId' | 'note' | 'updatedAt'>>,
  ): Promise<void>;
}

/** `EscalationQueries` in SQL, written once for both drivers. */
export class SqlEscalationQueries extends SqlQueries implements EscalationQueries {
  async insertEscalation(escalation: EscalationRow): Promise<void> {
    await this.db.insertInto('escalations').values(escalation).execute();
  }

  getEscalation(id: string): Promise<EscalationRow | undefined> {
    return this.db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listEscalations(q: EscalationQuery): Promise<EscalationRow[]> {
    let query = this.db.selectFrom('escalations').selectAll();
    if (q.statuses !== undefined && q.statuses.length > 0) {
      query = query.where('status', 'in', [...q.statuses]);
    }
    if (q.conversationId !== undefined) {
      query = query.where('conversationId', '=', q.conversationId);
    }
    return query.orderBy('createdAt', 'desc').orderBy('id').limit(q.limit).execute();
  }

  async updateEscalation(
    id: string,
    patch: Partial<Pick<EscalationRow, 'status' | 'ownerId' | 'note' | 'updatedAt'>>,
  ): Promise<void> {
    await this.db.updateTable('escalations').set(patch).where('id', '=', id).execute();
  }
}
