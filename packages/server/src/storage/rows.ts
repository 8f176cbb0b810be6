import type { Selectable } from 'kysely';
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
  OutgoingMessagesTable,
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
export type OutgoingMessageRow = Selectable<OutgoingMessagesTable>;

/** An event as subscribers receive it: its payload parsed. */
export interface StoredEvent {
  id: number;
  at: string;
  type: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
}
