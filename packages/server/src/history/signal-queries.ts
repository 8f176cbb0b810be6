import type { MessageSignalRow } from '../storage/schema.js';
import { CHUNK_ROWS, SqlQueries } from '../storage/sql-queries.js';

export interface MessageSignalQuery {
  kind?: string;
  conversationId?: string;
  /** Signals at or after this time (ISO 8601). */
  since?: string;
  limit: number;
}

/**
 * The signs read in customer messages, one row per message and kind, so insights count and
 * group them by kind and time with SQL instead of reading every message's analysis again.
 */
export interface SignalQueries {
  insertMessageSignals(rows: readonly MessageSignalRow[]): Promise<void>;
  /** Oldest first. */
  listMessageSignals(query: MessageSignalQuery): Promise<MessageSignalRow[]>;
}

/** `SignalQueries` in SQL, written once for both drivers. */
export class SqlSignalQueries extends SqlQueries implements SignalQueries {
  async insertMessageSignals(rows: readonly MessageSignalRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      await this.db
        .insertInto('messageSignals')
        .values(rows.slice(i, i + CHUNK_ROWS))
        .execute();
    }
  }

  listMessageSignals(q: MessageSignalQuery): Promise<MessageSignalRow[]> {
    let query = this.db.selectFrom('messageSignals').selectAll();
    if (q.kind !== undefined) query = query.where('kind', '=', q.kind);
    if (q.conversationId !== undefined) {
      query = query.where('conversationId', '=', q.conversationId);
    }
    if (q.since !== undefined) query = query.where('at', '>=', q.since);
    return query.orderBy('at').orderBy('messageId').orderBy('kind').limit(q.limit).execute();
  }
}
