import { sql } from 'kysely';
import type { OutgoingMessageRow } from '../storage/rows.js';
import { CHUNK_ROWS, SqlQueries } from '../storage/sql-queries.js';

/** What a new outgoing item is made of; the store adds its id, state and times. */
export type NewOutgoingMessage = Pick<
  OutgoingMessageRow,
  'conversationId' | 'messageId' | 'channel' | 'kind' | 'payload'
>;

/** What finishing an attempt may change. */
export type OutgoingPatch = Partial<
  Pick<
    OutgoingMessageRow,
    'state' | 'nextAttemptAt' | 'lastError' | 'inDoubt' | 'externalId' | 'sentAt' | 'attempts'
  >
>;

/** The durable queue of what must reach customers' channels (replies, notes, status changes). */
export interface OutgoingQueries {
  /** Queues an item, due at once; call it in the transaction that stores what it carries. */
  enqueueOutgoing(item: NewOutgoingMessage, now: string): Promise<OutgoingMessageRow>;
  /**
   * Takes up to `limit` items whose time has come and leases them until `leaseUntil`: each comes
   * back `sending`, its attempt counted. An item is taken only when no earlier item of its
   * conversation is still on its way, so one conversation's items reach the channel in order.
   * An item still `sending` whose lease ran out (its worker died mid-send) is taken again, marked
   * in doubt, so the sender can check whether the first attempt arrived before sending again.
   * An item another instance holds is never taken.
   */
  claimOutgoing(now: string, leaseUntil: string, limit: number): Promise<OutgoingMessageRow[]>;
  /**
   * Records an attempt's outcome, only while the caller's lease (`leaseUntil`, the
   * `nextAttemptAt` its claim set) still holds the item: a worker whose lease ran out and whose
   * item was taken again can no longer overwrite what the newer attempt records. Returns the
   * updated row, or undefined when the lease was lost.
   */
  finishOutgoing(
    id: number,
    leaseUntil: string,
    patch: OutgoingPatch & { updatedAt: string },
  ): Promise<OutgoingMessageRow | undefined>;
  getOutgoing(id: number): Promise<OutgoingMessageRow | undefined>;
  /** The items carrying these messages, oldest first. */
  listOutgoingForMessages(messageIds: readonly string[]): Promise<OutgoingMessageRow[]>;
  /** A conversation's items, oldest first. */
  listOutgoingForConversation(conversationId: string): Promise<OutgoingMessageRow[]>;
  /**
   * Items of a conversation that carry a message and have no external id yet, whose attempt may
   * already have reached the channel (attempted at least once), oldest first and locked (in
   * PostgreSQL) until the transaction ends: the candidates for an echo of what was sent.
   */
  lockEchoCandidates(conversationId: string, channel: string): Promise<OutgoingMessageRow[]>;
  /**
   * Marks an item sent with the channel's id for what it created, whatever its state (an echo
   * can prove a send the worker has not heard back about yet).
   */
  markOutgoingSent(id: number, externalId: string | null, now: string): Promise<void>;
  /** Queues a failed item again with a fresh round of attempts; undefined unless it had failed. */
  retryOutgoing(id: number, now: string): Promise<OutgoingMessageRow | undefined>;
  /**
   * Gives a stored message the channel's id for it, unless it has one or another message holds
   * that id already: its echo from the channel is then recognised as the same message.
   */
  linkMessageExternalId(messageId: string, externalId: string): Promise<boolean>;
}

const ON_ITS_WAY = ['queued', 'sending'] as const;

function toRow(r: OutgoingMessageRow): OutgoingMessageRow {
  return { ...r, id: Number(r.id) };
}

