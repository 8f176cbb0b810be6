import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { startCalmdesk, type RunningCalmdesk } from '../../server.js';
import {
  eventually,
  freshAddress,
  imapUrlFor,
  readMailbox,
  sendMail,
  shouldRunMail,
  TEST_SMTP_URL,
} from './mail-servers.test-helper.js';
import { readEmail } from './read-email.js';

// Against the real Dovecot and Postfix that scripts/start-mail.sh starts: a customer writes to
// the support mailbox, Calmdesk reads and analyses it, an agent replies through the API, and the
// customer's mailbox receives the reply threaded under their mail.

const runMail = await shouldRunMail();

interface Started {
  calmdesk: RunningCalmdesk;
  token: string;
  dir: string;
  support: string;
}

async function start(imapPassword?: string): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-email-'));
  const support = freshAddress('support', 'calmdesk.test');
  const config = loadConfig(
    {},
    {
      dataDir: dir,
      port: 0,
      logLevel: 'silent',
      schedulerIntervalMs: 100,
      imapUrl: imapUrlFor(support, imapPassword),
      smtpUrl: TEST_SMTP_URL,
      emailFrom: `Northwind Support <${support}>`,
    },
  );
  const calmdesk = await startCalmdesk(config, {
    log: { info: () => undefined, error: () => undefined },
  });
  const agent = await calmdesk.services.people.createUser(
    { email: 'priya@example.com', name: 'Priya Raman', role: 'agent', password: 'correct horse 1' },
    null,
  );
  const { token } = await calmdesk.services.people.createApiToken(agent, 'email test');
  return { calmdesk, token, dir, support };
}

