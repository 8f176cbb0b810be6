import { sql } from 'kysely';
import type { EventRow, StoredEvent } from '../storage/rows.js';
import { CHUNK_ROWS, SqlQueries } from '../storage/sql-queries.js';
/** The channel PostgreSQL carries events on between instances. */

export const EVENT_CHANNEL = 'calmdesk_events';

/** NOTIFY payloads must stay under 8000 bytes; a larger event travels as its id alone. */
const MAX_NOTIFY_BYTES = 7_000;

function toEvent(row: EventRow): StoredEvent {
  return {
    id: Number(row.id),
    at: row.at,
    type: row.type,
    conversationId: row.conversationId,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

/** The NOTIFY payload for an event: the event itself, or `{ "id": n }` when it is too large. */
export function notifyPayload(event: StoredEvent): string {
  const full = JSON.stringify(event);
  return Buffer.byteLength(full) <= MAX_NOTIFY_BYTES ? full : JSON.stringify({ id: event.id });
}

/** Events: recorded, then heard by subscribers once committed. */
export interface EventQueries {
  /** Records an event; subscribers hear it once the surrounding transaction commits. */
  emit(
    type: string,
    conversationId: string | null,
    payload: Record<string, unknown>,
    now: string,
  ): Promise<StoredEvent>;
  /** Records several events in one statement, in order; as `emit` for each. */
  emitMany(
    events: readonly {
      type: string;
      conversationId: string | null;
      payload: Record<string, unknown>;
    }[],
    now: string,
  ): Promise<StoredEvent[]>;
  listEventsAfter(id: number, limit: number): Promise<StoredEvent[]>;
  lastEventId(): Promise<number>;
}

/** `EventQueries` in SQL, written once for both drivers. */
export class SqlEventQueries extends SqlQueries implements EventQueries {
  async emit(
    type: string,
    conversationId: string | null,
    payload: Record<string, unknown>,
    now: string,
  ): Promise<StoredEvent> {
    const row = await this.db
      .insertInto('events')
      .values({ at: now, type, conversationId, payload: JSON.stringify(payload) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event: StoredEvent = { id: Number(row.id), at: now, type, conversationId, payload };
    if (this.pg) {
      // Delivered to every listening instance when the transaction commits, never before.
      await sql`select pg_notify(${EVENT_CHANNEL}, ${notifyPayload(event)})`.execute(this.db);
    } else {
      this.emitted.push(event);
    }
    return event;
  }

  async emitMany(
    events: readonly {
      type: string;
      conversationId: string | null;
      payload: Record<string, unknown>;
    }[],
    now: string,
  ): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    for (let i = 0; i < events.length; i += CHUNK_ROWS) {
      const chunk = events.slice(i, i + CHUNK_ROWS);
      const rows = await this.db
        .insertInto('events')
        .values(
          chunk.map((e) => ({
            at: now,
            type: e.type,
            conversationId: e.conversationId,
            payload: JSON.stringify(e.payload),
          })),
        )
        .returning('id')
        .execute();
      // Ids are handed out in the order the rows are inserted; RETURNING's own order is not
      // promised (SQLite says so), so the ids are sorted before they are matched to the rows.
      const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      ids.forEach((id, k) => {
        const e = chunk[k];
        if (e !== undefined) stored.push({ id, at: now, ...e });
      });
    }
    if (stored.length === 0) return stored;
    if (this.pg) {
      await sql`select pg_notify(${EVENT_CHANNEL}, p) from unnest(${stored.map(notifyPayload)}::text[]) as p`.execute(
        this.db,
      );
    } else {
      this.emitted.push(...stored);
    }
    return stored;
  }

  async listEventsAfter(id: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', id)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async lastEventId(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
