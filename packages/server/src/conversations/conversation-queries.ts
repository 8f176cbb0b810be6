import { newId } from '../ids.js';
import { sql } from 'kysely';
import type { ConversationRow } from '../storage/rows.js';
import { CHUNK_ROWS, SqlQueries } from '../storage/sql-queries.js';
export type ConversationSort = 'temperature' | 'urgency' | 'age';

export interface ConversationQuery {
  statuses?: readonly string[];
  assigneeId?: string | null;
  escalated?: boolean;
  contactId?: string;
  sort: ConversationSort;
  /** For sorting by urgency: promises due before this time (or overdue) count as due soon. */
  dueSoonBefore?: string;
  limit: number;
  offset: number;
}

export type ConversationPatch = Partial<
  Pick<
    ConversationRow,
    | 'status'
    | 'assigneeId'
    | 'temperature'
    | 'peakTemperature'
    | 'recentTemperatures'
    | 'trend'
    | 'awaitingSince'
    | 'nextDueAt'
    | 'oldestMissedAt'
    | 'openQuestion'
    | 'openQuestionAt'
    | 'escalated'
    | 'lastMessageAt'
    | 'messageCount'
    | 'analysis'
    | 'analysisStale'
    | 'snoozedUntil'
    | 'subject'
    | 'updatedAt'
  >
>;

/** A conversation seen for the first time: open, unassigned, not yet analysed. */
function newConversation(
  c: Pick<ConversationRow, 'externalId' | 'contactId' | 'channel' | 'subject'> & { now: string },
): ConversationRow {
  return {
    id: newId(),
    externalId: c.externalId,
    contactId: c.contactId,
    channel: c.channel,
    subject: c.subject,
    status: 'open',
    assigneeId: null,
    temperature: 0,
    peakTemperature: 0,
    recentTemperatures: '[]',
    trend: 'steady',
    awaitingSince: null,
    nextDueAt: null,
    oldestMissedAt: null,
    openQuestion: null,
    openQuestionAt: null,
    escalated: 0,
    lastMessageAt: c.now,
    messageCount: 0,
    analysis: '',
    analysisStale: 1,
    snoozedUntil: null,
    createdAt: c.now,
    updatedAt: c.now,
  };
}

/** Conversations. */
export interface ConversationQueries {
  /**
   * Finds the conversation with this external id or creates it (open, unassigned); in PostgreSQL
   * the row stays locked until the transaction ends, as with `lockConversation`.
   */
  upsertConversation(
    conversation: Pick<ConversationRow, 'externalId' | 'contactId' | 'channel' | 'subject'> & {
      now: string;
    },
  ): Promise<{ conversation: ConversationRow; created: boolean }>;
  /**
   * `upsertConversation` for many at once, in few statements (PostgreSQL locks every row);
   * the ids of those created are in `created`.
   */
  upsertConversations(
    conversations: readonly (Pick<
      ConversationRow,
      'externalId' | 'contactId' | 'channel' | 'subject'
    > & {
      now: string;
    })[],
  ): Promise<{ conversations: ConversationRow[]; created: Set<string> }>;
  getConversation(id: string): Promise<ConversationRow | undefined>;
  getConversationByExternalId(externalId: string): Promise<ConversationRow | undefined>;
  /** Reads a conversation and holds it for update until the transaction ends (PostgreSQL). */
  lockConversation(id: string): Promise<ConversationRow | undefined>;
  listConversations(query: ConversationQuery): Promise<ConversationRow[]>;
  /** Snoozed conversations whose snooze has run out by `now`, soonest first. */
  listWokenSnoozed(now: string, limit: number): Promise<ConversationRow[]>;
  countConversations(statuses?: readonly string[]): Promise<number>;
  updateConversation(id: string, patch: ConversationPatch): Promise<void>;
  /**
   * Writes `columns` of many existing conversations from the given rows, in one statement a
   * chunk (an upsert on the id: every row must exist).
   */
  updateConversations(
    rows: readonly ConversationRow[],
    columns: readonly (keyof ConversationPatch)[],
  ): Promise<void>;
}

/** `ConversationQueries` in SQL, written once for both drivers. */
export class SqlConversationQueries extends SqlQueries implements ConversationQueries {
  async upsertConversation(
    c: Pick<ConversationRow, 'externalId' | 'contactId' | 'channel' | 'subject'> & { now: string },
  ): Promise<{ conversation: ConversationRow; created: boolean }> {
    const { conversations, created } = await this.upsertConversations([c]);
    const conversation = conversations[0];
    if (conversation === undefined)
      throw new Error(`conversation ${c.externalId} vanished mid-upsert`);
    return { conversation, created: created.has(conversation.id) };
  }

