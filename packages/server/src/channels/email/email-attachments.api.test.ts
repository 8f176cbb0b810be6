import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, message, type TestApp } from '../../http/test-app.test-helper.js';
import { readEmail } from './read-email.js';
import { storeIncomingEmail } from './store-incoming-email.js';

// What an agent sees of a mail's attachments through the API: their names, types and sizes on the
// message they came with, never their content, and nothing new on other channels' messages.

type ComposeOptions = ConstructorParameters<typeof MailComposer>[0];

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function receive(options: ComposeOptions): Promise<string> {
  const raw = await new MailComposer({
    from: 'Ines Duarte <ines@customer.test>',
    to: 'support@calmdesk.test',
    ...options,
  })
    .compile()
    .build();
  const outcome = await storeIncomingEmail(await readEmail(raw), {
    store: t.calmdesk.store,
    ingest: t.calmdesk.services.ingest,
    now: t.clock.now,
  });
  if (outcome.kind !== 'stored') throw new Error(`not stored: ${outcome.kind}`);
  return outcome.conversationId;
}

describe('GET /api/v1/conversations/:id, email attachments', () => {
  it('lists each mail’s attachments on its message, for an agent and a token alike', async () => {
    const hostileName = '<img src=x onerror=alert(1)>.pdf';
    const id = await receive({
      messageId: '<first@customer.test>',
      subject: 'Wrong invoice',
      text: 'The invoice is wrong, see attached.',
      attachments: [
        { filename: 'bill.pdf', content: Buffer.alloc(3000), contentType: 'application/pdf' },
        { filename: hostileName, content: Buffer.alloc(10), contentType: 'application/pdf' },
      ],
    });
    t.clock.advance(60_000);
    await receive({
      messageId: '<second@customer.test>',
      references: ['<first@customer.test>'],
      subject: 'Re: Wrong invoice',
      text: 'Any news?',
    });

    for (const as of ['agent', 'token'] as const) {
      const res = await t.call('GET', `/api/v1/conversations/${id}`, { as });
      expect(res.status).toBe(200);
      const messages = res.json.messages as { text: string; attachments?: unknown }[];
      expect(messages).toHaveLength(2);
      expect(messages[0]?.attachments).toEqual([
        { filename: 'bill.pdf', contentType: 'application/pdf', size: 3000 },
        { filename: hostileName, contentType: 'application/pdf', size: 10 },
      ]);
      // A mail without attachments carries no list.
      expect(messages[1]).not.toHaveProperty('attachments');
    }
    expect((await t.call('GET', `/api/v1/conversations/${id}`)).status).toBe(401);
  });

  it('leaves messages of other channels as they were', async () => {
    const ingested = await t.call('POST', '/api/v1/messages', { as: 'token', body: message() });
    expect(ingested.status).toBeLessThan(300);
    const id = ingested.json.conversationId as string;
    const res = await t.call('GET', `/api/v1/conversations/${id}`, { as: 'agent' });
    expect(res.status).toBe(200);
    expect(res.json.messages[0]).not.toHaveProperty('attachments');
  });
});
