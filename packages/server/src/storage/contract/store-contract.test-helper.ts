import { describe, it } from 'vitest';
import type {
  ApiTokenRow,
  ContactRow,
  ConversationPatch,
  ConversationRow,
  EscalationRow,
  FollowUpRow,
  GoodwillOfferRow,
  MessageRow,
  SessionRow,
  Store,
  StoredEvent,
  StoreOps,
  UserRow,
} from '../store.js';
import { POSTGRES_DRIVER, SQLITE_DRIVER, shouldRunPostgres } from '../test-stores.test-helper.js';

/*
 * One contract, two databases: every test of ./*.contract.test.ts runs on SQLite and on a real
 * PostgreSQL, so the service sees the same behaviour whichever the team deploys. Each test gets a
 * fresh, migrated database. Times are ISO 8601 UTC strings, as the store keeps them. This file
 * holds what the parts of the contract share: the drivers, full rows and seeding.
 */

const runPostgres = await shouldRunPostgres();

/** The drivers each contract file runs on: SQLite always, PostgreSQL when it answers. */
export const drivers = runPostgres ? [SQLITE_DRIVER, POSTGRES_DRIVER] : [SQLITE_DRIVER];

/** Without PostgreSQL, a skipped test in each contract file says so (CI=true fails instead). */
export function skipPostgresWhenAbsent(): void {
  if (!runPostgres)
    describe('store contract: postgres', () => {
      it.skip('skipped: no PostgreSQL server (see the warning above)', () => {});
    });
}

export const T0 = '2026-11-27T10:00:00.000Z';

/** T0 moved by `minutes` (negative: earlier). */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

// --- full rows ---------------------------------------------------------------------------------

export function user(id: string, overrides: Partial<UserRow> = {}): UserRow {
  return {
    id,
    email: `${id}@example.com`,
    name: `User ${id}`,
    role: 'agent',
    passwordHash: `hash-${id}`,
    createdAt: T0,
    disabled: 0,
    ...overrides,
  };
}

export function session(
  idHash: string,
  userId: string,
  overrides: Partial<SessionRow> = {},
): SessionRow {
  return {
    idHash,
    userId,
    csrfToken: `csrf-${idHash}`,
    createdAt: T0,
    expiresAt: at(60),
    ...overrides,
  };
}

export function apiToken(
  id: string,
  userId: string,
  overrides: Partial<ApiTokenRow> = {},
): ApiTokenRow {
  return {
    id,
    userId,
    name: `token ${id}`,
    tokenHash: `token-hash-${id}`,
    createdAt: T0,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function message(
  id: string,
  conversationId: string,
  overrides: Partial<MessageRow> = {},
): MessageRow {
  return {
    id,
    externalId: `ext-${id}`,
    conversationId,
    direction: 'in',
    authorId: null,
    authorName: 'Customer',
    text: `text of ${id}`,
    sentAt: T0,
    receivedAt: T0,
    temperature: 40,
    analysis: '{}',
    ...overrides,
  };
}

export function followUp(
  id: string,
  thread: Thread,
  overrides: Partial<FollowUpRow> = {},
): FollowUpRow {
  return {
    id,
    conversationId: thread.conversation.id,
    contactId: thread.contact.id,
    messageId: thread.message.id,
    ownerId: null,
    kind: 'callback',
    text: `promise ${id}`,
    dueAt: at(60),
    status: 'pending',
    keptByMessageId: null,
    closedAt: null,
    createdAt: at(-120),
    ...overrides,
  };
}

export function escalation(
  id: string,
  conversationId: string,
  overrides: Partial<EscalationRow> = {},
): EscalationRow {
  return {
    id,
    conversationId,
    reason: 'abusive',
    summary: `summary of ${id}`,
    requestedBy: null,
    ownerId: null,
    status: 'open',
    note: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function goodwillOffer(
  id: string,
  conversationId: string,
  proposedBy: string,
  overrides: Partial<GoodwillOfferRow> = {},
): GoodwillOfferRow {
  return {
    id,
    conversationId,
    kind: 'refund',
    value: 10,
    unit: 'percent',
    currencyValue: 12.5,
    label: '10% refund',
    reason: null,
    status: 'approved',
    approverRole: null,
    proposedBy,
    decidedBy: null,
    decisionNote: null,
    createdAt: T0,
    decidedAt: null,
    ...overrides,
  };
}

// --- seeding -------------------------------------------------------------------------------------

export interface Thread {
  contact: ContactRow;
  conversation: ConversationRow;
  message: MessageRow;
}

/** A contact with one conversation holding one message: what follow-ups hang off. */
export async function seedThread(ops: StoreOps, key: string): Promise<Thread> {
  const contact = await ops.upsertContact({
    externalId: `contact-${key}`,
    name: `Contact ${key}`,
    email: null,
    now: T0,
  });
  const { conversation } = await ops.upsertConversation({
    externalId: `conversation-${key}`,
    contactId: contact.id,
    channel: 'email',
    subject: `Subject ${key}`,
    now: T0,
  });
  const { message: stored } = await ops.insertMessage(message(`m-${key}`, conversation.id));
  return { contact, conversation, message: stored };
}

/** A conversation created at `createdAt`, then patched into the state a test needs. */
export async function seedConversation(
  store: Store,
  contactId: string,
  externalId: string,
  createdAt: string,
  patch: ConversationPatch = {},
): Promise<ConversationRow> {
  const { conversation } = await store.upsertConversation({
    externalId,
    contactId,
    channel: 'chat',
    subject: null,
    now: createdAt,
  });
  await store.updateConversation(conversation.id, patch);
  const updated = await store.getConversation(conversation.id);
  if (updated === undefined) throw new Error(`conversation ${externalId} vanished`);
  return updated;
}

export async function seedContact(store: Store): Promise<ContactRow> {
  return store.upsertContact({ externalId: 'contact-main', name: 'Main', email: null, now: T0 });
}

/** The external ids of conversations, in the order given: what an inbox shows. */
export function externalIds(rows: readonly ConversationRow[]): string[] {
  return rows.map((r) => r.externalId);
}

export function ids(rows: readonly { id: string }[]): string[] {
  return rows.map((r) => r.id);
}

/** Collects the events a store's subscribers hear. */
export function listen(store: Store): { events: StoredEvent[]; stop: () => void } {
  const events: StoredEvent[] = [];
  const stop = store.subscribe((event) => events.push(event));
  return { events, stop };
}
