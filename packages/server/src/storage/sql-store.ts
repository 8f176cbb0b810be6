import type { Kysely, Transaction } from 'kysely';
import { SqlAuditQueries } from '../audit/audit-queries.js';
import { SqlEmailQueries } from '../channels/email/email-queries.js';
import { SqlOutgoingQueries } from '../channels/outgoing-queries.js';
import { SqlContactQueries } from '../contacts/contact-queries.js';
import { SqlConversationQueries } from '../conversations/conversation-queries.js';
import { SqlEscalationQueries } from '../escalations/escalation-queries.js';
import { SqlEventQueries } from '../events/event-queries.js';
import { SqlFollowUpQueries } from '../follow-ups/follow-up-queries.js';
import { SqlGoodwillQueries } from '../goodwill/goodwill-queries.js';
import { SqlSignalQueries } from '../history/signal-queries.js';
import { SqlOutboxQueries } from '../integrations/outbox-queries.js';
import { SqlMessageQueries } from '../messages/message-queries.js';
import { SqlPeopleQueries } from '../people/people-queries.js';
import { SqlSettingQueries } from '../policy/setting-queries.js';
import { SqlTeamQueries } from '../team/team-queries.js';
import type { SqlDialectName } from './migrations.js';
import type { StoredEvent } from './rows.js';
import type { Database } from './schema.js';
import type { Store, StoreOps } from './store.js';

export { EVENT_CHANNEL, notifyPayload } from '../events/event-queries.js';

/** Every capability's queries, as the store composes them. */
const QUERIES = [
  SqlPeopleQueries,
  SqlContactQueries,
  SqlConversationQueries,
  SqlMessageQueries,
  SqlFollowUpQueries,
  SqlEscalationQueries,
  SqlGoodwillQueries,
  SqlTeamQueries,
  SqlSettingQueries,
  SqlAuditQueries,
  SqlEventQueries,
  SqlOutboxQueries,
  SqlOutgoingQueries,
  SqlEmailQueries,
  SqlSignalQueries,
] as const;

/**
 * The store's operations over one Kysely handle (the database, or a transaction): each
 * capability's queries, their methods gathered into one object. The type check below makes sure
 * together they are every operation `StoreOps` names.
 */
export function sqlOps(
  db: Kysely<Database> | Transaction<Database>,
  dialect: SqlDialectName,
  emitted: StoredEvent[],
): StoreOps {
  const ops: Record<string, unknown> = {};
  for (const Queries of QUERIES) {
    const part = new Queries(db, dialect, emitted);
    const proto = Object.getPrototypeOf(part) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = proto[name];
      if (name !== 'constructor' && typeof method === 'function') ops[name] = method.bind(part);
    }
  }
  return ops as unknown as AllQueries;
}

type AllQueries = SqlPeopleQueries &
  SqlContactQueries &
  SqlConversationQueries &
  SqlMessageQueries &
  SqlFollowUpQueries &
  SqlEscalationQueries &
  SqlGoodwillQueries &
  SqlTeamQueries &
  SqlSettingQueries &
  SqlAuditQueries &
  SqlEventQueries &
  SqlOutboxQueries &
  SqlOutgoingQueries &
  SqlEmailQueries &
  SqlSignalQueries;

/** A store that can also hand an event heard from elsewhere (NOTIFY) to its subscribers. */
export interface SqlStore extends Store {
  /** Hands an event to this instance's subscribers; a failing subscriber never stops the others. */
  publish(event: StoredEvent): void;
  /** The database handle itself, for the driver and for checks the contract suite makes of it. */
  readonly db: Kysely<Database>;
}

/** The operations that only read: outside a transaction they may go to a read-only connection. */
const READ_ONLY = /^(?:get|list|count)[A-Z]|^(?:teamStats|unassignedHeated|lastEventId)$/;

/**
 * The store over a Kysely database. The drivers open the database and bring their way of
 * carrying events: SQLite publishes in-process after each commit; PostgreSQL publishes through
 * NOTIFY, heard by a LISTEN connection on every instance (see postgres/open-postgres-store.ts).
 *
 * `reader`, when given, is a second, read-only handle on the same database (SQLite's single
 * connection is held for the whole of a write transaction): reads made outside a transaction go
 * to it, so health, sign-in checks and the inbox answer while a large batch is being written.
 * They see every committed write, as a read on the writer would once the transaction is done.
 */
export function createSqlStore(
  root: Kysely<Database>,
  dialect: SqlDialectName,
  onClose: () => Promise<void> = () => Promise.resolve(),
  reader?: Kysely<Database>,
): SqlStore {
  const listeners = new Set<(event: StoredEvent) => void>();
  const emitted: StoredEvent[] = [];
  const ops = sqlOps(root, dialect, emitted);
  if (reader !== undefined) {
    const reads = sqlOps(reader, dialect, []) as unknown as Record<string, unknown>;
    const all = ops as unknown as Record<string, unknown>;
    for (const name of Object.keys(reads)) if (READ_ONLY.test(name)) all[name] = reads[name];
  }
  const publish = (event: StoredEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's own failure is its business; the event still reaches the rest.
      }
    }
  };
  // Outside a transaction an event is committed as soon as it is written.
  const flush = (): void => {
    for (const event of emitted.splice(0)) publish(event);
  };
  return {
    ...ops,
    dialect,
    db: root,
    async emit(type, conversationId, payload, now) {
      const event = await ops.emit(type, conversationId, payload, now);
      flush();
      return event;
    },
    async emitMany(events, now) {
      const stored = await ops.emitMany(events, now);
      flush();
      return stored;
    },
    async transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> {
      const inTransaction: StoredEvent[] = [];
      const result = await root
        .transaction()
        .execute((trx) => fn(sqlOps(trx, dialect, inTransaction)));
      for (const event of inTransaction) publish(event);
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish,
    async close() {
      listeners.clear();
      await onClose();
      await reader?.destroy();
      await root.destroy();
    },
  };
}
