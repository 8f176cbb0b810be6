import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk } from '../server.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';
import {
  fakeIncoming,
  fakeMessageCreated,
  startFakeChatwoot,
  type FakeChatwoot,
  type FakeChatwootOptions,
  type FakePlan,
} from './fake-chatwoot.test-helper.js';

/*
 * Replies that reach the customer through Chatwoot (issue 14), end to end: Calmdesk's real HTTP
 * handler, its worker, and a local server speaking Chatwoot's API that fails on purpose and
 * sends the message_created webhook back for each message it creates.
 */

const TOKEN = 'chatwoot-agent-token-1';
const HOUR = 3_600_000;

let fake: FakeChatwoot | undefined;
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

async function start(
  fakeOptions: Omit<FakeChatwootOptions, 'token' | 'echo'> & { echo?: boolean } = {},
  config: Record<string, unknown> = {},
) {
  const calmdesk: { t?: TestApp } = {};
  fake = await startFakeChatwoot({
    token: TOKEN,
    agents: [{ id: 71, name: 'Agent', email: 'agent@example.com' }],
    ...fakeOptions,
    echo:
      fakeOptions.echo === false
        ? undefined
        : async (payload) => {
            const t = calmdesk.t!;
            const res = await t.call('POST', `/api/v1/webhooks/chatwoot?token=${t.token}`, {
              as: null,
              body: payload,
            });
            if (res.status >= 300) throw new Error(`echo refused: ${res.status} ${res.text}`);
          },
  });
  const t = await createTestApp({
    config: {
      chatwootUrl: fake.url,
      chatwootApiToken: TOKEN,
      channelTimeoutMs: 300,
      ...config,
    },
  });
  calmdesk.t = t;
  app = t;
  return { t, fake };
}

