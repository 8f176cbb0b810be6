import type { OutboxRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';

/** The durable outbox of outgoing webhook deliveries. */
export interface OutboxQueries {
  /** Queues a message for the outgoing webhook; it is delivered until it succeeds or gives up. */
  enqueueOutbox(kind: string, body: string, eventId: number | null, now: string): Promise<void>;
  /**
   * Takes up to `limit` deliveries whose time has come and leases them until `leaseUntil`, so a
   * delivery cut short by a crash is tried again after the lease, and one being delivered by
   * another instance is skipped.
   */
  claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]>;
  updateOutbox(
    id: number,
    patch: Partial<
      Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'deliveredAt'>
    >,
  ): Promise<void>;
  listOutbox(limit: number): Promise<OutboxRow[]>;
}

/** `OutboxQueries` in SQL, written once for both drivers. */
export class SqlOutboxQueries extends SqlQueries implements OutboxQueries {
  async enqueueOutbox(
    kind: string,
    body: string,
    eventId: number | null,
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({
        eventId,
        kind,
        body,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })
      .execute();
  }

  async claimOutbox(now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
    if (!this.db.isTransaction) {
      // Select and lease in one transaction: otherwise the row locks end with the select and two
      // claims running at once both take the same deliveries.
      return this.db
        .transaction()
        .execute((trx) =>
          new SqlOutboxQueries(trx, this.dialect, []).claimOutbox(now, leaseUntil, limit),
        );
    }
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('nextAttemptAt', '<=', now)
      .orderBy('id')
      .limit(limit)
      .$if(this.pg, (qb) => qb.forUpdate().skipLocked())
      .execute();
    for (const row of rows) {
      await this.db
        .updateTable('outbox')
        .set({ nextAttemptAt: leaseUntil })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      eventId: r.eventId === null ? null : Number(r.eventId),
    }));
  }

  async updateOutbox(
    id: number,
    patch: Partial<
      Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'deliveredAt'>
    >,
  ): Promise<void> {
    await this.db.updateTable('outbox').set(patch).where('id', '=', id).execute();
  }

  async listOutbox(limit: number): Promise<OutboxRow[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .selectAll()
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      eventId: r.eventId === null ? null : Number(r.eventId),
    }));
  }
}
