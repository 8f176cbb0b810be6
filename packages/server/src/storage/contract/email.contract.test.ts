import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailMessageRow } from '../../channels/email/email-queries.js';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
} from './store-contract.test-helper.js';

/*
 * The store contract for the email channel (issue 14): each mail is kept once by its Message-ID,
 * even when two readers record it at once (two instances, or a fetch again after a crash); a
 * reply finds its conversation by In-Reply-To/References, else by the subject token; auto-replies
 * and bounces are kept, with why, and tied to no analysed message. Each test runs on SQLite and
 * on a real PostgreSQL.
 */

function email(
  messageId: string,
  conversationId: string | null,
  overrides: Partial<EmailMessageRow> = {},
): EmailMessageRow {
  return {
    messageId,
    conversationId,
    calmdeskMessageId: null,
    direction: 'incoming',
    kind: 'customer',
    note: null,
    fromAddress: 'customer@example.com',
    subject: `subject of ${messageId}`,
    attachments: '[]',
    createdAt: T0,
    sentAt: null,
    ...overrides,
  };
}

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('emails', () => {
    it('stores a mail recorded twice once, keeping the first record', async () => {
      const a = await seedThread(store, 'a');
      const first = email('m1@mail.example', a.conversation.id, { subject: 'first' });
      expect(await store.recordEmail(first)).toBe(true);
      const again = email('m1@mail.example', null, { subject: 'second', createdAt: at(5) });
      expect(await store.recordEmail(again)).toBe(false);
      expect(await store.getEmail('m1@mail.example')).toEqual(first);
      expect(await store.listEmailThread(a.conversation.id)).toEqual([first]);
    });

    it('stores a mail once when two records of it race', async () => {
      const a = await seedThread(store, 'a');
      const ids = Array.from({ length: 4 }, (_, i) => `race-${i}@mail.example`);
      const results = await Promise.all(
        ids.flatMap((id) => [
          store.recordEmail(email(id, a.conversation.id)),
          store.recordEmail(email(id, a.conversation.id, { createdAt: at(1) })),
        ]),
      );
      expect(results.filter(Boolean)).toHaveLength(ids.length);
      const thread = await store.listEmailThread(a.conversation.id);
      expect(thread.map((r) => r.messageId).sort()).toEqual([...ids].sort());
    });

    it('finds a reply’s conversation by its newest known In-Reply-To/References', async () => {
      const a = await seedThread(store, 'a');
      const b = await seedThread(store, 'b');
      await store.recordEmail(email('old@a', a.conversation.id, { createdAt: at(1) }));
      await store.recordEmail(email('new@b', b.conversation.id, { createdAt: at(3) }));
      await store.recordEmail(email('mid@a', a.conversation.id, { createdAt: at(2) }));

      const found = await store.findEmailConversation(['unknown@x', 'old@a', 'new@b'], null);
      expect(found).toEqual({
        conversationId: b.conversation.id,
        externalId: b.conversation.externalId,
        subject: b.conversation.subject,
        answersMailOf: at(3),
      });
      const onlyA = await store.findEmailConversation(['old@a', 'mid@a'], null);
      expect(onlyA?.conversationId).toBe(a.conversation.id);
      expect(onlyA?.answersMailOf).toBe(at(2));
      expect(await store.findEmailConversation(['unknown@x'], null)).toBeUndefined();
      expect(await store.findEmailConversation([], null)).toBeUndefined();
    });

    it('finds a conversation by its subject token when no Message-ID is known', async () => {
      const a = await seedThread(store, 'a');
      const b = await seedThread(store, 'b');
      await store.recordEmailThread(a.conversation.id, 'CD-AAAA1111');
      await store.recordEmailThread(b.conversation.id, 'CD-BBBB2222');
      // A token is kept for the conversation that took it first.
      await store.recordEmailThread(b.conversation.id, 'CD-AAAA1111');

      const empty = await store.findEmailConversation(['unknown@x'], 'CD-AAAA1111');
      expect(empty).toMatchObject({ conversationId: a.conversation.id, answersMailOf: null });

      await store.recordEmail(email('a1@a', a.conversation.id, { createdAt: at(1) }));
      await store.recordEmail(email('a2@a', a.conversation.id, { createdAt: at(4) }));
      expect(await store.findEmailConversation([], 'CD-AAAA1111')).toEqual({
        conversationId: a.conversation.id,
        externalId: a.conversation.externalId,
        subject: a.conversation.subject,
        answersMailOf: at(4),
      });
      // A known Message-ID wins over the token.
      await store.recordEmail(email('b1@b', b.conversation.id, { createdAt: at(2) }));
      const both = await store.findEmailConversation(['b1@b'], 'CD-AAAA1111');
      expect(both?.conversationId).toBe(b.conversation.id);
      expect(await store.findEmailConversation([], 'CD-NOPE0000')).toBeUndefined();
    });

    it('keeps skipped auto-replies and bounces, with why, even outside any conversation', async () => {
      const a = await seedThread(store, 'a');
      const autoReply = email('auto@a', a.conversation.id, {
        kind: 'auto_reply',
        note: 'auto-reply (Auto-Submitted: auto-replied)',
        createdAt: at(1),
      });
      const bounce = email('bounce@nowhere', null, {
        kind: 'bounce',
        note: 'bounce (delivery status notification)',
        fromAddress: null,
      });
      expect(await store.recordEmail(autoReply)).toBe(true);
      expect(await store.recordEmail(bounce)).toBe(true);
      expect(await store.recordEmail(bounce)).toBe(false);

      expect(await store.getEmail('bounce@nowhere')).toEqual(bounce);
      expect(await store.listEmailThread(a.conversation.id)).toEqual([autoReply]);
      // A skipped mail still threads: a customer's answer to it lands in its conversation.
      const found = await store.findEmailConversation(['auto@a'], null);
      expect(found?.conversationId).toBe(a.conversation.id);
      expect(await store.findEmailConversation(['bounce@nowhere'], null)).toBeUndefined();
    });

    it('lists a conversation’s mails oldest first and notes a send once', async () => {
      const a = await seedThread(store, 'a');
      const reply = email('reply@calmdesk', a.conversation.id, {
        direction: 'outgoing',
        kind: 'reply',
        createdAt: at(2),
      });
      await store.recordEmail(reply);
      await store.recordEmail(email('in@a', a.conversation.id, { createdAt: at(1) }));
      await store.markEmailSent('reply@calmdesk', at(3));
      await store.markEmailSent('reply@calmdesk', at(9));
      const thread = await store.listEmailThread(a.conversation.id);
      expect(thread.map((r) => [r.messageId, r.sentAt])).toEqual([
        ['in@a', null],
        ['reply@calmdesk', at(3)],
      ]);
    });
  });
});

skipPostgresWhenAbsent();