/** A Chatwoot conversation in Calmdesk, as its first customer message's webhook brings it. */
async function chatwootConversation(t: TestApp, conversation = 42, text = 'Where is my order?') {
  const res = await t.call('POST', `/api/v1/webhooks/chatwoot?token=${t.token}`, {
    as: null,
    body: fakeIncoming(1, conversation, 100 + conversation, text, {
      createdAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  return res.json.conversationId as string;
}

async function detail(t: TestApp, id: string) {
  const res = await t.call('GET', `/api/v1/conversations/${id}`, { as: 'agent' });
  expect(res.status).toBe(200);
  return res.json as {
    messages: { id: string; direction: string; text: string; delivery: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    deliveries: any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

const creates = (f: FakeChatwoot) =>
  f.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));

async function deliver(t: TestApp, f: FakeChatwoot) {
  const turn = await t.calmdesk.deliverOutgoingNow();
  await Promise.all(f.echoes);
  return turn;
}

describe('Chatwoot out', () => {
  it('posts a reply to its Chatwoot conversation once, and its echo is not a second message', async () => {
    const { t, fake } = await start();
    const id = await chatwootConversation(t);
    const reply = await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'I am sorry for the wait. I will check the parcel now.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.json.message.delivery).toMatchObject({ state: 'queued', channel: 'chatwoot' });

    expect(await deliver(t, fake)).toMatchObject({ sent: 1 });
    expect(creates(fake)).toHaveLength(1);
    expect(creates(fake)[0]).toMatchObject({
      path: '/api/v1/accounts/1/conversations/42/messages',
      token: TOKEN,
      body: {
        content: 'I am sorry for the wait. I will check the parcel now.',
        message_type: 'outgoing',
        private: false,
      },
    });
    const after = await detail(t, id);
    expect(after.messages.map((m) => m.direction)).toEqual(['incoming', 'outgoing']);
    expect(after.messages[1]!.delivery).toMatchObject({
      state: 'sent',
      externalId: `chatwoot:1:message:${fake.messages[0]!.id}`,
    });
    // Nothing more to send: the next turn posts nothing.
    await deliver(t, fake);
    expect(creates(fake)).toHaveLength(1);
  });

  it('posts a note as a private message', async () => {
    const { t, fake } = await start();
    const id = await chatwootConversation(t);
    await t.call('POST', `/api/v1/conversations/${id}/notes`, {
      as: 'agent',
      body: { text: 'Customer is a regular; offer the upgrade.' },
    });
    await deliver(t, fake);
    expect(creates(fake)[0]?.body).toMatchObject({ private: true });
    expect((await detail(t, id)).messages.map((m) => m.direction)).toEqual(['incoming', 'note']);
  });

  it('recognises the echo that arrives before Chatwoot answers the create call', async () => {
    const { t, fake } = await start({ echoFirst: true });
    const id = await chatwootConversation(t);
    await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'Thanks for waiting, the refund is on its way today.' },
    });
    await deliver(t, fake);
    const after = await detail(t, id);
    expect(after.messages.map((m) => m.direction)).toEqual(['incoming', 'outgoing']);
    expect(after.messages[1]!.delivery).toMatchObject({ state: 'sent' });
    expect(creates(fake)).toHaveLength(1);
  });

  it('stores a reply an agent typed in Chatwoot itself as an agent message', async () => {
    const { t, fake } = await start();
    const id = await chatwootConversation(t);
    const typed = fakeMessageCreated(
      {
        id: 555,
        account: '1',
        conversation: '42',
        content: 'Hello from the Chatwoot side.',
        private: false,
        echoId: null,
        createdAt: Math.floor(t.clock.now().getTime() / 1000),
      },
      1042,
      { sender: { id: 9, name: 'Dana' } },
    );
    const res = await t.call('POST', `/api/v1/webhooks/chatwoot?token=${t.token}`, {
      as: null,
      body: typed,
    });
    expect(res.status).toBe(201);
    const after = await detail(t, id);
    expect(after.messages.map((m) => [m.direction, m.text])).toEqual([
      ['incoming', 'Where is my order?'],
      ['outgoing', 'Hello from the Chatwoot side.'],
    ]);
    expect(creates(fake)).toHaveLength(0);
  });

  it('retries after a 500 with backoff and delivers once', async () => {
    let failures = 1;
    const { t, fake } = await start({
      plan: (call): FakePlan =>
        call.method === 'POST' && failures-- > 0 ? { kind: 'status', status: 500 } : { kind: 'ok' },
    });
    const id = await chatwootConversation(t);
    await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'Let me look into this for you right away.' },
    });
    expect(await deliver(t, fake)).toMatchObject({ retrying: 1 });
    const waiting = (await detail(t, id)).messages[1]!.delivery;
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1 });
    expect(waiting.lastError).toContain('HTTP 500');
    // Not before its backoff...
    expect(await deliver(t, fake)).toMatchObject({ sent: 0, retrying: 0 });
    t.clock.advance(2_000);
    expect(await deliver(t, fake)).toMatchObject({ sent: 1 });
    expect(fake.messages).toHaveLength(1);
  });

  it('waits as long as a 429 says in Retry-After', async () => {
    let limited = true;
    const { t, fake } = await start({
      plan: (call): FakePlan => {
        if (call.method !== 'POST' || !limited) return { kind: 'ok' };
        limited = false;
        return { kind: 'status', status: 429, retryAfter: '120' };
      },
    });
    const id = await chatwootConversation(t);
    await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'Checking with the warehouse now.' },
    });
    await deliver(t, fake);
    const waiting = (await detail(t, id)).messages[1]!.delivery;
    expect(Date.parse(waiting.nextAttemptAt) - t.clock.now().getTime()).toBe(120_000);
    t.clock.advance(119_000);
    expect(await deliver(t, fake)).toMatchObject({ sent: 0 });
    t.clock.advance(1_000);
    expect(await deliver(t, fake)).toMatchObject({ sent: 1 });
    expect(fake.messages).toHaveLength(1);
  });

  it('never posts twice when a create timed out after Chatwoot took it', async () => {
    let first = true;
    const { t, fake } = await start({
      echo: false,
      plan: (call): FakePlan => {
        if (call.method !== 'POST' || !first) return { kind: 'ok' };
        first = false;
        return { kind: 'hang-after-create' };
      },
    });
    const id = await chatwootConversation(t);
    await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'I have escalated this to our shipping team.' },
    });
    expect(await deliver(t, fake)).toMatchObject({ retrying: 1 });
    expect((await detail(t, id)).messages[1]!.delivery.lastError).toContain('no answer in time');
    t.clock.advance(HOUR);
    expect(await deliver(t, fake)).toMatchObject({ sent: 1 });
    expect(fake.messages).toHaveLength(1);
    expect((await detail(t, id)).messages[1]!.delivery).toMatchObject({
      state: 'sent',
      externalId: `chatwoot:1:message:${fake.messages[0]!.id}`,
    });
  });

  it('shows a refused connection as the reason while it retries', async () => {
    const { t, fake } = await start();
    const id = await chatwootConversation(t);
    await fake.close();
    await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'We will sort this out today.' },
    });
    await deliver(t, fake);
    const waiting = (await detail(t, id)).messages[1]!.delivery;
    expect(waiting.state).toBe('queued');
    expect(waiting.lastError).toContain('ECONNREFUSED');
  });

  it('fails at once on an error that will not pass, shows why, and sends on retry', async () => {
    let missing = true;
    const { t, fake } = await start({
      plan: (call): FakePlan =>
        call.method === 'POST' && missing ? { kind: 'status', status: 404 } : { kind: 'ok' },
    });
    const id = await chatwootConversation(t);
    await t.call('POST', `/api/v1/conversations/${id}/replies`, {
      as: 'agent',
      body: { text: 'Your replacement ships tomorrow morning.' },
    });
    expect(await deliver(t, fake)).toMatchObject({ failed: 1 });
    const failed = (await detail(t, id)).messages[1]!.delivery;
    expect(failed).toMatchObject({ state: 'failed' });
    expect(failed.lastError).toContain('HTTP 404');
    // The agent hears of it live.
    const events = await t.calmdesk.store.listEventsAfter(0, 500);
    expect(
      events.some(
        (e) =>
          e.type === 'delivery.updated' &&
          (e.payload as { delivery: { state: string } }).delivery.state === 'failed',
      ),
    ).toBe(true);

    // Only a failed delivery may be retried, by someone signed in.
    expect(
      (await t.call('POST', `/api/v1/deliveries/${failed.id}/retry`, { as: null })).status,
    ).toBe(401);
    missing = false;
    const retried = await t.call('POST', `/api/v1/deliveries/${failed.id}/retry`, { as: 'agent' });
    expect(retried.status).toBe(200);
    expect(retried.json.delivery).toMatchObject({ state: 'queued', attempts: 0 });
    expect(
      (await t.call('POST', `/api/v1/deliveries/${failed.id}/retry`, { as: 'agent' })).status,
    ).toBe(409);
    expect(await deliver(t, fake)).toMatchObject({ sent: 1 });
    expect(fake.messages).toHaveLength(1);
  });

  it('resolves, snoozes and assigns in Chatwoot as in Calmdesk', async () => {
    const { t, fake } = await start();
    const id = await chatwootConversation(t);
    const until = new Date(t.clock.now().getTime() + 2 * HOUR).toISOString();
    await t.call('PATCH', `/api/v1/conversations/${id}`, {
      as: 'agent',
      body: { status: 'snoozed', snoozedUntil: until },
    });
    await deliver(t, fake);
    await t.call('PATCH', `/api/v1/conversations/${id}`, {
      as: 'agent',
      body: { status: 'resolved' },
    });
    await deliver(t, fake);
    const agentId = t.sessions.agent.user.id;
    await t.call('PATCH', `/api/v1/conversations/${id}`, {
      as: 'agent',
      body: { assigneeId: agentId },
    });
    await deliver(t, fake);
    const posts = fake.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => [c.path, c.body])).toEqual([
      [
        '/api/v1/accounts/1/conversations/42/toggle_status',
        { status: 'snoozed', snoozed_until: Math.floor(Date.parse(until) / 1000) },
      ],
      ['/api/v1/accounts/1/conversations/42/toggle_status', { status: 'resolved' }],
      ['/api/v1/accounts/1/conversations/42/assignments', { assignee_id: 71 }],
    ]);
    const deliveries = (await detail(t, id)).deliveries;
    expect(deliveries.map((d) => [d.kind, d.state])).toEqual([
      ['status', 'sent'],
      ['status', 'sent'],
      ['assignment', 'sent'],
    ]);
    // Each change says what it set, so the page can say "Status change to snoozed until ...".
    expect(deliveries.map((d) => d.change)).toEqual([
      { status: 'snoozed', snoozedUntil: until },
      { status: 'resolved', snoozedUntil: null },
      { assigneeName: t.sessions.agent.user.name },
    ]);
  });

  it('keeps an assignment to someone Chatwoot does not know in Calmdesk, and says so', async () => {
    const { t, fake } = await start();
    const id = await chatwootConversation(t);
    await t.call('PATCH', `/api/v1/conversations/${id}`, {
      as: 'agent',
      body: { assigneeId: t.sessions.agent2.user.id },
    });
    await deliver(t, fake);
    const [assignment] = (await detail(t, id)).deliveries;
    expect(assignment).toMatchObject({ kind: 'assignment', state: 'failed' });
    expect(assignment.lastError).toContain(t.sessions.agent2.user.email);
    expect(fake.calls.filter((c) => c.path.endsWith('/assignments'))).toHaveLength(0);
  });

  it('sends each reply of a conversation in the order written', async () => {
    let failOnce = true;
    const { t, fake } = await start({
      plan: (call): FakePlan => {
        if (call.method === 'POST' && failOnce) {
          failOnce = false;
          return { kind: 'status', status: 503 };
        }
        return { kind: 'ok' };
      },
    });
    const id = await chatwootConversation(t);
    for (const text of ['First, sorry.', 'Second, the fix.', 'Third, the follow-up.'])
      await t.call('POST', `/api/v1/conversations/${id}/replies`, { as: 'agent', body: { text } });
    for (let i = 0; i < 6; i++) {
      await deliver(t, fake);
      t.clock.advance(5_000);
    }
    expect(fake.messages.map((m) => m.content)).toEqual([
      'First, sorry.',
      'Second, the fix.',
      'Third, the follow-up.',
    ]);
  });
});

