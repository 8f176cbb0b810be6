import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationPatch, Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  externalIds,
  ids,
  message,
  seedContact,
  seedConversation,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
  user,
} from './store-contract.test-helper.js';

/*
 * The store contract: contacts, conversations and messages, and the inbox listings of
 * conversations. Each test runs on SQLite and on a real PostgreSQL (see ./store-contract.test-
 * helper.ts).
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

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

    it('sorts by urgency: missed promises, escalated, promises due soon, hottest, longest waiting', async () => {
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
        // A missed promise outranks everything, even when the conversation is cool.
        ['missed-recent', { oldestMissedAt: at(-20), temperature: 5 }],
        ['missed-older', { oldestMissedAt: at(-90), nextDueAt: at(60), status: 'pending' }],
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
        'missed-older',
        'missed-recent',
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
      expect(externalIds(all).slice(0, 4)).toEqual([
        'missed-older',
        'missed-recent',
        'closed-escalated',
        'escalated',
      ]);
      expect(await store.countConversations(['open', 'pending'])).toBe(10);
      expect(await store.countConversations(['closed'])).toBe(1);
      expect(await store.countConversations()).toBe(11);
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
});

skipPostgresWhenAbsent();
