import type { MessageRow } from '../storage/rows.js';
import { CHUNK_ROWS, SqlQueries } from '../storage/sql-queries.js';

/** Messages. */
export interface MessageQueries {
  /** Inserts the message unless one with its external id exists; returns the stored one. */
  insertMessage(message: MessageRow): Promise<{ message: MessageRow; inserted: boolean }>;
  /**
   * Inserts many messages in few statements; for each row, in order, the stored message and
   * whether it is new (a row whose external id exists already, or repeats one earlier in the
   * list, comes back as the message stored first).
   */
  insertMessages(
    messages: readonly MessageRow[],
  ): Promise<{ message: MessageRow; inserted: boolean }[]>;
  getMessage(id: string): Promise<MessageRow | undefined>;
  listMessages(conversationId: string): Promise<MessageRow[]>;
  /** The last `limit` messages of a conversation sent at or before `until`, oldest first. */
  listRecentMessages(conversationId: string, until: string, limit: number): Promise<MessageRow[]>;
}

/** `MessageQueries` in SQL, written once for both drivers. */
export class SqlMessageQueries extends SqlQueries implements MessageQueries {
  async insertMessage(message: MessageRow): Promise<{ message: MessageRow; inserted: boolean }> {
    if (message.externalId === null) {
      await this.db.insertInto('messages').values(message).execute();
      return { message, inserted: true };
    }
    const inserted = await this.db
      .insertInto('messages')
      .values(message)
      .onConflict((oc) => oc.column('externalId').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted !== undefined) return { message, inserted: true };
    const existing = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('externalId', '=', message.externalId)
      .executeTakeFirstOrThrow();
    return { message: existing, inserted: false };
  }

  async insertMessages(
    messages: readonly MessageRow[],
  ): Promise<{ message: MessageRow; inserted: boolean }[]> {
    const inserted = new Set<string>();
    // Well under SQLite's limit of 32,766 bound values a statement (11 columns a row).
    for (let i = 0; i < messages.length; i += CHUNK_ROWS) {
      const rows = await this.db
        .insertInto('messages')
        .values(messages.slice(i, i + CHUNK_ROWS))
        .onConflict((oc) => oc.column('externalId').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.add(row.id);
    }
    const missing = messages
      .filter((m) => !inserted.has(m.id) && m.externalId !== null)
      .map((m) => m.externalId as string);
    const existing = new Map<string, MessageRow>();
    for (let i = 0; i < missing.length; i += CHUNK_ROWS) {
      const rows = await this.db
        .selectFrom('messages')
        .selectAll()
        .where('externalId', 'in', missing.slice(i, i + CHUNK_ROWS))
        .execute();
      for (const row of rows) existing.set(row.externalId as string, row);
    }
    return messages.map((m) => {
      if (inserted.has(m.id)) return { message: m, inserted: true };
      const stored = existing.get(m.externalId as string);
      if (stored === undefined)
        throw new Error(`message ${m.externalId} was neither inserted nor found`);
      return { message: stored, inserted: false };
    });
  }

  getMessage(id: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listMessages(conversationId: string): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversationId', '=', conversationId)
      .orderBy('sentAt')
      .orderBy('receivedAt')
      .orderBy('id')
      .execute();
  }

  async listRecentMessages(
    conversationId: string,
    until: string,
    limit: number,
  ): Promise<MessageRow[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversationId', '=', conversationId)
      .where('sentAt', '<=', until)
      .orderBy('sentAt', 'desc')
      .orderBy('receivedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }
}