describe('Chatwoot out across a restart', () => {
  it('sends a reply cut off mid-send once, after Calmdesk starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-restart-'));
    let hold = true;
    const chatwoot = await startFakeChatwoot({
      token: TOKEN,
      plan: (call) =>
        call.method === 'POST' && hold ? { kind: 'hang-after-create' } : { kind: 'ok' },
    });
    fake = chatwoot;
    let now = Date.parse('2026-11-27T10:00:00Z');
    const clock = () => new Date(now);
    const config = loadConfig(
      {},
      {
        dataDir,
        logLevel: 'silent',
        chatwootUrl: chatwoot.url,
        chatwootApiToken: TOKEN,
        channelTimeoutMs: 60_000,
      },
    );
    const quiet = { info: () => undefined, error: () => undefined };
    try {
      const first = await createCalmdesk(config, { now: clock, log: quiet });
      const contact = await first.store.upsertContact({
        externalId: 'chatwoot:1:contact:1042',
        name: 'Customer',
        email: null,
        now: clock().toISOString(),
      });
      const { conversation } = await first.store.upsertConversation({
        externalId: 'chatwoot:1:conversation:42',
        contactId: contact.id,
        channel: 'chat',
        subject: null,
        now: clock().toISOString(),
      });
      await first.store.insertUser({
        id: 'u1',
        email: 'agent@example.com',
        name: 'Agent',
        role: 'agent',
        passwordHash: 'x',
        createdAt: clock().toISOString(),
        disabled: 0,
      });
      const author = (await first.store.getUser('u1'))!;
      await first.services.conversations.reply(conversation.id, 'On its way today.', author);
      // The send reaches Chatwoot, then Calmdesk stops before hearing back.
      const cutOff = first.deliverOutgoingNow().catch(() => undefined);
      await expect.poll(() => chatwoot.messages.length).toBe(1);
      await first.services.ingest.close();
      await first.store.close();

      hold = false;
      now += 2 * 60_000 + 10_000; // past the lost worker's lease
      const second = await createCalmdesk(config, { now: clock, log: quiet });
      expect(await second.deliverOutgoingNow()).toMatchObject({ sent: 1 });
      expect(chatwoot.messages).toHaveLength(1);
      const detailAfter = await second.services.conversations.getConversation(conversation.id);
      expect(detailAfter.messages.at(-1)?.delivery).toMatchObject({
        state: 'sent',
        externalId: `chatwoot:1:message:${chatwoot.messages[0]!.id}`,
      });
      await second.services.ingest.close();
      await second.store.close();
      // The first instance's request, still open, ends with the fake; it can record nothing.
      await chatwoot.close();
      await cutOff;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
