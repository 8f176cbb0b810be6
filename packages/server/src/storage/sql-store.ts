import { newId } from '../ids.js';
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { SqlDialectName } from './migrations.js';
import type { Database } from './schema.js';
import type {
  ApiTokenRow,
  AuditRow,
  ContactRow,
  ConversationPatch,
  ConversationQuery,
  ConversationRow,
  EscalationQuery,
  EscalationRow,
  EventRow,
  FollowUpQuery,
  FollowUpRow,
  GoodwillOfferRow,
  MessageRow,
  OutboxRow,
  SessionRow,
  Store,
  StoredEvent,
  StoreOps,
  TeamMemberStats,
  TeamStatsOptions,
  UserRow,
} from './store.js';

/** The channel PostgreSQL carries events on between instances. */
export const EVENT_CHANNEL = 'calmdesk_events';
/** Rows a multi-row statement carries at most. */
const CHUNK_ROWS = 200;
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

/**
 * The store's operations over one Kysely handle: the database itself (each call commits on its
 * own) or a transaction. Written once for both drivers; the few places they differ (row locks,
 * NOTIFY) ask `dialect`.
 */
export class SqlOps implements StoreOps {
  constructor(
    protected readonly db: Kysely<Database> | Transaction<Database>,
    readonly dialect: SqlDialectName,
    /** Events emitted through this handle, for publishing after commit (SQLite). */
    protected readonly emitted: StoredEvent[],
  ) {}

  private get pg(): boolean {
    return this.dialect === 'postgres';
  }

  // --- people -------------------------------------------------------------------------------