  async upsertConversations(
    conversations: readonly (Pick<
      ConversationRow,
      'externalId' | 'contactId' | 'channel' | 'subject'
    > & { now: string })[],
  ): Promise<{ conversations: ConversationRow[]; created: Set<string> }> {
    const found = new Map<string, ConversationRow>();
    const read = async (externalIds: string[]) => {
      for (let i = 0; i < externalIds.length; i += CHUNK_ROWS) {
        const rows = await this.db
          .selectFrom('conversations')
          .selectAll()
          .where('externalId', 'in', externalIds.slice(i, i + CHUNK_ROWS))
          .$if(this.pg, (qb) => qb.forUpdate())
          .execute();
        for (const row of rows) found.set(row.externalId, row);
      }
    };
    await read(conversations.map((c) => c.externalId));
    const missing = conversations.filter((c) => !found.has(c.externalId));
    const created = new Set<string>();
    for (let i = 0; i < missing.length; i += CHUNK_ROWS) {
      const rows = await this.db
        .insertInto('conversations')
        .values(missing.slice(i, i + CHUNK_ROWS).map((c) => newConversation(c)))
        .onConflict((oc) => oc.column('externalId').doNothing())
        .returningAll()
        .execute();
      for (const row of rows) {
        found.set(row.externalId, row);
        created.add(row.id);
      }
    }
    // Any still missing were created by another instance between our read and our insert.
    const raced = missing.filter((c) => !found.has(c.externalId)).map((c) => c.externalId);
    if (raced.length > 0) await read(raced);
    return { conversations: [...found.values()], created };
  }

  getConversation(id: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getConversationByExternalId(externalId: string): Promise<ConversationRow | undefined> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('externalId', '=', externalId)
      .executeTakeFirst();
  }

  lockConversation(id: string): Promise<ConversationRow | undefined> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .$if(this.pg, (qb) => qb.forUpdate())
      .executeTakeFirst();
  }

  listConversations(q: ConversationQuery): Promise<ConversationRow[]> {
    let query = this.db.selectFrom('conversations').selectAll();
    if (q.statuses !== undefined && q.statuses.length > 0) {
      query = query.where('status', 'in', [...q.statuses]);
    }
    if (q.assigneeId !== undefined) {
      query =
        q.assigneeId === null
          ? query.where('assigneeId', 'is', null)
          : query.where('assigneeId', '=', q.assigneeId);
    }
    if (q.escalated !== undefined) query = query.where('escalated', '=', q.escalated ? 1 : 0);
    if (q.contactId !== undefined) query = query.where('contactId', '=', q.contactId);
    if (q.sort === 'temperature') {
      query = query.orderBy('temperature', 'desc').orderBy('lastMessageAt', 'desc');
    } else if (q.sort === 'age') {
      query = query.orderBy('createdAt', 'asc');
    } else {
      // Urgency: a missed promise nobody has answered first (the oldest first: a customer who
      // was let down is the most urgent thing on the desk), then an open escalation, then a
      // promise falling due soon (or overdue), soonest first, then a customer question the
      // agent's last reply left open (the oldest first: they were answered with something
      // else, or only told to wait), then the hottest, then the customer waiting longest.
      const soon = q.dueSoonBefore ?? '';
      query = query
        .orderBy(sql`case when ${sql.ref('oldest_missed_at')} is null then 1 else 0 end`)
        .orderBy('oldestMissedAt', 'asc')
        .orderBy('escalated', 'desc')
        .orderBy(
          sql`case when ${sql.ref('next_due_at')} is not null and ${sql.ref('next_due_at')} <= ${soon} then 0 else 1 end`,
        )
        .orderBy(
          sql`case when ${sql.ref('next_due_at')} <= ${soon} then ${sql.ref('next_due_at')} else null end`,
        )
        .orderBy(sql`case when ${sql.ref('open_question_at')} is null then 1 else 0 end`)
        .orderBy('openQuestionAt', 'asc')
        .orderBy('temperature', 'desc')
        .orderBy(sql`case when ${sql.ref('awaiting_since')} is null then 1 else 0 end`)
        .orderBy('awaitingSince', 'asc');
    }
    return query.orderBy('id').limit(q.limit).offset(q.offset).execute();
  }

  listWokenSnoozed(now: string, limit: number): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('status', '=', 'snoozed')
      .where('snoozedUntil', '<=', now)
      .orderBy('snoozedUntil')
      .limit(limit)
      .execute();
  }

  async countConversations(statuses?: readonly string[]): Promise<number> {
    let query = this.db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'));
    if (statuses !== undefined && statuses.length > 0) {
      query = query.where('status', 'in', [...statuses]);
    }
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.updateTable('conversations').set(patch).where('id', '=', id).execute();
  }

  async updateConversations(
    rows: readonly ConversationRow[],
    columns: readonly (keyof ConversationPatch)[],
  ): Promise<void> {
    if (rows.length === 0 || columns.length === 0) return;
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      await this.db
        .insertInto('conversations')
        .values(rows.slice(i, i + CHUNK_ROWS))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) =>
              Object.fromEntries(columns.map((col) => [col, eb.ref(`excluded.${col}`)])),
            ),
        )
        .execute();
    }
  }
}
