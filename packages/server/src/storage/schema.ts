import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. Both drivers store the same shapes: columns are snake_case in SQL and camelCase here (Kysely's
 * CamelCasePlugin), ids are text, times are
 * ISO 8601 UTC strings with milliseconds (so they sort as text the same way in SQLite and
 * PostgreSQL), JSON is text, flags are 0/1 integers. Only the ever-growing logs (events, audit,
 * outbox) use the database's own increasing integer ids, because readers page through them in
 * order.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  contacts: ContactsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  followUps: FollowUpsTable;
  escalations: EscalationsTable;
  goodwillOffers: GoodwillOffersTable;
  settings: SettingsTable;
  auditLog: AuditLogTable;
  events: EventsTable;
  outbox: OutboxTable;
  signInFailures: SignInFailuresTable;
  outgoingMessages: OutgoingMessagesTable;
  emailMessages: EmailMessagesTable;
  emailThreads: EmailThreadsTable;
  messageSignals: MessageSignalsTable;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string;
  createdAt: string;
  disabled: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's secret: a stolen database holds no usable session. */
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ContactsTable {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  /** GoodwillCustomer facts as JSON, e.g. lifetime value. */
  profile: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationsTable {
  id: string;
  externalId: string;
  contactId: string;
  channel: string;
  subject: string | null;
  status: string;
  assigneeId: string | null;
  temperature: number;
  peakTemperature: number;
  /** JSON array of the last customer temperatures, newest last: the trend reads them. */
  recentTemperatures: string;
  trend: string;
  /** When the oldest customer message still waiting for an answer came in; null when answered. */
  awaitingSince: string | null;
  /** The earliest due time of its open follow-ups. */
  nextDueAt: string | null;
  /**
   * When the oldest promise missed and not answered since fell due: set by the follow-up clock
   * as it marks a promise missed, cleared by the next message the agent sends the customer.
   * Null when no missed promise is waiting.
   */
  oldestMissedAt: string | null;
  /**
   * The customer's oldest question still open after the agent's last reply (clipped), read by
   * core's listening each time an agent message is stored; null when none is open.
   */
  openQuestion: string | null;
  /** When the customer asked `openQuestion`: the inbox ranks the oldest first. */
  openQuestionAt: string | null;
  escalated: number;
  lastMessageAt: string;
  messageCount: number;
  /** The last analyzeConversation result (playbook state, next action) as JSON; '' when never computed. */
  analysis: string;
  /** 1 when messages came in since `analysis` was computed: it is refreshed on the next read. */
  analysisStale: number;
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessagesTable {
  id: string;
  externalId: string | null;
  conversationId: string;
  direction: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  sentAt: string;
  receivedAt: string;
  temperature: number | null;
  /** The stored analyzeMessage result (customer messages) or the commitments (agent messages), JSON. */
  analysis: string;
}

export interface FollowUpsTable {
  id: string;
  conversationId: string;
  contactId: string;
  messageId: string;
  ownerId: string | null;
  kind: string;
  text: string;
  dueAt: string;
  /** pending, due (coming due soon), kept, missed. */
  status: string;
  /** The message that kept it, when kept. */
  keptByMessageId: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface EscalationsTable {
  id: string;
  conversationId: string;
  reason: string;
  summary: string;
  requestedBy: string | null;
  /** The supervisor who took it over. */
  ownerId: string | null;
  /** open, accepted, returned, resolved. */
  status: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GoodwillOffersTable {
  id: string;
  conversationId: string;
  kind: string;
  value: number;
  unit: string;
  currencyValue: number;
  label: string;
  reason: string | null;
  /** approved (within the proposer's limit, or approved by a supervisor), pending, rejected. */
  status: string;
  /** Who must approve it: supervisor or admin; null when it was within the proposer's limit. */
  approverRole: string | null;
  proposedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updatedAt: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details: string;
}

export interface EventsTable {
  id: Generated<number>;
  at: string;
  type: string;
  conversationId: string | null;
  payload: string;
}

export interface OutboxTable {
  id: Generated<number>;
  eventId: number | null;
  kind: string;
  body: string;
  /** pending, delivered, failed (gave up after the last attempt). */
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/**
 * What must reach a customer's channel (a reply, a note, a status or assignee change), one row
 * each, queued in the transaction that stored the change and delivered by the channels' worker
 * (channels/deliver-outgoing.ts).
 */
export interface OutgoingMessagesTable {
  id: Generated<number>;
  conversationId: string;
  /** The stored message it carries; null for a status or assignee change. */
  messageId: string | null;
  /** The sender that delivers it: chatwoot, email, generic. */
  channel: string;
  /** reply, note, status, assignment. */
  kind: string;
  /** What the sender needs, JSON (channels/outgoing-item.ts), captured when it was queued. */
  payload: string;
  /** queued, sending (leased by one worker until next_attempt_at), sent, failed. */
  state: string;
  attempts: number;
  /** When it is next tried; while sending, when the worker's lease runs out. */
  nextAttemptAt: string;
  /** Why the last attempt did not deliver it (kept while it is retried, and once it failed). */
  lastError: string | null;
  /** 1 when an attempt may have reached the channel without our hearing so (a timeout, a crash). */
  inDoubt: number;
  /** The channel's id for what it created (Chatwoot: chatwoot:<account>:message:<id>). */
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

/**
 * Every email the email channel received or sent, by Message-ID (channels/email/): replies find
 * their conversation through it, and a mail read again after a crash is recognised.
 */
export interface EmailMessagesTable {
  /** The Message-ID header without angle brackets. */
  messageId: string;
  /** Null for an auto-reply or bounce that belongs to no known conversation. */
  conversationId: string | null;
  /** The stored message it became; null when it was not analysed (auto-reply, bounce). */
  calmdeskMessageId: string | null;
  /** incoming or outgoing. */
  direction: string;
  /** customer, auto_reply, bounce (incoming); reply (outgoing). */
  kind: string;
  /** Why an incoming mail was not analysed (the header that marks it), else null. */
  note: string | null;
  fromAddress: string | null;
  subject: string;
  /** Attachments listed as JSON [{filename, contentType, size}]; their content is not kept. */
  attachments: string;
  createdAt: string;
  /** Outgoing: when the mail server accepted it; null before. */
  sentAt: string | null;
}

/** A conversation's subject token ("[#CD-XXXXXXXX]"), for replies that kept only the subject. */
export interface EmailThreadsTable {
  token: string;
  conversationId: string;
}

/**
 * Failed sign-ins in the last window (people/login-limiter.ts), one row for the address and one
 * for the account of each failure; older rows are deleted as new failures arrive.
 */
export interface SignInFailuresTable {
  /** address or account. */
  kind: string;
  /** The client's address, or the lowercased email tried. */
  key: string;
  failedAt: string;
}

/**
 * The signs read in each customer message, one row per message and kind (issue 16), written with
 * the message: insights count them by kind and week with SQL, never reading analyses again.
 */
export interface MessageSignalsTable {
  messageId: string;
  conversationId: string;
  /** A core SignalKind: shouting, threat, repeated_contact... */
  kind: string;
  /** How many times the sign appears in the message. */
  strength: number;
  /** When the message was sent. */
  at: string;
}
export type MessageSignalRow = MessageSignalsTable;