  async insertUser(user: UserRow): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  getUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
  }

  listUsers(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('createdAt').orderBy('id').execute();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<UserRow, 'role' | 'disabled' | 'name'>>,
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async insertSession(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
  }

  async insertApiToken(token: ApiTokenRow): Promise<void> {
    await this.db.insertInto('apiTokens').values(token).execute();
  }

  async getApiTokenUser(
    hash: string,
  ): Promise<{ tokenId: string; tokenLastUsedAt: string | null; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('apiTokens as t')
      .innerJoin('users as u', 'u.id', 't.userId')
      .selectAll('u')
      .select(['t.id as tokenId', 't.lastUsedAt as tokenLastUsedAt'])
      .where('t.tokenHash', '=', hash)
      .where('t.revokedAt', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { tokenId, tokenLastUsedAt, ...user } = row;
    return { tokenId, tokenLastUsedAt, user };
  }

  async getSessionUser(
    idHash: string,
    now: string,
  ): Promise<{ csrfToken: string; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.userId')
      .selectAll('u')
      .select('s.csrfToken')
      .where('s.idHash', '=', idHash)
      .where('s.expiresAt', '>', now)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { csrfToken, ...user } = row;
    return { csrfToken, user };
  }

  listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .execute();
  }

  async revokeApiToken(id: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: now })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touchApiToken(id: string, now: string): Promise<void> {
    await this.db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', id).execute();
  }

  // --- contacts and conversations -------------------------------------------------------------

  async upsertContact(
    contact: Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string },
  ): Promise<ContactRow> {
    const [row] = await this.upsertContacts([contact]);
    if (row === undefined) throw new Error(`contact ${contact.externalId} was not upserted`);
    return row;
  }

  async upsertContacts(
    contacts: readonly (Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string })[],
  ): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (let i = 0; i < contacts.length; i += CHUNK_ROWS) {
      const rows = await this.db
        .insertInto('contacts')
        .values(
          contacts.slice(i, i + CHUNK_ROWS).map((c) => ({
            id: newId(),
            externalId: c.externalId,
            name: c.name,
            email: c.email,
            profile: '{}',
            createdAt: c.now,
            updatedAt: c.now,
          })),
        )
        .onConflict((oc) =>
          oc.column('externalId').doUpdateSet((eb) => ({
            name: eb.fn.coalesce('contacts.name', 'excluded.name'),
            email: eb.fn.coalesce('contacts.email', 'excluded.email'),
          })),
        )
        .returningAll()
        .execute();
      out.push(...rows);
    }
    return out;
  }

  async getContacts(ids: readonly string[]): Promise<ContactRow[]> {
    const out: ContactRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK_ROWS) {
      out.push(
        ...(await this.db
          .selectFrom('contacts')
          .selectAll()
          .where('id', 'in', ids.slice(i, i + CHUNK_ROWS))
          .execute()),
      );
    }
    return out;
  }

  getContact(id: string): Promise<ContactRow | undefined> {
    return this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateContactProfile(id: string, profile: string, now: string): Promise<void> {
    await this.db
      .updateTable('contacts')
      .set({ profile, updatedAt: now })
      .where('id', '=', id)
      .execute();
  }

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
      // Urgency: an open escalation first, then a promise falling due soon (or overdue),
      // soonest first, then the hottest, then the customer waiting longest for an answer.
      const soon = q.dueSoonBefore ?? '';
      query = query
        .orderBy('escalated', 'desc')
        .orderBy(
          sql`case when ${sql.ref('next_due_at')} is not null and ${sql.ref('next_due_at')} <= ${soon} then 0 else 1 end`,
        )
        .orderBy(
          sql`case when ${sql.ref('next_due_at')} <= ${soon} then ${sql.ref('next_due_at')} else null end`,
        )
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

  // --- messages -------------------------------------------------------------------------------

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

  // --- promises -------------------------------------------------------------------------------

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

  // --- escalations and goodwill -------------------------------------------------------------

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

  async insertGoodwillOffer(offer: GoodwillOfferRow): Promise<void> {
    await this.db.insertInto('goodwillOffers').values(offer).execute();
  }

  getGoodwillOffer(id: string): Promise<GoodwillOfferRow | undefined> {
    return this.db.selectFrom('goodwillOffers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listGoodwillOffers(q: {
    statuses?: readonly string[];
    conversationId?: string;
    limit: number;
  }): Promise<GoodwillOfferRow[]> {
    let query = this.db.selectFrom('goodwillOffers').selectAll();
    if (q.statuses !== undefined && q.statuses.length > 0) {
      query = query.where('status', 'in', [...q.statuses]);
    }
    if (q.conversationId !== undefined) {
      query = query.where('conversationId', '=', q.conversationId);
    }
    return query.orderBy('createdAt', 'desc').orderBy('id').limit(q.limit).execute();
  }

  async updateGoodwillOffer(
    id: string,
    patch: Partial<Pick<GoodwillOfferRow, 'status' | 'decidedBy' | 'decisionNote' | 'decidedAt'>>,
  ): Promise<void> {
    await this.db.updateTable('goodwillOffers').set(patch).where('id', '=', id).execute();
  }

  async goodwillSpentSince(since: string): Promise<number> {
    const row = await this.db
      .selectFrom('goodwillOffers')
      .select((eb) => eb.fn.sum<string | number | null>('currencyValue').as('total'))
      .where('status', '=', 'approved')
      .where('decidedAt', '>=', since)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  // --- the team view --------------------------------------------------------------------------

  async teamStats(o: TeamStatsOptions): Promise<TeamMemberStats[]> {
    // Temperatures are whole numbers, so rounding the thresholds up keeps every comparison exact
    // and binds integers only (PostgreSQL types the parameters from the integer columns).
    const heated = Math.ceil(o.heatedTemperature);
    const upset = Math.ceil(o.upsetTemperature);
    const fall = Math.ceil(o.minTemperatureFall);
    const inHand = ['open', 'pending'];
    const users = await this.db
      .selectFrom('users')
      .select(['id', 'name', 'role'])
      .where('disabled', '=', 0)
      .where('role', 'in', ['agent', 'supervisor'])
      .orderBy('name')
      .orderBy('id')
      .execute();
    if (users.length === 0) return [];

    // SUM(CASE ...) counts rows matching a condition; literal 1 and 0 (not bound parameters)
    // keep the sums numeric in PostgreSQL. Sums may come back as strings: read with Number().
    const conversations = await this.db
      .selectFrom('conversations')
      .select((eb) => {
        const count = (condition: Expression<SqlBool>) =>
          eb.fn.sum<string | number>(
            eb.case().when(condition).then(eb.lit(1)).else(eb.lit(0)).end(),
          );
        const reachedUpset = eb('peakTemperature', '>=', upset);
        return [
          'assigneeId',
          count(eb.and([eb('status', 'in', inHand), eb('temperature', '>=', heated)])).as(
            'openHeated',
          ),
          count(reachedUpset).as('upset'),
          count(
            eb.and([reachedUpset, eb('temperature', '<=', eb('peakTemperature', '-', fall))]),
          ).as('calmed'),
        ];
      })
      .where('assigneeId', 'is not', null)
      .groupBy('assigneeId')
      .execute();

    const promises = await this.db
      .selectFrom('followUps')
      .select((eb) => {
        const count = (statuses: string[]) =>
          eb.fn.sum<string | number>(
            eb.case().when('status', 'in', statuses).then(eb.lit(1)).else(eb.lit(0)).end(),
          );
        return [
          'ownerId',
          count(['kept']).as('kept'),
          count(['missed']).as('missed'),
          count(['pending', 'due']).as('pending'),
        ];
      })
      .where('ownerId', 'is not', null)
      .groupBy('ownerId')
      .execute();

    // Each person's hottest heated conversations: numbered within each assignee, hottest first.
    const ranked = this.db
      .selectFrom('conversations')
      .select((eb) => [
        'id',
        'subject',
        'temperature',
        'assigneeId',
        eb.fn
          .agg<string | number>('row_number')
          .over((ob) =>
            ob
              .partitionBy('assigneeId')
              .orderBy('temperature', 'desc')
              .orderBy('lastMessageAt', 'desc')
              .orderBy('id'),
          )
          .as('place'),
      ])
      .where('assigneeId', 'is not', null)
      .where('status', 'in', inHand)
      .where('temperature', '>=', heated)
      .as('ranked');
    const hottest = await this.db
      .selectFrom(ranked)
      .selectAll()
      .where('place', '<=', o.hottest)
      .orderBy('assigneeId')
      .orderBy('place')
      .execute();

    const byConversation = new Map(conversations.map((r) => [r.assigneeId, r]));
    const byPromise = new Map(promises.map((r) => [r.ownerId, r]));
    return users.map((u) => {
      const c = byConversation.get(u.id);
      const p = byPromise.get(u.id);
      return {
        user: u,
        openHeated: Number(c?.openHeated ?? 0),
        hottest: hottest
          .filter((h) => h.assigneeId === u.id)
          .map((h) => ({ id: h.id, subject: h.subject, temperature: h.temperature })),
        upset: Number(c?.upset ?? 0),
        calmed: Number(c?.calmed ?? 0),
        promises: {
          kept: Number(p?.kept ?? 0),
          missed: Number(p?.missed ?? 0),
          pending: Number(p?.pending ?? 0),
        },
      };
    });
  }

  // --- settings -------------------------------------------------------------------------------

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async putSetting(key: string, value: string, now: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updatedAt: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: now }))
      .execute();
  }

  // --- audit, events, outbox ------------------------------------------------------------------

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
        .execute((trx) => new SqlOps(trx, this.dialect, []).claimOutbox(now, leaseUntil, limit));
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

