import type { Insertable, Selectable } from 'kysely';
import type { SqlDialectName } from './migrations.js';
import type {
  ApiTokensTable,
  AuditLogTable,
  ContactsTable,
  ConversationsTable,
  EscalationsTable,
  EventsTable,
  FollowUpsTable,
  GoodwillOffersTable,
  MessagesTable,
  OutboxTable,
  SessionsTable,
  UsersTable,
} from './schema.js';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type EscalationRow = Selectable<EscalationsTable>;
export type GoodwillOfferRow = Selectable<GoodwillOffersTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type EventRow = Selectable<EventsTable>;
export type OutboxRow = Selectable<OutboxTable>;

/** An event as subscribers receive it: its payload parsed. */
export interface StoredEvent {
  id: number;
  at: string;
  type: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
}

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

export interface FollowUpQuery {
  statuses?: readonly string[];
  ownerId?: string;
  conversationId?: string;
  limit: number;
}

export interface EscalationQuery {
  statuses?: readonly string[];
  conversationId?: string;
  limit: number;
}

/** The thresholds the supervisor's team view counts by (from the conversation policy). */
export interface TeamStatsOptions {
  /** An open or pending conversation at or above this temperature counts as heated. */
  heatedTemperature: number;
  /** A conversation whose peak reached this was one with an upset customer... */
  upsetTemperature: number;
  /** ...and it was de-escalated when its temperature fell at least this far below the peak. */
  minTemperatureFall: number;
  /** How many of each person's hottest open heated conversations to list. */
  hottest: number;
}

/** One person's numbers in the team view, counted over the conversations assigned to them. */
export interface TeamMemberStats {
  user: Pick<UserRow, 'id' | 'name' | 'role'>;
  /** Open or pending conversations at or above the heated temperature. */
  openHeated: number;
  /** The hottest of those, hottest first, at most `hottest` of them. */
  hottest: Pick<ConversationRow, 'id' | 'subject' | 'temperature'>[];
  /** Conversations whose peak reached the upset temperature. */
  upset: number;
  /** Of those, the ones whose temperature has since fallen by at least the minimum fall. */
  calmed: number;
  /** Follow-ups they own, by outcome; pending counts those pending and due. */
  promises: { kept: number; missed: number; pending: number };
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

/**
 * Everything the service reads and writes, in the domain's words. Each call is atomic; calls made
 * inside `Store.transaction` commit or roll back together, and the events they emit reach
 * subscribers only once the transaction has committed.
 */
export interface StoreOps {
  // people
  insertUser(user: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | undefined>;
  getUserByEmail(email: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  countUsers(): Promise<number>;
  updateUser(
    id: string,
    patch: Partial<Pick<UserRow, 'role' | 'disabled' | 'name'>>,
  ): Promise<void>;
  insertSession(session: SessionRow): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  insertApiToken(token: ApiTokenRow): Promise<void>;
  /** The live token with this hash and its user, in one read: every API call asks this. */
  getApiTokenUser(
    hash: string,
  ): Promise<{ tokenId: string; tokenLastUsedAt: string | null; user: UserRow } | undefined>;
  /** The unexpired session with this hash and its user, in one read. */
  getSessionUser(
    idHash: string,
    now: string,
  ): Promise<{ csrfToken: string; user: UserRow } | undefined>;
  listApiTokens(userId: string): Promise<ApiTokenRow[]>;
  revokeApiToken(id: string, userId: string, now: string): Promise<boolean>;
  touchApiToken(id: string, now: string): Promise<void>;

  // contacts and conversations
  /** Finds the contact with this external id or creates it; fills a missing name or email. */
  upsertContact(
    contact: Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string },
  ): Promise<ContactRow>;
  /** `upsertContact` for many at once, in few statements; rows come back in no set order. */
  upsertContacts(
    contacts: readonly (Pick<ContactRow, 'externalId' | 'name' | 'email'> & { now: string })[],
  ): Promise<ContactRow[]>;
  getContact(id: string): Promise<ContactRow | undefined>;
  /** The contacts with these ids, in one read (for naming the customers of an inbox page). */
  getContacts(ids: readonly string[]): Promise<ContactRow[]>;
  updateContactProfile(id: string, profile: string, now: string): Promise<void>;
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

  // messages
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

  // promises
  insertFollowUp(followUp: FollowUpRow): Promise<void>;
  getFollowUp(id: string): Promise<FollowUpRow | undefined>;
  listFollowUps(query: FollowUpQuery): Promise<FollowUpRow[]>;
  /** Open (pending or due) follow-ups of a contact made before `before`, due at or after `at`. */
  openFollowUpsOfContact(contactId: string, before: string, at: string): Promise<FollowUpRow[]>;
  /**
   * Open follow-ups in `statuses` due before `dueBefore`, oldest due first. In PostgreSQL the rows
   * stay locked until the transaction ends and rows another instance holds are skipped, so each
   * follow-up is handled by exactly one instance.
   */
  claimFollowUps(
    statuses: readonly string[],
    dueBefore: string,
    limit: number,
  ): Promise<FollowUpRow[]>;
  updateFollowUp(
    id: string,
    patch: Partial<Pick<FollowUpRow, 'status' | 'keptByMessageId' | 'closedAt'>>,
  ): Promise<void>;
  /** The earliest due time among the conversation's open follow-ups. */
  nextDueOf(conversationId: string): Promise<string | null>;

  // escalations and goodwill
  insertEscalation(escalation: EscalationRow): Promise<void>;
  getEscalation(id: string): Promise<EscalationRow | undefined>;
  listEscalations(query: EscalationQuery): Promise<EscalationRow[]>;
  updateEscalation(
    id: string,
    patch: Partial<Pick<EscalationRow, 'status' | 'ownerId' | 'note' | 'updatedAt'>>,
  ): Promise<void>;
  insertGoodwillOffer(offer: GoodwillOfferRow): Promise<void>;
  getGoodwillOffer(id: string): Promise<GoodwillOfferRow | undefined>;
  listGoodwillOffers(query: {
    statuses?: readonly string[];
    conversationId?: string;
    limit: number;
  }): Promise<GoodwillOfferRow[]>;
  updateGoodwillOffer(
    id: string,
    patch: Partial<Pick<GoodwillOfferRow, 'status' | 'decidedBy' | 'decisionNote' | 'decidedAt'>>,
  ): Promise<void>;
  /** The currency value of goodwill approved (decided) since `since`, for the month's budget. */
  goodwillSpentSince(since: string): Promise<number>;

  // the team view
  /**
   * For each enabled agent and supervisor, by name: heated work in hand, de-escalations and
   * promises kept, counted in the database (a few grouped queries, whatever the team's size).
   */
  teamStats(options: TeamStatsOptions): Promise<TeamMemberStats[]>;

  // team settings
  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string, now: string): Promise<void>;

  // the record of what happened
  appendAudit(entry: Omit<Insertable<AuditLogTable>, 'id'>): Promise<void>;
  listAudit(limit: number, beforeId?: number): Promise<AuditRow[]>;
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

/** One storage interface; SQLite (embedded, the default) and PostgreSQL sit behind it. */
export interface Store extends StoreOps {
  readonly dialect: SqlDialectName;
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /** Hears every event committed by this instance, and with PostgreSQL by every instance. */
  subscribe(listener: (event: StoredEvent) => void): () => void;
  close(): Promise<void>;
}
