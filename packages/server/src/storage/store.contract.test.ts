import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from './schema.js';
import { notifyPayload } from './sql-store.js';
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
} from './store.js';
import {
  POSTGRES_DRIVER,
  SQLITE_DRIVER,
  shouldRunPostgres,
  type TestStore,
} from './test-stores.test-helper.js';

/*
 * One contract, two databases: every test here runs on SQLite and on a real PostgreSQL, so the
 * service sees the same behaviour whichever the team deploys. Each test gets a fresh, migrated
 * database. Times are ISO 8601 UTC strings, as the store keeps them.
 */

const runPostgres = await shouldRunPostgres();
const drivers = runPostgres ? [SQLITE_DRIVER, POSTGRES_DRIVER] : [SQLITE_DRIVER];

const T0 = '2026-11-27T10:00:00.000Z';

/** T0 moved by `minutes` (negative: earlier). */
function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

// --- full rows ---------------------------------------------------------------------------------

function user(id: string, overrides: Partial<UserRow> = {}): UserRow {
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

function session(idHash: string, userId: string, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    idHash,
    userId,
    csrfToken: `csrf-${idHash}`,
    createdAt: T0,
    expiresAt: at(60),
    ...overrides,
  };
}

function apiToken(id: string, userId: string, overrides: Partial<ApiTokenRow> = {}): ApiTokenRow {
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

function message(
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

function followUp(id: string, thread: Thread, overrides: Partial<FollowUpRow> = {}): FollowUpRow {
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

function escalation(
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

function goodwillOffer(
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

interface Thread {
  contact: ContactRow;
  conversation: ConversationRow;
  message: MessageRow;
}

/** A contact with one conversation holding one message: what follow-ups hang off. */
async function seedThread(ops: StoreOps, key: string): Promise<Thread> {
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
async function seedConversation(
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

async function seedContact(store: Store): Promise<ContactRow> {
  return store.upsertContact({ externalId: 'contact-main', name: 'Main', email: null, now: T0 });
}

/** The external ids of conversations, in the order given: what an inbox shows. */
function externalIds(rows: readonly ConversationRow[]): string[] {
  return rows.map((r) => r.externalId);
}

function ids(rows: readonly { id: string }[]): string[] {
  return rows.map((r) => r.id);
}

/** Collects the events a store's subscribers hear. */
function listen(store: Store): { events: StoredEvent[]; stop: () => void } {
  const events: StoredEvent[] = [];
  const stop = store.subscribe((event) => events.push(event));
  return { events, stop };
}

// --- the contract ------------------------------------------------------------------------------

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('people', () => {
    it('finds a user by id and by exact email, lists and counts users', async () => {
      expect(await store.countUsers()).toBe(0);
      const ana = user('ana', { email: 'ana@example.com', role: 'admin' });
      const bo = user('bo', { createdAt: at(5), disabled: 1 });
      await store.insertUser(ana);
      await store.insertUser(bo);

      expect(await store.getUser('ana')).toEqual(ana);
      expect(await store.getUserByEmail('ana@example.com')).toEqual(ana);
      expect(await store.getUser('nobody')).toBeUndefined();
      expect(await store.getUserByEmail('nobody@example.com')).toBeUndefined();
      expect(await store.countUsers()).toBe(2);
      expect(await store.listUsers()).toEqual([ana, bo]);
    });

    it('rejects a second user with the same email and changes nothing', async () => {
      const ana = user('ana', { email: 'ana@example.com' });
      await store.insertUser(ana);
      await expect(
        store.insertUser(user('impostor', { email: 'ana@example.com', name: 'Impostor' })),
      ).rejects.toThrow();

      expect(await store.countUsers()).toBe(1);
      expect(await store.getUser('impostor')).toBeUndefined();
      expect(await store.getUserByEmail('ana@example.com')).toEqual(ana);
    });

    it('returns a session until it expires, and never after it is deleted', async () => {
      await store.insertUser(user('ana'));
      const live = session('live', 'ana', { expiresAt: at(30) });
      await store.insertSession(live);
      await store.insertSession(session('stale', 'ana', { expiresAt: at(-1) }));

      expect(await store.getSessionUser('live', T0)).toEqual({
        csrfToken: live.csrfToken,
        user: user('ana'),
      });
      expect(await store.getSessionUser('live', at(30))).toBeUndefined(); // expired at that instant
      expect(await store.getSessionUser('stale', T0)).toBeUndefined();
      expect(await store.getSessionUser('unknown', T0)).toBeUndefined();

      await store.deleteSession('live');
      expect(await store.getSessionUser('live', T0)).toBeUndefined();
    });

    it('finds an api token by hash until revoked; only its owner can revoke it', async () => {
      await store.insertUser(user('ana'));
      await store.insertUser(user('bo'));
      const token = apiToken('t1', 'ana');
      await store.insertApiToken(token);
      await store.insertApiToken(apiToken('t2', 'ana', { createdAt: at(1) }));

      expect(await store.getApiTokenUser('token-hash-t1')).toEqual({
        tokenId: token.id,
        tokenLastUsedAt: token.lastUsedAt,
        user: user('ana'),
      });
      expect(ids(await store.listApiTokens('ana'))).toEqual(['t2', 't1']); // newest first
      expect(await store.listApiTokens('bo')).toEqual([]);

      await store.touchApiToken('t1', at(2));
      expect((await store.getApiTokenUser('token-hash-t1'))?.tokenLastUsedAt).toBe(at(2));

      expect(await store.revokeApiToken('t1', 'bo', at(3))).toBe(false);
      expect(await store.getApiTokenUser('token-hash-t1')).toBeDefined();

      expect(await store.revokeApiToken('t1', 'ana', at(4))).toBe(true);
      expect(await store.getApiTokenUser('token-hash-t1')).toBeUndefined();
      expect(await store.revokeApiToken('t1', 'ana', at(5))).toBe(false); // already revoked
      const listed = await store.listApiTokens('ana');
      expect(listed.find((r) => r.id === 't1')?.revokedAt).toBe(at(4));
      expect(await store.getApiTokenUser('token-hash-t2')).toBeDefined();
    });
  });

  describe('contacts, conversations and messages', () => {
    it('upserts a contact by external id: fills a missing name, never overwrites one', async () => {
      const first = await store.upsertContact({
        externalId: 'c-1',
        name: null,
        email: 'first@example.com',
        now: T0,
      });
      expect(first).toMatchObject({ externalId: 'c-1', name: null, email: 'first@example.com' });
      expect(first.profile).toBe('{}');

      const named = await store.upsertContact({
        externalId: 'c-1',
        name: 'Rosa',
        email: 'second@example.com',
        now: at(1),
      });
      expect(named.id).toBe(first.id);
      expect(named.name).toBe('Rosa');
      expect(named.email).toBe('first@example.com');

      const renamed = await store.upsertContact({
        externalId: 'c-1',
        name: 'Someone Else',
        email: null,
        now: at(2),
      });
      expect(renamed.id).toBe(first.id);
      expect(renamed.name).toBe('Rosa');
      expect(await store.getContact(first.id)).toEqual(renamed);

      await store.updateContactProfile(first.id, '{"lifetimeValue":300}', at(3));
      expect(await store.getContact(first.id)).toMatchObject({
        profile: '{"lifetimeValue":300}',
        updatedAt: at(3),
      });
    });

    it('upserts a conversation by external id: created once, then the same one', async () => {
      const contact = await seedContact(store);
      const input = {
        externalId: 'conv-1',
        contactId: contact.id,
        channel: 'email',
        subject: 'Broken order',
        now: T0,
      };
      const first = await store.upsertConversation(input);
      expect(first.created).toBe(true);
      expect(first.conversation).toMatchObject({
        externalId: 'conv-1',
        contactId: contact.id,
        status: 'open',
        assigneeId: null,
        escalated: 0,
        createdAt: T0,
      });

      const again = await store.upsertConversation({ ...input, subject: 'Other', now: at(5) });
      expect(again.created).toBe(false);
      expect(again.conversation).toEqual(first.conversation);
      expect(await store.getConversationByExternalId('conv-1')).toEqual(first.conversation);
      expect(await store.lockConversation(first.conversation.id)).toEqual(first.conversation);
      expect(await store.countConversations()).toBe(1);
    });

    it('inserts a message once per external id; the first one wins', async () => {
      const { conversation } = await seedThread(store, 'a');
      const original = message('m-1', conversation.id, { externalId: 'x-1', text: 'first' });
      expect(await store.insertMessage(original)).toEqual({ message: original, inserted: true });

      const retry = await store.insertMessage(
        message('m-2', conversation.id, { externalId: 'x-1', text: 'second' }),
      );
      expect(retry.inserted).toBe(false);
      expect(retry.message.id).toBe('m-1');
      expect(retry.message.text).toBe('first');
      expect(await store.getMessage('m-2')).toBeUndefined();

      const messages = await store.listMessages(conversation.id);
      expect(messages.filter((m) => m.externalId === 'x-1')).toEqual([original]);
    });

    it('always inserts messages without an external id and lists them by sent time', async () => {
      const { conversation, message: seeded } = await seedThread(store, 'a');
      const late = message('late', conversation.id, { externalId: null, sentAt: at(30) });
      const early = message('early', conversation.id, { externalId: null, sentAt: at(-30) });
      const middle = message('middle', conversation.id, { externalId: null, sentAt: at(10) });
      for (const m of [late, early, middle]) {
        expect((await store.insertMessage(m)).inserted).toBe(true);
      }
      // Same text, no external id: still a separate message.
      const twin = message('twin', conversation.id, {
        externalId: null,
        text: middle.text,
        sentAt: at(10),
        receivedAt: at(11),
      });
      expect(await store.insertMessage(twin)).toEqual({ message: twin, inserted: true });

      expect(ids(await store.listMessages(conversation.id))).toEqual([
        'early',
        seeded.id,
        'middle',
        'twin',
        'late',
      ]);
      expect(await store.getMessage('early')).toEqual(early);
    });
    it('inserts many messages at once: new ones stored, repeats answered with the first', async () => {
      const { conversation } = await seedThread(store, 'a');
      const before = message('old', conversation.id, {
        externalId: 'dup-1',
        text: 'stored before',
      });
      await store.insertMessage(before);
      // 450 rows: more than one statement's worth, with repeats of an old and a new id.
      const batch = Array.from({ length: 450 }, (_, i) =>
        message(`b-${i}`, conversation.id, { externalId: `batch-${i}`, sentAt: at(i) }),
      );
      batch[100] = message('b-100', conversation.id, { externalId: 'dup-1', text: 'again' });
      batch[300] = message('b-300', conversation.id, { externalId: 'batch-5', text: 'repeat' });
      batch[400] = message('b-400', conversation.id, { externalId: null });
      const results = await store.insertMessages(batch);
      expect(results).toHaveLength(450);
      expect(results.filter((r) => r.inserted)).toHaveLength(448);
      expect(results[100]).toEqual({ message: before, inserted: false });
      expect(results[300]?.inserted).toBe(false);
      expect(results[300]?.message.id).toBe('b-5');
      expect(results[400]).toEqual({ message: batch[400], inserted: true });
      const stored = await store.listMessages(conversation.id);
      expect(stored).toHaveLength(1 + 1 + 448);
      expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
    });
    it('upserts many contacts and conversations at once, creating only the new ones', async () => {
      const first = await store.upsertContact({
        externalId: 'k-0',
        name: 'Known',
        email: null,
        now: T0,
      });
      const contacts = await store.upsertContacts(
        Array.from({ length: 250 }, (_, i) => ({
          externalId: `k-${i}`,
          name: i === 0 ? 'Renamed' : `Contact ${i}`,
          email: `k${i}@example.com`,
          now: T0,
        })),
      );
      expect(contacts).toHaveLength(250);
      const known = contacts.find((c) => c.externalId === 'k-0');
      // Same id, name kept, missing email filled in.
      expect(known).toMatchObject({ id: first.id, name: 'Known', email: 'k0@example.com' });

      const existing = await seedConversation(store, first.id, 'conv-0', T0);
      const result = await store.upsertConversations(
        contacts.map((c, i) => ({
          externalId: `conv-${i}`,
          contactId: c.id,
          channel: 'email',
          subject: null,
          now: T0,
        })),
      );
      expect(result.conversations).toHaveLength(250);
      expect(result.created.size).toBe(249);
      expect(result.created.has(existing.id)).toBe(false);
      expect(result.conversations.find((c) => c.externalId === 'conv-0')?.id).toBe(existing.id);
      const again = await store.upsertConversations([
        { externalId: 'conv-7', contactId: first.id, channel: 'chat', subject: null, now: T0 },
      ]);
      expect(again.created.size).toBe(0);
      expect(again.conversations[0]?.channel).toBe('email');
    });
  });

  describe('listing conversations', () => {
    it('sorts by temperature (hottest first) and by age (oldest first)', async () => {
      const contact = await seedContact(store);
      await seedConversation(store, contact.id, 'cool', T0, { temperature: 20 });
      await seedConversation(store, contact.id, 'hot', at(1), { temperature: 80 });
      await seedConversation(store, contact.id, 'warm-old', at(2), {
        temperature: 50,
        lastMessageAt: at(3),
      });
      await seedConversation(store, contact.id, 'warm-new', at(3), {
        temperature: 50,
        lastMessageAt: at(9),
      });

      const page = { limit: 10, offset: 0 };
      expect(externalIds(await store.listConversations({ sort: 'temperature', ...page }))).toEqual([
        'hot',
        'warm-new',
        'warm-old',
        'cool',
      ]);
      expect(externalIds(await store.listConversations({ sort: 'age', ...page }))).toEqual([
        'cool',
        'hot',
        'warm-old',
        'warm-new',
      ]);
    });

    it('sorts by urgency: escalated, promises due soon, hottest, longest waiting', async () => {
      const contact = await seedContact(store);
      const rows: [string, ConversationPatch][] = [
        ['hot', { temperature: 90 }],
        ['waiting-short', { awaitingSince: at(-30), temperature: 99 }],
        ['due-later', { nextDueAt: at(30), status: 'pending' }],
        ['lukewarm', { temperature: 40 }],
        ['due-soon-waiting', { nextDueAt: at(10), awaitingSince: at(-5) }],
        ['escalated', { escalated: 1, temperature: 10 }],
        ['waiting-long', { awaitingSince: at(-60) }],
        ['due-soon-waiting-longer', { nextDueAt: at(10), awaitingSince: at(-50) }],
        ['closed-escalated', { escalated: 1, status: 'closed', nextDueAt: at(-100) }],
      ];
      for (const [i, [name, patch]] of rows.entries()) {
        await seedConversation(store, contact.id, name, at(i), patch);
      }

      const open = await store.listConversations({
        sort: 'urgency',
        statuses: ['open', 'pending'],
        dueSoonBefore: at(15),
        limit: 20,
        offset: 0,
      });
      expect(externalIds(open)).toEqual([
        'escalated',
        'due-soon-waiting-longer',
        'due-soon-waiting',
        'waiting-short',
        'hot',
        'lukewarm',
        'waiting-long',
        'due-later',
      ]);
      const all = await store.listConversations({
        sort: 'urgency',
        dueSoonBefore: at(15),
        limit: 20,
        offset: 0,
      });
      expect(externalIds(all).slice(0, 2)).toEqual(['closed-escalated', 'escalated']);
      expect(await store.countConversations(['open', 'pending'])).toBe(8);
      expect(await store.countConversations(['closed'])).toBe(1);
      expect(await store.countConversations()).toBe(9);
    });

    it('filters by assignee (null: unassigned), escalation and contact, and pages', async () => {
      await store.insertUser(user('ana'));
      await store.insertUser(user('bo'));
      const contact = await seedContact(store);
      const other = await store.upsertContact({
        externalId: 'contact-other',
        name: null,
        email: null,
        now: T0,
      });
      await seedConversation(store, contact.id, 'ana-1', T0, { assigneeId: 'ana' });
      await seedConversation(store, contact.id, 'bo-1', at(1), { assigneeId: 'bo' });
      await seedConversation(store, contact.id, 'free-1', at(2));
      await seedConversation(store, other.id, 'free-2', at(3), { escalated: 1 });
      await seedConversation(store, contact.id, 'ana-2', at(4), { assigneeId: 'ana' });

      const list = (q: Partial<Parameters<Store['listConversations']>[0]>) =>
        store
          .listConversations({ sort: 'age', limit: 10, offset: 0, ...q })
          .then((rows) => externalIds(rows));
      expect(await list({ assigneeId: null })).toEqual(['free-1', 'free-2']);
      expect(await list({ assigneeId: 'ana' })).toEqual(['ana-1', 'ana-2']);
      expect(await list({ escalated: true })).toEqual(['free-2']);
      expect(await list({ escalated: false, assigneeId: null })).toEqual(['free-1']);
      expect(await list({ contactId: other.id })).toEqual(['free-2']);
      expect(await list({ limit: 2, offset: 1 })).toEqual(['bo-1', 'free-1']);
      expect(await list({ limit: 2, offset: 4 })).toEqual(['ana-2']);
      expect(await list({ limit: 2, offset: 5 })).toEqual([]);
    });
    it('finds the snoozed conversations whose snooze has run out, soonest first', async () => {
      const contact = await seedContact(store);
      await seedConversation(store, contact.id, 'late', T0, {
        status: 'snoozed',
        snoozedUntil: at(-5),
      });
      await seedConversation(store, contact.id, 'early', T0, {
        status: 'snoozed',
        snoozedUntil: at(-50),
      });
      await seedConversation(store, contact.id, 'future', T0, {
        status: 'snoozed',
        snoozedUntil: at(50),
      });
      await seedConversation(store, contact.id, 'open', T0, {
        status: 'open',
        snoozedUntil: at(-50),
      });
      expect(externalIds(await store.listWokenSnoozed(T0, 10))).toEqual(['early', 'late']);
      expect(externalIds(await store.listWokenSnoozed(T0, 1))).toEqual(['early']);
    });
  });

  describe('follow-ups', () => {
    it('claims only follow-ups due in the given statuses, oldest due first', async () => {
      const thread = await seedThread(store, 'a');
      await store.insertFollowUp(followUp('late', thread, { dueAt: at(-10) }));
      await store.insertFollowUp(followUp('later', thread, { dueAt: at(30) }));
      await store.insertFollowUp(followUp('oldest', thread, { dueAt: at(-30), status: 'due' }));
      await store.insertFollowUp(followUp('kept', thread, { dueAt: at(-60), status: 'kept' }));
      await store.insertFollowUp(followUp('on-time', thread, { dueAt: T0 }));

      expect(ids(await store.claimFollowUps(['pending', 'due'], T0, 10))).toEqual([
        'oldest',
        'late',
        'on-time',
      ]);
      expect(ids(await store.claimFollowUps(['pending', 'due'], T0, 1))).toEqual(['oldest']);
      expect(ids(await store.claimFollowUps(['pending'], T0, 10))).toEqual(['late', 'on-time']);
      expect(await store.claimFollowUps(['pending', 'due'], at(-100), 10)).toEqual([]);

      await store.updateFollowUp('oldest', {
        status: 'kept',
        keptByMessageId: thread.message.id,
        closedAt: T0,
      });
      expect(await store.getFollowUp('oldest')).toEqual(
        followUp('oldest', thread, {
          dueAt: at(-30),
          status: 'kept',
          keptByMessageId: thread.message.id,
          closedAt: T0,
        }),
      );
      expect(ids(await store.claimFollowUps(['pending', 'due'], T0, 10))).toEqual([
        'late',
        'on-time',
      ]);
      expect(
        ids(await store.listFollowUps({ conversationId: thread.conversation.id, limit: 10 })),
      ).toEqual(['kept', 'oldest', 'late', 'on-time', 'later']);
    });

    it('finds the open follow-ups of a contact made before a time, due from a time', async () => {
      const thread = await seedThread(store, 'a');
      const elsewhere = await seedThread(store, 'b');
      const rows = [
        followUp('open', thread, { createdAt: at(-120), dueAt: at(60) }),
        followUp('due-now', thread, { createdAt: at(-60), dueAt: T0, status: 'due' }),
        followUp('made-now', thread, { createdAt: T0, dueAt: at(60) }),
        followUp('overdue', thread, { createdAt: at(-120), dueAt: at(-1) }),
        followUp('kept', thread, { createdAt: at(-120), dueAt: at(60), status: 'kept' }),
        followUp('missed', thread, { createdAt: at(-120), dueAt: at(60), status: 'missed' }),
        followUp('other-contact', elsewhere, { createdAt: at(-120), dueAt: at(60) }),
      ];
      for (const row of rows) await store.insertFollowUp(row);

      const found = await store.openFollowUpsOfContact(thread.contact.id, T0, T0);
      expect(ids(found).sort()).toEqual(['due-now', 'open']);
      expect(found.find((f) => f.id === 'open')).toEqual(rows[0]);
    });

    it('reports the earliest due time of a conversation’s open follow-ups', async () => {
      const thread = await seedThread(store, 'a');
      const quiet = await seedThread(store, 'b');
      await store.insertFollowUp(followUp('later', thread, { dueAt: at(60) }));
      await store.insertFollowUp(followUp('soon', thread, { dueAt: at(5), status: 'due' }));
      await store.insertFollowUp(followUp('kept', thread, { dueAt: at(-5), status: 'kept' }));

      expect(await store.nextDueOf(thread.conversation.id)).toBe(at(5));
      await store.updateFollowUp('soon', { status: 'missed', closedAt: at(6) });
      expect(await store.nextDueOf(thread.conversation.id)).toBe(at(60));
      expect(await store.nextDueOf(quiet.conversation.id)).toBeNull();
    });
  });

  describe('escalations and goodwill', () => {
    it('stores escalations, updates them and lists them by status, newest first', async () => {
      await store.insertUser(user('sup', { role: 'supervisor' }));
      const { conversation } = await seedThread(store, 'a');
      const first = escalation('e1', conversation.id, { requestedBy: 'sup' });
      await store.insertEscalation(first);
      await store.insertEscalation(escalation('e2', conversation.id, { createdAt: at(1) }));
      await store.insertEscalation(
        escalation('e3', conversation.id, { createdAt: at(2), status: 'resolved' }),
      );

      expect(await store.getEscalation('e1')).toEqual(first);
      expect(await store.getEscalation('nope')).toBeUndefined();
      expect(ids(await store.listEscalations({ statuses: ['open'], limit: 10 }))).toEqual([
        'e2',
        'e1',
      ]);

      await store.updateEscalation('e1', {
        status: 'accepted',
        ownerId: 'sup',
        note: 'on it',
        updatedAt: at(5),
      });
      expect(await store.getEscalation('e1')).toEqual({
        ...first,
        status: 'accepted',
        ownerId: 'sup',
        note: 'on it',
        updatedAt: at(5),
      });
      expect(ids(await store.listEscalations({ statuses: ['open'], limit: 10 }))).toEqual(['e2']);
      expect(
        ids(await store.listEscalations({ statuses: ['accepted', 'resolved'], limit: 10 })),
      ).toEqual(['e3', 'e1']);
      expect(
        ids(await store.listEscalations({ conversationId: conversation.id, limit: 2 })),
      ).toEqual(['e3', 'e2']);
    });

    it('stores goodwill offers, records decisions and lists them by status', async () => {
      await store.insertUser(user('agent'));
      await store.insertUser(user('sup', { role: 'supervisor' }));
      const { conversation } = await seedThread(store, 'a');
      const pending = goodwillOffer('g1', conversation.id, 'agent', {
        status: 'pending',
        approverRole: 'supervisor',
        reason: 'order lost twice',
        value: 25.5,
        currencyValue: 31.75,
      });
      await store.insertGoodwillOffer(pending);
      await store.insertGoodwillOffer(
        goodwillOffer('g2', conversation.id, 'agent', { createdAt: at(1) }),
      );

      expect(await store.getGoodwillOffer('g1')).toEqual(pending);
      expect(ids(await store.listGoodwillOffers({ statuses: ['pending'], limit: 10 }))).toEqual([
        'g1',
      ]);

      await store.updateGoodwillOffer('g1', {
        status: 'rejected',
        decidedBy: 'sup',
        decisionNote: 'too much',
        decidedAt: at(2),
      });
      expect(await store.getGoodwillOffer('g1')).toEqual({
        ...pending,
        status: 'rejected',
        decidedBy: 'sup',
        decisionNote: 'too much',
        decidedAt: at(2),
      });
      expect(await store.listGoodwillOffers({ statuses: ['pending'], limit: 10 })).toEqual([]);
      expect(
        ids(await store.listGoodwillOffers({ conversationId: conversation.id, limit: 10 })),
      ).toEqual(['g2', 'g1']);
    });

    it('sums the goodwill approved (decided) since a date, and nothing else', async () => {
      await store.insertUser(user('agent'));
      const { conversation } = await seedThread(store, 'a');
      const offer = (id: string, o: Partial<GoodwillOfferRow>) =>
        store.insertGoodwillOffer(goodwillOffer(id, conversation.id, 'agent', o));
      const monthStart = '2026-11-01T00:00:00.000Z';

      expect(await store.goodwillSpentSince(monthStart)).toBe(0);
      await offer('last-month', { currencyValue: 100, decidedAt: '2026-10-31T23:59:59.999Z' });
      // Proposed last month, approved this month: it counts against this month's budget.
      await offer('approved-late', {
        currencyValue: 4,
        createdAt: '2026-10-20T10:00:00.000Z',
        decidedAt: T0,
      });
      await offer('first-instant', { currencyValue: 10.25, decidedAt: monthStart });
      await offer('later', { currencyValue: 5.5, decidedAt: T0 });
      await offer('pending', { currencyValue: 1000, status: 'pending', createdAt: T0 });
      await offer('rejected', { currencyValue: 1000, status: 'rejected', createdAt: T0 });

      expect(await store.goodwillSpentSince(monthStart)).toBe(19.75);
      expect(await store.goodwillSpentSince('2026-10-01T00:00:00.000Z')).toBe(119.75);
      expect(await store.goodwillSpentSince('2026-12-01T00:00:00.000Z')).toBe(0);
    });
  });

  describe('settings and audit', () => {
    it('keeps the last value put for a setting', async () => {
      expect(await store.getSetting('budget')).toBeUndefined();
      await store.putSetting('budget', '500', T0);
      await store.putSetting('budget', '750', at(1));
      await store.putSetting('tone', 'warm', at(1));
      expect(await store.getSetting('budget')).toBe('750');
      expect(await store.getSetting('tone')).toBe('warm');
    });

    it('lists the audit log newest first and pages back through it', async () => {
      for (let i = 1; i <= 4; i++) {
        await store.appendAudit({
          at: at(i),
          actorId: i === 1 ? null : 'ana',
          action: `action-${i}`,
          entity: 'conversation',
          entityId: `c-${i}`,
          details: `{"n":${i}}`,
        });
      }
      const newest = await store.listAudit(3);
      expect(newest.map((r) => r.action)).toEqual(['action-4', 'action-3', 'action-2']);
      expect(newest[0]).toMatchObject({
        at: at(4),
        actorId: 'ana',
        entity: 'conversation',
        entityId: 'c-4',
        details: '{"n":4}',
      });
      expect(typeof newest[0]?.id).toBe('number');
      const older = await store.listAudit(3, newest[2]?.id);
      expect(older.map((r) => r.action)).toEqual(['action-1']);
      expect(older[0]?.actorId).toBeNull();
    });

    it('rejects any UPDATE or DELETE of the audit log in the database itself', async () => {
      await store.appendAudit({ at: T0, action: 'login', entity: 'user', details: '{}' });
      const db = (store as unknown as { db: Kysely<Database> }).db;

      await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
      const rows = await store.listAudit(10);
      expect(rows.map((r) => r.action)).toEqual(['login']);
    });
  });

  describe('transactions and events', () => {
    it('rolls back a failed transaction: no rows stay, its events are never heard', async () => {
      const heard = listen(store);
      await expect(
        store.transaction(async (tx) => {
          await tx.insertUser(user('ana'));
          await tx.putSetting('budget', '500', T0);
          await tx.emit('conversation.updated', null, { doomed: true }, T0);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      expect(await store.countUsers()).toBe(0);
      expect(await store.getSetting('budget')).toBeUndefined();
      expect(await store.listEventsAfter(0, 10)).toEqual([]);

      // Events arrive in commit order, so once this one is heard the doomed one never will be.
      const marker = await store.emit('marker', null, {}, at(1));
      await vi.waitFor(() => expect(heard.events.map((e) => e.id)).toContain(marker.id));
      expect(heard.events).toEqual([marker]);
      heard.stop();
    });

    it('delivers a committed transaction’s events to subscribers, after the commit', async () => {
      const heard = listen(store);
      const emitted = await store.transaction(async (tx) => {
        await tx.insertUser(user('ana'));
        const first = await tx.emit('user.created', null, { userId: 'ana' }, T0);
        const second = await tx.emit('setting.changed', 'conv-1', { key: 'x', n: 2 }, at(1));
        expect(heard.events).toEqual([]);
        return [first, second];
      });
      expect(emitted[0]).toEqual({
        id: emitted[0]?.id,
        at: T0,
        type: 'user.created',
        conversationId: null,
        payload: { userId: 'ana' },
      });

      await vi.waitFor(() => expect(heard.events).toHaveLength(2));
      expect(heard.events).toEqual(emitted);
      expect(await store.getUser('ana')).toBeDefined();

      // An unsubscribed listener hears nothing more.
      heard.stop();
      const later = listen(store);
      const last = await store.emit('after', null, {}, at(2));
      await vi.waitFor(() => expect(later.events).toEqual([last]));
      expect(heard.events).toHaveLength(2);
      later.stop();
    });

    it('pages through events in id order and reports the last id', async () => {
      expect(await store.lastEventId()).toBe(0);
      expect(await store.listEventsAfter(0, 10)).toEqual([]);
      const emitted: StoredEvent[] = [];
      for (let i = 0; i < 5; i++) {
        emitted.push(await store.emit(`type-${i}`, i % 2 === 0 ? `conv-${i}` : null, { i }, at(i)));
      }
      const eventIds = emitted.map((e) => e.id);
      expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds);

      const firstPage = await store.listEventsAfter(0, 2);
      expect(firstPage).toEqual(emitted.slice(0, 2));
      const secondPage = await store.listEventsAfter(firstPage[1]?.id ?? -1, 2);
      expect(secondPage).toEqual(emitted.slice(2, 4));
      expect(await store.listEventsAfter(secondPage[1]?.id ?? -1, 2)).toEqual(emitted.slice(4));
      expect(await store.listEventsAfter(eventIds[4] ?? -1, 2)).toEqual([]);
      expect(await store.lastEventId()).toBe(eventIds[4]);
    });
    it('emits many events in one go, in order, heard after commit', async () => {
      const heard = listen(store);
      const many = Array.from({ length: 250 }, (_, i) => ({
        type: i % 2 === 0 ? 'message.created' : 'conversation.temperature',
        conversationId: `c-${i}`,
        payload: { n: i },
      }));
      const stored = await store.transaction((tx) => tx.emitMany(many, T0));
      expect(stored.map((e) => e.payload.n)).toEqual(many.map((e) => e.payload.n));
      expect(stored.map((e) => e.id)).toEqual([...stored.map((e) => e.id)].sort((a, b) => a - b));
      const after = await store.listEventsAfter(0, 1000);
      expect(after.map((e) => [e.id, e.type, e.payload.n])).toEqual(
        stored.map((e) => [e.id, e.type, e.payload.n]),
      );
      await vi.waitFor(() => expect(heard.events).toHaveLength(250));
      expect(heard.events.map((e) => e.payload.n)).toEqual(many.map((e) => e.payload.n));
      heard.stop();
    });
  });

  describe('outbox', () => {
    it('leases claimed deliveries until the lease ends; delivered ones are never claimed', async () => {
      const event = await store.emit('conversation.escalated', 'c-1', {}, T0);
      await store.enqueueOutbox('webhook', '{"n":1}', event.id, T0);
      await store.enqueueOutbox('webhook', '{"n":2}', null, T0);
      await store.enqueueOutbox('webhook', '{"n":3}', null, at(10)); // not due until T0+10

      const claimed = await store.claimOutbox(at(1), at(6), 10);
      expect(claimed.map((r) => r.body)).toEqual(['{"n":1}', '{"n":2}']);
      expect(claimed[0]).toMatchObject({
        eventId: event.id,
        kind: 'webhook',
        status: 'pending',
        attempts: 0,
        createdAt: T0,
        lastError: null,
        deliveredAt: null,
      });
      const [first, second] = claimed;
      if (first === undefined || second === undefined) throw new Error('nothing claimed');

      // Leased: nobody else takes them until the lease has run out.
      expect(await store.claimOutbox(at(2), at(7), 10)).toEqual([]);

      await store.updateOutbox(first.id, { status: 'delivered', attempts: 1, deliveredAt: at(3) });
      expect((await store.claimOutbox(at(7), at(12), 10)).map((r) => r.id)).toEqual([second.id]);

      await store.updateOutbox(second.id, {
        attempts: 1,
        lastError: 'HTTP 503',
        nextAttemptAt: at(20),
      });
      expect((await store.claimOutbox(at(13), at(30), 10)).map((r) => r.body)).toEqual(['{"n":3}']);
      expect((await store.claimOutbox(at(20), at(25), 10)).map((r) => r.id)).toEqual([second.id]);

      const all = await store.listOutbox(10);
      expect(all.map((r) => r.status)).toEqual(['delivered', 'pending', 'pending']);
      expect(all[0]).toMatchObject({ id: first.id, attempts: 1, deliveredAt: at(3) });
      expect(all[1]).toMatchObject({ attempts: 1, lastError: 'HTTP 503' });
    });

    it('never hands the same delivery to two claims running at once', async () => {
      for (let i = 0; i < 6; i++) await store.enqueueOutbox('webhook', `{"n":${i}}`, null, T0);
      const claims = await Promise.all([
        store.claimOutbox(at(1), at(6), 10),
        store.claimOutbox(at(1), at(6), 10),
        store.claimOutbox(at(1), at(6), 10),
      ]);
      const claimedIds = claims.flat().map((r) => r.id);
      expect(claimedIds).toHaveLength(6);
      expect(new Set(claimedIds).size).toBe(6);
    });
  });

  describe('the team view', () => {
    it('counts heated work in hand, de-escalations and promises per enabled agent and supervisor', async () => {
      await store.insertUser(user('ana', { name: 'Ana' }));
      await store.insertUser(user('bo', { name: 'Bo', role: 'supervisor' }));
      await store.insertUser(user('eve', { name: 'Eve' }));
      await store.insertUser(user('cy', { name: 'Cy', disabled: 1 }));
      await store.insertUser(user('dee', { name: 'Dee', role: 'admin' }));
      const contact = await seedContact(store);
      const conversation = (key: string, patch: ConversationPatch) =>
        seedConversation(store, contact.id, key, T0, { subject: `Subject ${key}`, ...patch });
      const ana = (key: string, status: string, temperature: number, peak = temperature) =>
        conversation(key, { assigneeId: 'ana', status, temperature, peakTemperature: peak });

      // Ana: six heated in hand (60 counts: at the threshold), the five hottest named.
      const h1 = await ana('h1', 'open', 80, 90); // fell exactly 10 below its peak: calmed
      await ana('h2', 'pending', 60);
      const h3 = await ana('h3', 'open', 64);
      const h4 = await ana('h4', 'open', 63);
      const h5 = await ana('h5', 'open', 62);
      const h6 = await ana('h6', 'pending', 61);
      await ana('mild', 'open', 50, 59); // upset, fell 9: not calmed; not heated
      await ana('done', 'resolved', 20, 70); // upset, calmed; not in hand
      await ana('later', 'snoozed', 95); // upset; not in hand
      // Bo: never upset. Cy (disabled) and Dee (admin) are not listed; nor is the unassigned one.
      await conversation('bo-1', { assigneeId: 'bo', temperature: 59, peakTemperature: 44 });
      await conversation('cy-1', { assigneeId: 'cy', temperature: 90, peakTemperature: 90 });
      await conversation('dee-1', { assigneeId: 'dee', temperature: 90, peakTemperature: 90 });
      await conversation('nobody', { temperature: 99, peakTemperature: 99 });

      const thread = await seedThread(store, 'promises');
      const promise = (id: string, ownerId: string, status: string) =>
        store.insertFollowUp(followUp(id, thread, { ownerId, status }));
      await promise('k1', 'ana', 'kept');
      await promise('k2', 'ana', 'kept');
      await promise('m1', 'ana', 'missed');
      await promise('p1', 'ana', 'pending');
      await promise('d1', 'ana', 'due');
      await promise('m2', 'bo', 'missed');
      await promise('x1', 'cy', 'kept');

      const options = {
        heatedTemperature: 60,
        upsetTemperature: 45,
        minTemperatureFall: 10,
        hottest: 5,
      };
      const team = await store.teamStats(options);
      const hot = (c: ConversationRow) => ({
        id: c.id,
        subject: c.subject,
        temperature: c.temperature,
      });
      expect(team).toEqual([
        {
          user: { id: 'ana', name: 'Ana', role: 'agent' },
          openHeated: 6,
          hottest: [h1, h3, h4, h5, h6].map(hot),
          upset: 9,
          calmed: 2,
          promises: { kept: 2, missed: 1, pending: 2 },
        },
        {
          user: { id: 'bo', name: 'Bo', role: 'supervisor' },
          openHeated: 0,
          hottest: [],
          upset: 0,
          calmed: 0,
          promises: { kept: 0, missed: 1, pending: 0 },
        },
        {
          user: { id: 'eve', name: 'Eve', role: 'agent' },
          openHeated: 0,
          hottest: [],
          upset: 0,
          calmed: 0,
          promises: { kept: 0, missed: 0, pending: 0 },
        },
      ]);

      // Thresholds between whole temperatures count as the next one up.
      const stricter = await store.teamStats({
        ...options,
        heatedTemperature: 63.5,
        minTemperatureFall: 9.5,
        hottest: 1,
      });
      expect(stricter[0]).toMatchObject({ openHeated: 2, hottest: [hot(h1)], calmed: 2 });
      expect(await store.transaction((tx) => tx.teamStats(options))).toEqual(team);
    });
  });

  describe('PostgreSQL only', () => {
    it.runIf(driver.name === 'postgres')(
      'gives two open transactions disjoint follow-ups to claim (SKIP LOCKED)',
      async () => {
        const thread = await seedThread(store, 'a');
        for (let i = 0; i < 4; i++) {
          await store.insertFollowUp(followUp(`f${i}`, thread, { dueAt: at(-10 * (4 - i)) }));
        }
        await store.transaction(async (a) => {
          const claimedByA = await a.claimFollowUps(['pending'], T0, 2);
          expect(ids(claimedByA)).toEqual(['f0', 'f1']);
          // A still holds its rows: B, running meanwhile, skips them instead of waiting.
          const claimedByB = await store.transaction((b) => b.claimFollowUps(['pending'], T0, 10));
          expect(ids(claimedByB)).toEqual(['f2', 'f3']);
        });
        // Once A has ended, its rows are free again.
        expect(ids(await store.claimFollowUps(['pending'], T0, 10))).toEqual([
          'f0',
          'f1',
          'f2',
          'f3',
        ]);
      },
    );

    it.runIf(driver.name === 'postgres')(
      'delivers an event too large for NOTIFY to subscribers (it travels as its id)',
      async () => {
        const heard = listen(store);
        const payload = { text: 'ä'.repeat(5_000), note: 'big' }; // 10,000+ bytes of UTF-8
        const event = await store.transaction((tx) =>
          tx.emit('message.received', 'c-1', payload, T0),
        );
        expect(Buffer.byteLength(JSON.stringify(event))).toBeGreaterThan(8_000);
        expect(notifyPayload(event)).toBe(JSON.stringify({ id: event.id }));

        await vi.waitFor(() => expect(heard.events).toHaveLength(1));
        expect(heard.events[0]).toEqual(event);
        heard.stop();
      },
    );
  });
});

if (!runPostgres)
  describe('store contract: postgres', () => {
    it.skip('skipped: no PostgreSQL server (see the warning above)', () => {});
  });