/**
 * The store over a Kysely database. The drivers open the database and bring their way of
 * carrying events: SQLite publishes in-process after each commit; PostgreSQL publishes through
 * NOTIFY, heard by a LISTEN connection on every instance (see postgres/open-postgres-store.ts).
 */
export class SqlStore extends SqlOps implements Store {
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor(
    private readonly root: Kysely<Database>,
    dialect: SqlDialectName,
    private readonly onClose: () => Promise<void> = () => Promise.resolve(),
  ) {
    super(root, dialect, []);
  }

  override async emit(
    type: string,
    conversationId: string | null,
    payload: Record<string, unknown>,
    now: string,
  ): Promise<StoredEvent> {
    const event = await super.emit(type, conversationId, payload, now);
    this.flush();
    return event;
  }

  override async emitMany(
    events: readonly {
      type: string;
      conversationId: string | null;
      payload: Record<string, unknown>;
    }[],
    now: string,
  ): Promise<StoredEvent[]> {
    const stored = await super.emitMany(events, now);
    this.flush();
    return stored;
  }

  async transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> {
    const emitted: StoredEvent[] = [];
    const result = await this.root
      .transaction()
      .execute((trx) => fn(new SqlOps(trx, this.dialect, emitted)));
    for (const event of emitted) this.publish(event);
    return result;
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hands an event to this instance's subscribers; a failing subscriber never stops the others. */
  publish(event: StoredEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's own failure is its business; the event still reaches the rest.
      }
    }
  }

  private flush(): void {
    for (const event of this.emitted.splice(0)) this.publish(event);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.onClose();
    await this.root.destroy();
  }
}
