import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../storage/schema.js';
import type { AuditRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';

/** The append-only record of who did what. */
export interface AuditQueries {
  appendAudit(entry: Omit<Insertable<AuditLogTable>, 'id'>): Promise<void>;
  listAudit(limit: number, beforeId?: number): Promise<AuditRow[]>;
}

/** `AuditQueries` in SQL, written once for both drivers. */
export class SqlAuditQueries extends SqlQueries implements AuditQueries {
  async appendAudit(entry: {
    at: string;
    actorId?: string | null;
    action: string;
    entity: string;
    entityId?: string | null;
    details: string;
  }): Promise<void> {
    await this.db.insertInto('auditLog').values(entry).execute();
  }

  async listAudit(limit: number, beforeId?: number): Promise<AuditRow[]> {
    let query = this.db.selectFrom('auditLog').selectAll();
    if (beforeId !== undefined) query = query.where('id', '<', beforeId);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}