/** `OutgoingQueries` in SQL, written once for both drivers. */
export class SqlOutgoingQueries extends SqlQueries implements OutgoingQueries {
  async enqueueOutgoing(item: NewOutgoingMessage, now: string): Promise<OutgoingMessageRow> {
    const row = await this.db
      .insertInto('outgoingMessages')
      .values({
        ...item,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        inDoubt: 0,
        externalId: null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRow(row);
  }

  async claimOutgoing(
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutgoingMessageRow[]> {
    if (!this.db.isTransaction) {
      // Select and lease in one transaction, so two claims at once never take the same items.
      return this.db
        .transaction()
        .execute((trx) =>
          new SqlOutgoingQueries(trx, this.dialect, []).claimOutgoing(now, leaseUntil, limit),
        );
    }
    const rows = await this.db
      .selectFrom('outgoingMessages as o')
      .selectAll('o')
      .where('o.state', 'in', ON_ITS_WAY)
      .where('o.nextAttemptAt', '<=', now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outgoingMessages as earlier')
              .select(sql.lit(1).as('one'))
              .whereRef('earlier.conversationId', '=', 'o.conversationId')
              .whereRef('earlier.id', '<', 'o.id')
              .where('earlier.state', 'in', ON_ITS_WAY),
          ),
        ),
      )
      .orderBy('o.id')
      .limit(limit)
      .$if(this.pg, (qb) => qb.forUpdate().skipLocked())
      .execute();
    const claimed: OutgoingMessageRow[] = [];
    for (const row of rows) {
      const patch = {
        state: 'sending',
        attempts: row.attempts + 1,
        nextAttemptAt: leaseUntil,
        // Taken again while still sending: the last attempt's outcome was never recorded.
        inDoubt: row.state === 'sending' ? 1 : row.inDoubt,
        updatedAt: now,
      };
      await this.db.updateTable('outgoingMessages').set(patch).where('id', '=', row.id).execute();
      claimed.push(toRow({ ...row, ...patch }));
    }
    return claimed;
  }

  async finishOutgoing(
    id: number,
    leaseUntil: string,
    patch: OutgoingPatch & { updatedAt: string },
  ): Promise<OutgoingMessageRow | undefined> {
    const row = await this.db
      .updateTable('outgoingMessages')
      .set(patch)
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .where('nextAttemptAt', '=', leaseUntil)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async getOutgoing(id: number): Promise<OutgoingMessageRow | undefined> {
    const row = await this.db
      .selectFrom('outgoingMessages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async listOutgoingForMessages(messageIds: readonly string[]): Promise<OutgoingMessageRow[]> {
    const out: OutgoingMessageRow[] = [];
    for (let i = 0; i < messageIds.length; i += CHUNK_ROWS) {
      const rows = await this.db
        .selectFrom('outgoingMessages')
        .selectAll()
        .where('messageId', 'in', messageIds.slice(i, i + CHUNK_ROWS))
        .orderBy('id')
        .execute();
      out.push(...rows.map(toRow));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  async listOutgoingForConversation(conversationId: string): Promise<OutgoingMessageRow[]> {
    const rows = await this.db
      .selectFrom('outgoingMessages')
      .selectAll()
      .where('conversationId', '=', conversationId)
      .orderBy('id')
      .execute();
    return rows.map(toRow);
  }

  async lockEchoCandidates(conversationId: string, channel: string): Promise<OutgoingMessageRow[]> {
    const rows = await this.db
      .selectFrom('outgoingMessages')
      .selectAll()
      .where('conversationId', '=', conversationId)
      .where('channel', '=', channel)
      .where('messageId', 'is not', null)
      .where('externalId', 'is', null)
      .where('attempts', '>', 0)
      .orderBy('id')
      .$if(this.pg, (qb) => qb.forUpdate())
      .execute();
    return rows.map(toRow);
  }

  async markOutgoingSent(id: number, externalId: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('outgoingMessages')
      .set({
        state: 'sent',
        externalId,
        lastError: null,
        inDoubt: 0,
        sentAt: now,
        updatedAt: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async retryOutgoing(id: number, now: string): Promise<OutgoingMessageRow | undefined> {
    const row = await this.db
      .updateTable('outgoingMessages')
      .set({ state: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toRow(row);
  }

  async linkMessageExternalId(messageId: string, externalId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set({ externalId })
      .where('id', '=', messageId)
      .where('externalId', 'is', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('messages as other')
              .select(sql.lit(1).as('one'))
              .where('other.externalId', '=', externalId),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
