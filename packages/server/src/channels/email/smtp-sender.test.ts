import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../http/test-app.test-helper.js';
import type { OutgoingItem } from '../outgoing-item.js';
import { IngestMessage } from '../../contract/index.js';
import { readEmail } from './read-email.js';
import { createSmtpSender, parseEmailFrom, replyMessageId } from './smtp-sender.js';
import { storeIncomingEmail } from './store-incoming-email.js';

// The SMTP sender without a mail server: nodemailer's stream transport hands back the raw mail
// it would have sent, and a failing transport stands in for a server that refuses.

let t: TestApp;
let conversationId: string;
beforeEach(async () => {
  t = await createTestApp({ people: false });
  const raw = await new MailComposer({
    from: 'Ines Duarte <ines@customer.test>',
    to: 'support@calmdesk.test',
    subject: 'Locked out',
    messageId: '<locked-1@customer.test>',
    text: 'I have been locked out of my account for two days.',
  })
    .compile()
    .build();
  const stored = await storeIncomingEmail(await readEmail(raw), {
    store: t.calmdesk.store,
    ingest: t.calmdesk.services.ingest,
    now: t.clock.now,
  });
  if (stored.kind !== 'stored') throw new Error('not stored');
  conversationId = stored.conversationId;
  const conversation = await t.calmdesk.store.getConversation(conversationId);
  // The agent's replies the items carry: stored messages, as the outbox's are.
  for (const id of ['msg-1', 'msg-2']) {
    const reply = await t.calmdesk.services.ingest.ingestOne(
      IngestMessage.parse({
        externalId: `agent-${id}`,
        contact: { externalId: 'email:ines@customer.test' },
        conversation: { externalId: conversation!.externalId, channel: 'email' },
        direction: 'outgoing',
        text: 'Looking into it.',
      }),
      null,
      'test',
    );
    messageIds[id] = reply.messageId;
  }
});
const messageIds: Record<string, string> = {};
afterEach(() => t.close());

function item(text: string, overrides: Partial<OutgoingItem> = {}): OutgoingItem {
  return {
    id: 1,
    kind: 'reply',
    conversation: {
      id: conversationId,
      externalId: 'email:x',
      channel: 'email',
      subject: 'Locked out',
    },
    contact: {
      id: 'c',
      externalId: 'email:ines@customer.test',
      name: 'Ines Duarte',
      email: 'ines@customer.test',
    },
    message: {
      id: messageIds['msg-1']!,
      text,
      authorId: 'u',
      authorName: 'Tomas Berg',
      authorEmail: null,
    },
    attempt: 1,
    inDoubt: false,
    createdAt: t.clock.now().toISOString(),
    ...overrides,
  };
}

function capturingTransport(): { transport: Transporter; sent: Buffer[] } {
  const sent: Buffer[] = [];
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const send = transport.sendMail.bind(transport);
  transport.sendMail = (async (mail: SendMailOptions) => {
    const info = (await send(mail)) as unknown as { message: Buffer };
    sent.push(info.message);
    return info;
  }) as typeof transport.sendMail;
  return { transport, sent };
}

const from = parseEmailFrom('Acme Support <help@acme.test>')!;

describe('the SMTP sender', () => {
  it('replies from the team address with the agent name, threaded, text and escaped HTML', async () => {
    const { transport, sent } = capturingTransport();
    const sender = createSmtpSender({
      url: 'smtp://127.0.0.1:1',
      from,
      store: t.calmdesk.store,
      now: t.clock.now,
      transport,
    });
    const outcome = await sender.send(
      item('Unlocked now, Ines. <script>alert(1)</script>'),
      new AbortController().signal,
    );
    expect(outcome).toEqual({
      kind: 'sent',
      externalId: `email:${replyMessageId(messageIds['msg-1']!, 'help@acme.test')}`,
    });
    expect(sent).toHaveLength(1);
    const mail = await readEmail(sent[0]!);
    const raw = sent[0]!.toString('utf8');
    expect(mail.from).toEqual({ address: 'help@acme.test', name: 'Tomas Berg (Acme Support)' });
    expect(raw).toMatch(/^To: Ines Duarte <ines@customer\.test>/m);
    expect(mail.subject).toMatch(/^Re: Locked out \[#CD-[A-Z0-9]{8}\]$/);
    expect(raw).toMatch(/^In-Reply-To: <locked-1@customer\.test>/m);
    expect(mail.parents).toEqual(['locked-1@customer.test']);
    const html = (await simpleParser(sent[0]!)).html;
    expect(html).toContain('Unlocked now, Ines. &lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('does not send again an attempt in doubt that the server had accepted', async () => {
    const { transport, sent } = capturingTransport();
    const sender = createSmtpSender({
      url: 'smtp://127.0.0.1:1',
      from,
      store: t.calmdesk.store,
      now: t.clock.now,
      transport,
    });
    await sender.send(item('First and only copy.'), new AbortController().signal);
    const again = await sender.send(
      item('First and only copy.', { attempt: 2, inDoubt: true }),
      new AbortController().signal,
    );
    expect(again.kind).toBe('sent');
    expect(sent).toHaveLength(1);
  });

  it('fails a reply the server refuses for good, and retries one it refuses for now', async () => {
    const refusing = (responseCode: number) =>
      ({
        sendMail: () =>
          Promise.reject(
            Object.assign(new Error('refused'), {
              responseCode,
              response: `${responseCode} refused`,
            }),
          ),
        verify: () => Promise.resolve(true),
        close: () => undefined,
      }) as unknown as Transporter;
    const forGood = createSmtpSender({
      url: 'smtp://127.0.0.1:1',
      from,
      store: t.calmdesk.store,
      now: t.clock.now,
      transport: refusing(550),
    });
    expect((await forGood.send(item('A'), new AbortController().signal)).kind).toBe('failed');
    const forNow = createSmtpSender({
      url: 'smtp://127.0.0.1:1',
      from,
      store: t.calmdesk.store,
      now: t.clock.now,
      transport: refusing(451),
    });
    const outcome = await forNow.send(
      item('B', {
        message: {
          id: messageIds['msg-2']!,
          text: 'B',
          authorId: null,
          authorName: null,
          authorEmail: null,
        },
      }),
      new AbortController().signal,
    );
    expect(outcome.kind).toBe('retry');
    expect(forNow.status().state).toBe('error');
  });

  it('fails at once when the customer has no address to reply to', async () => {
    const { transport, sent } = capturingTransport();
    const sender = createSmtpSender({
      url: 'smtp://127.0.0.1:1',
      from,
      store: t.calmdesk.store,
      now: t.clock.now,
      transport,
    });
    const outcome = await sender.send(
      item('Hello', { contact: { id: 'c', externalId: 'x', name: null, email: null } }),
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(sent).toHaveLength(0);
  });
});
