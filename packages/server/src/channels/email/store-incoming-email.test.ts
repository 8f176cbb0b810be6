import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../http/test-app.test-helper.js';
import { readEmail } from './read-email.js';
import { storeIncomingEmail } from './store-incoming-email.js';

// Threading and idempotency without mail servers: mails composed here go straight to the store.

type ComposeOptions = ConstructorParameters<typeof MailComposer>[0];

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ people: false });
});
afterEach(() => t.close());

async function receive(options: ComposeOptions) {
  const raw = await new MailComposer({
    from: 'Lena Okafor <lena@customer.test>',
    to: 'support@calmdesk.test',
    ...options,
  })
    .compile()
    .build();
  return storeIncomingEmail(await readEmail(raw), {
    store: t.calmdesk.store,
    ingest: t.calmdesk.services.ingest,
    now: t.clock.now,
  });
}

async function messagesOf(conversationId: string) {
  return t.calmdesk.store.listMessages(conversationId);
}

describe('storeIncomingEmail', () => {
  it('puts a reply in the conversation its References name, with the quote left out', async () => {
    const first = await receive({
      messageId: '<order-1@customer.test>',
      subject: 'Charged twice',
      text: 'You charged my card twice for one order. Refund the second charge.',
    });
    expect(first.kind).toBe('stored');
    t.clock.advance(60_000);
    const second = await receive({
      messageId: '<order-2@customer.test>',
      subject: 'Re: Charged twice',
      inReplyTo: '<some-agent-reply@calmdesk.test>',
      references: ['<order-1@customer.test>', '<some-agent-reply@calmdesk.test>'],
      text: 'Still waiting.\n\nOn Tue, 8 Dec 2026 at 09:00, Lena Okafor <lena@customer.test> wrote:\n> You charged my card twice for one order.\n',
    });
    expect(second.kind).toBe('stored');
    if (first.kind !== 'stored' || second.kind !== 'stored') return;
    expect(second.conversationId).toBe(first.conversationId);
    const texts = (await messagesOf(first.conversationId)).map((m) => m.text);
    expect(texts).toEqual([
      'You charged my card twice for one order. Refund the second charge.',
      'Still waiting.',
    ]);
  });

  it('starts a new conversation for a new mail from the same customer', async () => {
    const a = await receive({ subject: 'Charged twice', text: 'Refund the second charge.' });
    const b = await receive({ subject: 'Address change', text: 'Please update my address.' });
    if (a.kind !== 'stored' || b.kind !== 'stored') throw new Error('not stored');
    expect(b.conversationId).not.toBe(a.conversationId);
    const conversation = await t.calmdesk.store.getConversation(a.conversationId);
    expect(conversation?.channel).toBe('email');
    expect(conversation?.subject).toBe('Charged twice');
  });

  it('stores a mail read twice once (a crash after storing, before it was flagged seen)', async () => {
    const mail = {
      messageId: '<twice@customer.test>',
      subject: 'Broken',
      text: 'It broke again!!',
    };
    const first = await receive(mail);
    expect(await receive(mail)).toEqual({ kind: 'duplicate' });
    if (first.kind !== 'stored') throw new Error('not stored');
    expect(await messagesOf(first.conversationId)).toHaveLength(1);
  });

  it('records an out-of-office answer against its conversation without analysing it', async () => {
    const first = await receive({ messageId: '<q-1@customer.test>', text: 'Where is my parcel?' });
    if (first.kind !== 'stored') throw new Error('not stored');
    const away = await receive({
      headers: { 'Auto-Submitted': 'auto-replied' },
      inReplyTo: '<q-1@customer.test>',
      references: ['<q-1@customer.test>'],
      subject: 'Out of office',
      text: 'I AM AWAY UNTIL MONDAY!!! URGENT matters: call the office.',
    });
    expect(away).toMatchObject({ kind: 'skipped', conversationId: first.conversationId });
    expect(await messagesOf(first.conversationId)).toHaveLength(1);
    const conversation = await t.calmdesk.store.getConversation(first.conversationId);
    expect(conversation?.temperature).toBe(first.temperature ?? 0);
  });

  it('keeps the attachment list, and a mail with only attachments still reaches the agent', async () => {
    const stored = await receive({
      messageId: '<photo@customer.test>',
      attachments: [
        { filename: 'dent.png', content: Buffer.alloc(2048), contentType: 'image/png' },
      ],
    });
    if (stored.kind !== 'stored') throw new Error('not stored');
    const [message] = await messagesOf(stored.conversationId);
    expect(message?.text).toContain('dent.png');
    const email = await t.calmdesk.store.getEmail('photo@customer.test');
    expect(JSON.parse(email!.attachments)).toEqual([
      { filename: 'dent.png', contentType: 'image/png', size: 2048 },
    ]);
  });
});