async function api(s: Started, method: string, path: string, body?: unknown) {
  const response = await fetch(`${s.calmdesk.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${s.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** The email conversations in the inbox, with their messages. */
async function emailConversations(s: Started) {
  const list = await api(s, 'GET', '/api/v1/conversations?limit=100');
  const out = [];
  for (const c of list.json.conversations as { id: string; channel: string }[]) {
    if (c.channel !== 'email') continue;
    out.push((await api(s, 'GET', `/api/v1/conversations/${c.id}`)).json);
  }
  return out;
}

describe.runIf(runMail)('the email channel against Dovecot and Postfix', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start();
  }, 60_000);
  afterAll(async () => {
    await s.calmdesk.close();
    rmSync(s.dir, { recursive: true, force: true });
  }, 90_000);

  it('reads a customer mail, sends the reply threaded, and threads their answer back', async () => {
    const customer = freshAddress('dana', 'customer.test');
    const firstId = `<first-${crypto.randomUUID()}@customer.test>`;
    await sendMail({
      from: `Dana Whitfield <${customer}>`,
      to: s.support,
      subject: 'Order 55120 arrived broken',
      messageId: firstId,
      text: 'This is the THIRD time I am writing!!! The blender arrived smashed again and nobody answers. I want my money back or I will dispute the charge.',
    });

    const detail = await eventually(async () => {
      const found = await emailConversations(s);
      return found.find((d) => d.contact?.email === customer);
    }, 'the customer mail to be analysed');
    expect(detail.conversation.subject).toBe('Order 55120 arrived broken');
    expect(detail.contact.name).toBe('Dana Whitfield');
    expect(detail.messages).toHaveLength(1);
    const incoming = detail.messages[0];
    expect(incoming.direction).toBe('incoming');
    expect(incoming.temperature).toBeGreaterThan(50);
    // The mailbox keeps the mail, flagged seen once Calmdesk stored it.
    const conversationId: string = detail.conversation.id;

    const reply = await api(s, 'POST', `/api/v1/conversations/${conversationId}/replies`, {
      text: "Dana, I'm so sorry the replacement arrived broken too.\n\nI have refunded the full £89 today; you will see it within 3 working days.",
    });
    expect(reply.status).toBe(201);

    const received = await eventually(async () => {
      const mails = await readMailbox(customer);
      return mails.length > 0 ? mails : undefined;
    }, 'the reply in the customer mailbox');
    expect(received).toHaveLength(1);
    const answer = await readEmail(received[0]!.source);
    const raw = received[0]!.source.toString('utf8');
    expect(answer.from).toEqual({ address: s.support, name: 'Priya Raman (Northwind Support)' });
    expect(answer.subject).toMatch(/^Re: Order 55120 arrived broken \[#CD-[A-Z0-9]{8}\]$/);
    expect(answer.parents).toEqual([firstId.slice(1, -1)]);
    expect(raw).toMatch(new RegExp(`^In-Reply-To: ${firstId}`, 'm'));
    expect(answer.newText).toContain('I have refunded the full £89 today');
    expect(raw).toMatch(/Content-Type: text\/html/);
    const delivered = await eventually(async () => {
      const d = (await api(s, 'GET', `/api/v1/conversations/${conversationId}`)).json;
      const sent = d.messages.find((m: any) => m.direction === 'outgoing'); // eslint-disable-line @typescript-eslint/no-explicit-any
      return sent?.delivery?.state === 'sent' ? sent : undefined;
    }, 'the reply to show as sent');
    expect(delivered.delivery.channel).toBe('email');

    // The customer answers from their mail client: a new text above the quoted reply.
    await sendMail({
      from: `Dana Whitfield <${customer}>`,
      to: s.support,
      subject: `Re: ${answer.subject}`,
      inReplyTo: `<${answer.messageId}>`,
      references: [firstId, `<${answer.messageId}>`],
      text: `Thank you, that is all I wanted.\n\nOn Mon, 7 Dec 2026 at 10:02, Priya Raman <${s.support}> wrote:\n> Dana, I'm so sorry the replacement arrived broken too.\n> I have refunded the full £89 today.\n`,
    });
    const after = await eventually(async () => {
      const d = (await api(s, 'GET', `/api/v1/conversations/${conversationId}`)).json;
      return d.messages.length === 3 ? d : undefined;
    }, 'the customer answer in the same conversation');
    const last = after.messages[2];
    expect(last.direction).toBe('incoming');
    expect(last.text).toBe('Thank you, that is all I wanted.');
    expect(last.temperature).toBeLessThan(incoming.temperature);
    expect((await emailConversations(s)).filter((d) => d.contact?.email === customer)).toHaveLength(
      1,
    );
  }, 90_000);

  it('threads a reply that kept only the subject token', async () => {
    const customer = freshAddress('omar', 'customer.test');
    await sendMail({
      from: customer,
      to: s.support,
      subject: 'Wrong size delivered',
      text: 'You sent me a size S instead of the M I ordered.',
    });
    const first = await eventually(async () => {
      const found = await emailConversations(s);
      return found.find((d) => d.contact?.email === customer);
    }, 'the first mail');
    await api(s, 'POST', `/api/v1/conversations/${first.conversation.id}/replies`, {
      text: 'Sorry about that, Omar. A size M is on its way to you today.',
    });
    const [reply] = await eventually(async () => {
      const mails = await readMailbox(customer);
      return mails.length > 0 ? mails : undefined;
    }, 'the reply');
    const subject = (await readEmail(reply!.source)).subject;
    // A client that drops In-Reply-To and References (some webmail forwards do).
    await sendMail({ from: customer, to: s.support, subject: `RE: ${subject}`, text: 'Got it.' });
    const after = await eventually(async () => {
      const d = (await api(s, 'GET', `/api/v1/conversations/${first.conversation.id}`)).json;
      return d.messages.length === 3 ? d : undefined;
    }, 'the answer threaded by its subject token');
    expect(after.messages[2].text).toBe('Got it.');
  }, 90_000);

  it('marks an auto-reply, does not analyse it and starts no conversation', async () => {
    const customer = freshAddress('away', 'customer.test');
    await sendMail({
      from: customer,
      to: s.support,
      subject: 'Automatic reply: Your order',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I AM AWAY!!! This is UNACCEPTABLE. Back on Monday.',
    });
    // A customer mail sent after it: once that one is in, the auto-reply was read too.
    const marker = freshAddress('after', 'customer.test');
    await sendMail({ from: marker, to: s.support, subject: 'Hello', text: 'Is the shop open?' });
    await eventually(async () => {
      const found = await emailConversations(s);
      return found.find((d) => d.contact?.email === marker);
    }, 'the mail sent after the auto-reply');
    const all = await emailConversations(s);
    expect(all.find((d) => d.contact?.email === customer)).toBeUndefined();
    const audit = await s.calmdesk.store.listAudit(50);
    const skipped = audit.filter((a) => a.action === 'email.skipped');
    expect(skipped.some((a) => a.details.includes('auto-reply (Auto-Submitted'))).toBe(true);
  }, 90_000);

  it('reports the email channel in GET /api/health', async () => {
    const health = await fetch(`${s.calmdesk.url}/api/health`);
    const body = await health.json();
    expect(body.channels.email.inbound.state).toBe('connected');
    expect(body.channels.email.outbound.state).toBe('connected');
  }, 90_000);
});

describe.runIf(runMail)('a wrong IMAP password', () => {
  it('shows in health, and the rest of Calmdesk keeps working', async () => {
    const s = await start('not-the-password');
    try {
      const body = await eventually(async () => {
        const health = await fetch(`${s.calmdesk.url}/api/health`);
        const json = await health.json();
        return json.channels?.email?.inbound?.state === 'error' ? json : undefined;
      }, 'health to report the refused sign-in');
      expect(body.ok).toBe(true);
      expect(body.channels.email.inbound.error).toMatch(/refused the sign-in/);
      expect(JSON.stringify(body)).not.toContain('not-the-password');
      const list = await api(s, 'GET', '/api/v1/conversations');
      expect(list.status).toBe(200);
    } finally {
      await s.calmdesk.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
  }, 90_000);
});
