import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectErrorShape,
  message,
  sessionCookieOf,
  type As,
  type CallResult,
  type TestApp,
} from './test-app.test-helper.js';

/*
 * The API as a user of it meets it: through the real HTTP handler, signed in as the people of a
 * small team, on a clock that only moves when a test moves it.
 */

const CALM = 'Hi, could you tell me whether the blue jacket comes in a size M? Thanks!';
const WORRIED = 'Where is my parcel? It was due yesterday.';
const ANGRY =
  'This is RIDICULOUS!!! I have waited THREE WEEKS and nobody answers. I will cancel and post a bad review!';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t.close();
});

function expectError(res: CallResult, status: number, code: string, message?: RegExp): void {
  expect(res.status, res.text).toBe(status);
  expectErrorShape(res);
  expect(res.json.error.code).toBe(code);
  if (message !== undefined) expect(res.json.error.message).toMatch(message);
}

async function ingest(overrides: Record<string, unknown> = {}, as: As = 'token') {
  const res = await t.call('POST', '/api/v1/messages', { as, body: message(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.json as { conversationId: string; contactId: string; messageId: string };
}

async function getConversation(id: string, as: As = 'agent') {
  const res = await t.call('GET', `/api/v1/conversations/${id}`, { as });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

interface ConversationItem {
  id: string;
  temperature: number;
  createdAt: string;
  messageCount: number;
  assigneeId: string | null;
  status: string;
}

async function inbox(query = '', as: As = 'agent'): Promise<ConversationItem[]> {
  const res = await t.call('GET', `/api/v1/conversations?limit=500${query}`, { as });
  expect(res.status, res.text).toBe(200);
  return res.json.conversations;
}

/** What a failed request must leave as it was: conversations, messages and the event log. */
async function state() {
  const conversations = await inbox('&sort=age');
  return {
    conversations: conversations.length,
    messages: conversations.reduce((n, c) => n + c.messageCount, 0),
    lastEventId: await t.calmdesk.store.lastEventId(),
  };
}

describe('ingesting messages', () => {
  it('stores a message once, however often it is delivered', async () => {
    const body = message();
    const first = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ duplicate: false, conversationId: expect.any(String) });

    const again = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({
      duplicate: true,
      conversationId: first.json.conversationId,
      messageId: first.json.messageId,
    });
    const conversation = await getConversation(first.json.conversationId);
    expect(conversation.messages).toHaveLength(1);
    expect(conversation.conversation.messageCount).toBe(1);
  });

  it('stores a batch, counting what it had seen before', async () => {
    const seen = message();
    await t.call('POST', '/api/v1/messages', { as: 'token', body: seen });
    const res = await t.call('POST', '/api/v1/messages/batch', {
      as: 'agent',
      body: { messages: [message(), seen, message()] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ stored: 2, duplicates: 1 });
    expect(res.json.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('stores the same external id twice in one batch once', async () => {
    const one = message();
    const res = await t.call('POST', '/api/v1/messages/batch', {
      as: 'token',
      body: { messages: [one, one] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ stored: 1, duplicates: 1 });
  });

  it('stores nothing of a batch with one invalid message', async () => {
    const before = await state();
    const res = await t.call('POST', '/api/v1/messages/batch', {
      as: 'token',
      body: { messages: [message(), message({ text: '   ' }), message()] },
    });
    expectError(res, 400, 'invalid_request', /messages\.1\.text: must not be empty/);
    expect(res.json.error.details).toContainEqual({
      path: 'messages.1.text',
      message: 'must not be empty',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses an empty batch and one over the limit', async () => {
    const before = await state();
    expectError(
      await t.call('POST', '/api/v1/messages/batch', { as: 'token', body: { messages: [] } }),
      400,
      'invalid_request',
      /messages/,
    );
    const many = Array.from({ length: 1001 }, () => message());
    expectError(
      await t.call('POST', '/api/v1/messages/batch', { as: 'token', body: { messages: many } }),
      400,
      'invalid_request',
      /messages/,
    );
    expect(await state()).toEqual(before);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  const valid = () => message();
  const cases: [string, unknown, RegExp, Record<string, string>?][] = [
    ['malformed JSON', '{"contact": {"externalId": "a"', /not valid JSON/],
    ['an empty body', '', /not valid JSON/],
    ['JSON null', 'null', /expected object/],
    ['a JSON array', '[]', /expected object/],
    ['text as a number', { ...valid(), text: 42 }, /text: .*expected string/],
    ['contact as a string', { ...valid(), contact: 'bob' }, /contact: .*expected object/],
    ['empty text', { ...valid(), text: '' }, /text: must not be empty/],
    ['whitespace text', { ...valid(), text: ' \n\t\u00a0 ' }, /text: must not be empty/],
    ['text over 100,000 characters', { ...valid(), text: 'a'.repeat(100_001) }, /at most 100000/],
    ['no contact', { ...valid(), contact: undefined }, /contact/],
    ['no conversation', { ...valid(), conversation: undefined }, /conversation/],
    ['an unknown field', { ...valid(), priority: 'high' }, /Unrecognized key: "priority"/],
    ['an unknown direction', { ...valid(), direction: 'sideways' }, /direction/],
    ['a time that is not a time', { ...valid(), sentAt: 'yesterday' }, /sentAt/],
    ['an empty external id', { ...valid(), externalId: '  ' }, /externalId: must not be empty/],
    ['a lone surrogate in the text', '"\\ud800 hello"', /text: .*unpaired surrogate/],
    ['a lone low surrogate', '"hello \\udc00"', /text: .*unpaired surrogate/],
    ['a NUL in the text', '"a\\u0000b"', /text: .*NUL/],
  ];

  it.each(cases)('%s', async (_, body, expected) => {
    const before = await state();
    // A raw string "..." stands for a text value spliced into an otherwise valid message.
    const sent =
      typeof body === 'string' && body.startsWith('"')
        ? JSON.stringify(valid()).replace(/"text":"[^"]*"/, `"text":${body}`)
        : body;
    const res = await t.call('POST', '/api/v1/messages', { as: 'token', body: sent });
    expect(res.status, res.text).toBe(400);
    expectErrorShape(res);
    expect(['invalid_json', 'invalid_request']).toContain(res.json.error.code);
    expect(res.json.error.message).toMatch(expected);
    expect(await state()).toEqual(before);
  });

  it('refuses a lone surrogate anywhere in the body, naming where', async () => {
    const before = await state();
    const body = JSON.stringify(message({ contact: { externalId: 'c-1', name: 'NAME' } })).replace(
      'NAME',
      'Ann \\udbff',
    );
    const res = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expectError(res, 400, 'invalid_request', /contact\.name/);
    const webhook = await t.call('POST', `/api/v1/webhooks/generic?token=${t.token}`, { body });
    expectError(webhook, 400, 'invalid_request', /contact\.name/);
    expect(await state()).toEqual(before);
  });

  it('wants JSON and says so', async () => {
    const before = await state();
    const body = JSON.stringify(valid());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const res = await t.call('POST', '/api/v1/messages', {
        as: 'token',
        body,
        headers: { 'content-type': type },
      });
      expectError(res, 415, 'unsupported_media_type', /Content-Type: application\/json/);
    }
    const withCharset = await t.call('POST', '/api/v1/messages', {
      as: 'token',
      body: valid(),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.status, withCharset.text).toBe(201);
    const after = await state();
    expect(after.conversations).toBe(before.conversations + 1);
  });

  it('refuses a body over 16 MB before reading it', async () => {
    const before = await state();
    const body = JSON.stringify({ messages: [{ ...valid(), text: 'a'.repeat(17 * 1024 * 1024) }] });
    const res = await t.call('POST', '/api/v1/messages/batch', { as: 'token', body });
    expectError(res, 413, 'payload_too_large', /16 MB/);
    expect(await state()).toEqual(before);
  });

  it('takes text of exactly 100,000 characters whole', async () => {
    const text = `${'é'.repeat(49_999)}!${'x'.repeat(50_000)}`;
    expect(text).toHaveLength(100_000);
    const { conversationId } = await ingest({ text });
    expect((await getConversation(conversationId)).messages[0].text).toBe(text);
  });

  it.each([
    ['emoji', 'My 📦 never came 😡😡 👨‍👩‍👧‍👦 🏳️‍🌈'],
    ['right-to-left text', 'مرحبا، طلبي لم يصل بعد! שלום'],
    ['combining marks', 'Ame\u0301lie, Z\u0351\u0363a\u0310l\u0352g\u035bo\u0300'],
    ['invisible characters', '\ufeffhello\u200b\u200d\u202eevil\u202c'],
    ['control characters', 'tab\there\r\nline\u0007bell\u001b[31m'],
    ['the last code points', '\uffff \u{10ffff} \u{1f600}'],
  ])('stores %s exactly as sent', async (_, text) => {
    const { conversationId } = await ingest({ text, authorName: text });
    const conversation = await getConversation(conversationId);
    expect(conversation.messages[0].text).toBe(text);
    expect(conversation.messages[0].authorName).toBe(text.trim());
    expect(typeof conversation.messages[0].analysis.temperature).toBe('number');
  });

  it('answers an unknown conversation with 404 and changes nothing', async () => {
    const before = await state();
    const unknown = crypto.randomUUID();
    const attempts: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['PATCH', '', { status: 'resolved' }],
      ['POST', '/coach', { draft: 'Hello' }],
      ['POST', '/replies', { text: 'Hello' }],
      ['POST', '/notes', { text: 'Hello' }],
      ['POST', '/escalations', {}],
      ['POST', '/goodwill', { kind: 'credit', value: 5 }],
      ['GET', '/goodwill/suggestion', undefined],
    ];
    for (const id of [unknown, 'not-an-id', "1' or '1'='1", '%F0%9F%98%A1']) {
      for (const [method, suffix, body] of attempts) {
        const res = await t.call(method, `/api/v1/conversations/${id}${suffix}`, {
          as: 'agent',
          body,
        });
        expectError(res, 404, 'not_found', /No conversation with id/);
      }
    }
    for (const path of ['/api/v1/escalations/x/accept', '/api/v1/goodwill/x/approve']) {
      expectError(await t.call('POST', path, { as: 'admin', body: {} }), 404, 'not_found');
    }
    expect(await state()).toEqual(before);
  });
});

describe('the inbox', () => {
  const ids = { worried: '', angry: '', calm: '' };

  beforeAll(async () => {
    // Created oldest first: worried, angry, calm; hottest first: angry, worried, calm.
    ids.worried = (await ingest({ text: WORRIED })).conversationId;
    t.clock.advance(60_000);
    ids.angry = (await ingest({ text: ANGRY })).conversationId;
    t.clock.advance(60_000);
    ids.calm = (await ingest({ text: CALM })).conversationId;
    t.clock.advance(60_000);
  });

  const mine = (list: ConversationItem[]) =>
    list.map((c) => c.id).filter((id) => Object.values(ids).includes(id));

  it('sorts by temperature, hottest first', async () => {
    const list = await inbox('&sort=temperature');
    expect(mine(list)).toEqual([ids.angry, ids.worried, ids.calm]);
    const temperatures = list.map((c) => c.temperature);
    expect(temperatures).toEqual([...temperatures].sort((a, b) => b - a));
  });

  it('sorts by age, oldest first', async () => {
    const list = await inbox('&sort=age');
    expect(mine(list)).toEqual([ids.worried, ids.angry, ids.calm]);
    const created = list.map((c) => c.createdAt);
    expect(created).toEqual([...created].sort());
  });

  it('filters by assignee: me, unassigned', async () => {
    // Replying takes an unassigned conversation.
    const reply = await t.call('POST', `/api/v1/conversations/${ids.calm}/replies`, {
      as: 'agent2',
      body: { text: 'Yes, M is in stock.' },
    });
    expect(reply.status, reply.text).toBe(201);
    const patch = await t.call('PATCH', `/api/v1/conversations/${ids.angry}`, {
      as: 'agent2',
      body: { assigneeId: t.sessions.agent.user.id },
    });
    expect(patch.status, patch.text).toBe(200);

    expect(mine(await inbox('&assignee=me', 'agent2'))).toEqual([ids.calm]);
    expect(mine(await inbox('&assignee=me', 'agent'))).toEqual([ids.angry]);
    expect(mine(await inbox('&assignee=me', 'token'))).toEqual([ids.angry]);
    expect(mine(await inbox('&assignee=unassigned&sort=age'))).toEqual([ids.worried]);
    for (const c of await inbox('&assignee=unassigned')) expect(c.assigneeId).toBeNull();
  });

  it('filters by status', async () => {
    const patch = await t.call('PATCH', `/api/v1/conversations/${ids.worried}`, {
      as: 'agent',
      body: { status: 'resolved' },
    });
    expect(patch.status, patch.text).toBe(200);
    expect(mine(await inbox('&status=resolved'))).toEqual([ids.worried]);
    expect(mine(await inbox('&status=open&sort=age'))).toEqual([ids.angry, ids.calm]);
    expect(mine(await inbox('&status=open,resolved&sort=age'))).toHaveLength(3);
    for (const c of await inbox('&status=resolved')) expect(c.status).toBe('resolved');
  });

  it('explains a wrong filter', async () => {
    expectError(
      await t.call('GET', '/api/v1/conversations?status=closed', { as: 'agent' }),
      400,
      'invalid_request',
      /unknown status closed; use open, pending, resolved, snoozed/,
    );
    expectError(
      await t.call('GET', '/api/v1/conversations?sort=loudest', { as: 'agent' }),
      400,
      'invalid_request',
      /sort/,
    );
    expectError(
      await t.call('GET', '/api/v1/conversations?limit=0', { as: 'agent' }),
      400,
      'invalid_request',
      /limit/,
    );
    expectError(
      await t.call('GET', '/api/v1/conversations?colour=red', { as: 'agent' }),
      400,
      'invalid_request',
      /colour/,
    );
  });

  it('refuses snoozing without a time to wake up', async () => {
    const res = await t.call('PATCH', `/api/v1/conversations/${ids.calm}`, {
      as: 'agent',
      body: { status: 'snoozed' },
    });
    expectError(res, 400, 'invalid_request', /snoozedUntil/);
    expect((await getConversation(ids.calm)).conversation.status).toBe('open');
  });
});

describe('a conversation', () => {
  it('shows messages with their analysis, the playbook, the next action and the contact', async () => {
    const contact = { externalId: `contact-${crypto.randomUUID()}`, name: 'Dana Angry' };
    const first = await ingest({ contact, text: CALM });
    t.clock.advance(60_000);
    const second = await ingest({ contact, text: ANGRY });
    expect(second.contactId).toBe(first.contactId);

    const view = await getConversation(second.conversationId);
    expect(view.messages).toHaveLength(1);
    const analysis = view.messages[0].analysis;
    expect(analysis.temperature).toBeGreaterThanOrEqual(60);
    const kinds = analysis.signals.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['shouting', 'threat']));
    const shouting = analysis.signals.find((s: { kind: string }) => s.kind === 'shouting');
    expect(ANGRY.slice(shouting.start, shouting.end)).toBe(shouting.text);
    expect(analysis.threats).toEqual(expect.arrayContaining(['cancel', 'review']));

    expect(view.analysis.playbook).toHaveLength(9);
    expect(view.analysis.nextAction).toMatchObject({
      action: expect.any(String),
      why: expect.any(String),
    });
    expect(view.contact).toMatchObject({ id: first.contactId, name: 'Dana Angry' });
    expect(view.history.map((c: { id: string }) => c.id)).toEqual([first.conversationId]);
    const other = await getConversation(first.conversationId);
    expect(other.history.map((c: { id: string }) => c.id)).toEqual([second.conversationId]);

    // The customer's own page: every conversation, newest first, and the channels used.
    const page = await t.call('GET', `/api/v1/contacts/${first.contactId}`, { as: 'agent' });
    expect(page.status).toBe(200);
    expect(page.json.contact).toMatchObject({ id: first.contactId, name: 'Dana Angry' });
    expect(page.json.conversations.map((c: { id: string }) => c.id)).toEqual([
      second.conversationId,
      first.conversationId,
    ]);
    expect(page.json.channels.length).toBeGreaterThan(0);
    const unknown = await t.call('GET', `/api/v1/contacts/${crypto.randomUUID()}`, { as: 'agent' });
    expect(unknown.status).toBe(404);
  });
});

describe('replies and promises', () => {
  it('coaches a draft that hides behind policy', async () => {
    const { conversationId } = await ingest({ text: ANGRY });
    const res = await t.call('POST', `/api/v1/conversations/${conversationId}/coach`, {
      as: 'agent',
      body: { draft: "I understand, but that's our policy." },
    });
    expect(res.status, res.text).toBe(200);
    const finding = res.json.findings.find((f: { text: string }) =>
      /that's our policy/.test(f.text),
    );
    expect(finding).toBeDefined();
    expect(finding.rewrite.replacement).toEqual(expect.any(String));
    expect(finding.rewrite.replacement).not.toMatch(/policy$/);
    expect(finding.why.length).toBeGreaterThan(0);
  });

  it('puts a promise on the clock and marks it kept when the agent writes again in time', async () => {
    const { conversationId } = await ingest({ text: WORRIED });
    const sent = t.clock.now().getTime();
    const promise = await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
      as: 'agent',
      body: { text: "I'm sorry about the wait. I'll call you back within the hour." },
    });
    expect(promise.status, promise.text).toBe(201);
    expect(promise.json.followUps).toHaveLength(1);
    const followUp = promise.json.followUps[0];
    const due = Date.parse(followUp.dueAt) - sent;
    expect(due).toBeGreaterThanOrEqual(55 * 60_000);
    expect(due).toBeLessThanOrEqual(65 * 60_000);
    expect(followUp).toMatchObject({ status: 'pending', ownerId: t.sessions.agent.user.id });

    const pending = await t.call('GET', '/api/v1/follow-ups?status=pending', { as: 'agent' });
    expect(pending.status).toBe(200);
    expect(pending.json.followUps.map((f: { id: string }) => f.id)).toContain(followUp.id);

    t.clock.advance(20 * 60_000);
    const kept = await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
      as: 'agent',
      body: { text: 'As promised: the parcel is with the courier and arrives tomorrow.' },
    });
    expect(kept.status, kept.text).toBe(201);
    const view = await getConversation(conversationId);
    expect(view.followUps).toHaveLength(1);
    expect(view.followUps[0]).toMatchObject({
      id: followUp.id,
      status: 'kept',
      keptByMessageId: kept.json.message.id,
    });
    const keptList = await t.call('GET', '/api/v1/follow-ups?status=kept&owner=me', {
      as: 'agent',
    });
    expect(keptList.json.followUps.map((f: { id: string }) => f.id)).toContain(followUp.id);
    const stillPending = await t.call('GET', '/api/v1/follow-ups?status=pending', { as: 'agent' });
    expect(stillPending.json.followUps.map((f: { id: string }) => f.id)).not.toContain(followUp.id);
  });

  it('coaches an empty or a very long draft', async () => {
    const { conversationId } = await ingest({ text: ANGRY });
    for (const draft of ['', '   ', "that's our policy. ".repeat(5_000), '😡'.repeat(50_000)]) {
      const res = await t.call('POST', `/api/v1/conversations/${conversationId}/coach`, {
        as: 'agent',
        body: { draft },
      });
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      expect(res.json.score).toEqual(expect.any(Number));
    }
    expectError(
      await t.call('POST', `/api/v1/conversations/${conversationId}/coach`, {
        as: 'agent',
        body: { draft: 'a'.repeat(100_001) },
      }),
      400,
      'invalid_request',
      /draft/,
    );
  });

  it('refuses an empty reply and sends nothing', async () => {
    const { conversationId } = await ingest();
    for (const text of ['', '   ', 'a'.repeat(100_001)]) {
      const res = await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
        as: 'agent',
        body: { text },
      });
      expectError(res, 400, 'invalid_request', /text/);
    }
    expect((await getConversation(conversationId)).messages).toHaveLength(1);
  });
});

describe('escalation', () => {
  it('goes from the agent to a supervisor and back to done', async () => {
    const { conversationId } = await ingest({ text: ANGRY });
    const escalate = await t.call('POST', `/api/v1/conversations/${conversationId}/escalations`, {
      as: 'agent',
      body: {},
    });
    expect(escalate.status, escalate.text).toBe(201);
    const escalation = escalate.json.escalation;
    expect(escalation).toMatchObject({ status: 'open', conversationId });
    expect(escalation.summary.length).toBeGreaterThan(10);
    expect(escalation.reason.length).toBeGreaterThan(0);

    expectError(
      await t.call('POST', `/api/v1/conversations/${conversationId}/escalations`, {
        as: 'agent2',
        body: { reason: 'again' },
      }),
      409,
      'conflict',
      /already has an open escalation/,
    );

    expectError(await t.call('GET', '/api/v1/escalations', { as: 'agent' }), 403, 'forbidden');
    const queue = await t.call('GET', '/api/v1/escalations', { as: 'supervisor' });
    expect(queue.status).toBe(200);
    expect(queue.json.escalations.map((e: { id: string }) => e.id)).toContain(escalation.id);

    const accept = await t.call('POST', `/api/v1/escalations/${escalation.id}/accept`, {
      as: 'supervisor',
      body: {},
    });
    expect(accept.status, accept.text).toBe(200);
    expect(accept.json.escalation).toMatchObject({
      status: 'accepted',
      ownerId: t.sessions.supervisor.user.id,
    });
    const view = await getConversation(conversationId);
    expect(view.conversation.assigneeId).toBe(t.sessions.supervisor.user.id);
    expect(view.conversation.escalated).toBe(true);

    const resolve = await t.call('POST', `/api/v1/escalations/${escalation.id}/resolve`, {
      as: 'supervisor',
      body: { note: 'Refunded and called the customer.' },
    });
    expect(resolve.status, resolve.text).toBe(200);
    expect(resolve.json.escalation).toMatchObject({
      status: 'resolved',
      note: 'Refunded and called the customer.',
    });
    expect((await getConversation(conversationId)).conversation.escalated).toBe(false);

    expectError(
      await t.call('POST', `/api/v1/escalations/${escalation.id}/accept`, {
        as: 'admin',
        body: {},
      }),
      409,
      'conflict',
      /resolved/,
    );

    // Escalated again, with the agent's own words.
    const again = await t.call('POST', `/api/v1/conversations/${conversationId}/escalations`, {
      as: 'agent',
      body: { summary: '  Wants a refund for three late orders.  ' },
    });
    expect(again.status, again.text).toBe(201);
    expect(again.json.escalation.summary).toBe('Wants a refund for three late orders.');
  });
});

describe('escalation taken over by a supervisor', () => {
  it('is not recommended again for the same reason, only for a new one', async () => {
    const conversation = { externalId: `conv-${crypto.randomUUID()}`, channel: 'chat' };
    const contact = { externalId: `contact-${crypto.randomUUID()}`, name: 'Dana' };
    const say = (text: string) => ingest({ conversation, contact, text });
    const { conversationId } = await say(
      'This is the third time my parcel has gone missing. I want to speak to a manager.',
    );
    expect((await getConversation(conversationId)).analysis.escalation.recommended).toBe(true);

    t.clock.advance(60_000);
    const escalate = await t.call('POST', `/api/v1/conversations/${conversationId}/escalations`, {
      as: 'agent',
      body: {},
    });
    expect(escalate.status, escalate.text).toBe(201);
    t.clock.advance(60_000);
    const accept = await t.call(
      'POST',
      `/api/v1/escalations/${escalate.json.escalation.id}/accept`,
      { as: 'supervisor', body: {} },
    );
    expect(accept.status, accept.text).toBe(200);

    t.clock.advance(60_000);
    const taken = (await getConversation(conversationId)).analysis;
    expect(taken.escalation.recommended).toBe(false);
    expect(taken.escalation.takenOverAt).toEqual(expect.any(String));
    expect(taken.nextAction.action).not.toBe('escalate');

    t.clock.advance(60_000);
    await say("Still nothing. I'm calling my lawyer.");
    const later = (await getConversation(conversationId)).analysis;
    expect(later.escalation.recommended).toBe(true);
    expect(later.escalation.reasons).toEqual([
      expect.stringMatching(/^New since Test supervisor took over: Threatens legal action/),
    ]);
  });
});

describe('goodwill', () => {
  let conversationId = '';

  beforeAll(async () => {
    conversationId = (await ingest({ text: ANGRY })).conversationId;
  });

  const propose = (body: unknown, as: As = 'agent') =>
    t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, { as, body });

  it('grants an offer within the agent limit at once', async () => {
    const res = await propose({ kind: 'credit', value: 10 });
    expect(res.status, res.text).toBe(201);
    expect(res.json.offer).toMatchObject({
      status: 'approved',
      decidedBy: t.sessions.agent.user.id,
    });
  });

  it('sends a larger offer for approval by a supervisor', async () => {
    const res = await propose({ kind: 'credit', value: 50, reason: 'Three late orders' });
    expect(res.status, res.text).toBe(201);
    const offer = res.json.offer;
    expect(offer).toMatchObject({ status: 'pending', approverRole: 'supervisor' });

    const queue = await t.call('GET', '/api/v1/goodwill', { as: 'supervisor' });
    expect(queue.json.offers.map((o: { id: string }) => o.id)).toContain(offer.id);

    expectError(
      await t.call('POST', `/api/v1/goodwill/${offer.id}/approve`, { as: 'agent2', body: {} }),
      403,
      'forbidden',
    );
    const approve = await t.call('POST', `/api/v1/goodwill/${offer.id}/approve`, {
      as: 'supervisor',
      body: { note: 'Fair' },
    });
    expect(approve.status, approve.text).toBe(200);
    expect(approve.json.offer).toMatchObject({
      status: 'approved',
      decidedBy: t.sessions.supervisor.user.id,
      decisionNote: 'Fair',
    });
    expectError(
      await t.call('POST', `/api/v1/goodwill/${offer.id}/approve`, { as: 'supervisor', body: {} }),
      409,
      'conflict',
      /already approved/,
    );
    expectError(
      await t.call('POST', `/api/v1/goodwill/${offer.id}/reject`, { as: 'admin', body: {} }),
      409,
      'conflict',
    );
  });

  it('refuses an offer outside the catalogue or with a wrong value, storing nothing', async () => {
    const before = (await getConversation(conversationId)).goodwillOffers.length;
    for (const body of [
      { kind: 'free_car', value: 1 },
      { kind: 'credit', value: -5 },
      { kind: 'credit', value: 0 },
      { kind: 'credit', value: '10' },
      { kind: 'credit' },
    ]) {
      const res = await propose(body);
      expectError(res, 400, 'invalid_request', /kind|value/);
    }
    expect((await getConversation(conversationId)).goodwillOffers).toHaveLength(before);
  });
});

describe('the team policy', () => {
  it('is read by everyone and changed by an admin only, every value checked', async () => {
    const read = await t.call('GET', '/api/v1/policy', { as: 'agent' });
    expect(read.status).toBe(200);
    expect(read.json).toHaveProperty('goodwill');

    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'agent',
        body: { conversation: { heatedTemperature: 70 } },
      }),
      403,
      'forbidden',
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'supervisor',
        body: { conversation: { heatedTemperature: 70 } },
      }),
      403,
      'forbidden',
    );

    const put = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { conversation: { heatedTemperature: 70 } },
    });
    expect(put.status, put.text).toBe(200);
    expect((await t.call('GET', '/api/v1/policy', { as: 'agent' })).json.conversation).toEqual({
      heatedTemperature: 70,
    });

    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'admin',
        body: { conversation: { trendWindow: 0 } },
      }),
      400,
      'invalid_request',
      /trendWindow/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', {
        as: 'admin',
        body: { conversation: { loudness: 3 } },
      }),
      400,
      'invalid_request',
      /Unknown conversation setting: loudness/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', { as: 'admin', body: { volume: 11 } }),
      400,
      'invalid_request',
      /volume/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', { as: 'admin', body: { goodwill: { offers: 3 } } }),
      400,
      'invalid_request',
      /goodwill/,
    );
    expectError(
      await t.call('PUT', '/api/v1/policy', { as: 'admin', body: { comingDueMinutes: 0 } }),
      400,
      'invalid_request',
      /comingDueMinutes/,
    );
    // Nothing of the refused changes was kept.
    const after = await t.call('GET', '/api/v1/policy', { as: 'agent' });
    expect(after.json.conversation).toEqual({ heatedTemperature: 70 });
    expect(after.json.comingDueMinutes).toBe(read.json.comingDueMinutes);
    expect(after.json.goodwill).toEqual(read.json.goodwill);

    const restore = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { conversation: { heatedTemperature: 60 } },
    });
    expect(restore.status).toBe(200);
  });
});

describe('signing in and out', () => {
  const login = (email: string, password: string) =>
    t.call('POST', '/api/v1/auth/login', { body: { email, password } });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await login('agent@example.com', 'not the password at all');
    const unknown = await login('nobody@example.com', 'not the password at all');
    expectError(wrong, 401, 'unauthenticated');
    expectError(unknown, 401, 'unauthenticated');
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
    expect(sessionCookieOf(wrong.headers)).toBeUndefined();
    // The email is not case-sensitive.
    const ok = await login('  Agent@Example.COM ', t.sessions.agent.password);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.user.email).toBe('agent@example.com');
  });

  it('ends the session on sign-out, and only that session', async () => {
    const res = await login(t.sessions.agent2.email, t.sessions.agent2.password);
    const cookie = `calmdesk_session=${sessionCookieOf(res.headers)}`;
    const me = await t.call('GET', '/api/v1/me', { headers: { cookie } });
    expect(me.json).toMatchObject({ via: 'session', csrfToken: res.json.csrfToken });

    const out = await t.call('POST', '/api/v1/auth/logout', {
      headers: { cookie, 'x-csrf-token': res.json.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/calmdesk_session=;/);
    expectError(await t.call('GET', '/api/v1/me', { headers: { cookie } }), 401, 'unauthenticated');
    expect((await t.call('GET', '/api/v1/me', { as: 'agent2' })).status).toBe(200);
  });

  it("stops a disabled person's session and sign-in", async () => {
    const created = await t.call('POST', '/api/v1/users', {
      as: 'admin',
      body: {
        email: 'leaver@example.com',
        name: 'Lee Ver',
        role: 'agent',
        password: 'a long enough password',
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.user.id;
    const res = await login('leaver@example.com', 'a long enough password');
    const cookie = `calmdesk_session=${sessionCookieOf(res.headers)}`;
    expect((await t.call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);

    const disable = await t.call('PATCH', `/api/v1/users/${id}`, {
      as: 'admin',
      body: { disabled: true },
    });
    expect(disable.status, disable.text).toBe(200);
    expect(disable.json.user.disabled).toBe(true);
    expectError(await t.call('GET', '/api/v1/me', { headers: { cookie } }), 401, 'unauthenticated');
    expectError(
      await login('leaver@example.com', 'a long enough password'),
      401,
      'unauthenticated',
    );
  });

  it('refuses a new person with a short password or a taken email', async () => {
    const users = async () =>
      (await t.call('GET', '/api/v1/users', { as: 'agent' })).json.users.length;
    const before = await users();
    const base = { name: 'New Person', role: 'agent' };
    expectError(
      await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { ...base, email: 'new@example.com', password: 'short' },
      }),
      400,
      'invalid_request',
      /password must be at least 12 characters/,
    );
    expectError(
      await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { ...base, email: 'AGENT@example.com', password: 'a long enough password' },
      }),
      409,
      'conflict',
      /agent@example.com/,
    );
    expectError(
      await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { ...base, email: 'not an email', password: 'a long enough password' },
      }),
      400,
      'invalid_request',
      /email/,
    );
    expect(await users()).toBe(before);
  });

  it('does not let an admin lock themselves out', async () => {
    expectError(
      await t.call('PATCH', `/api/v1/users/${t.sessions.admin.user.id}`, {
        as: 'admin',
        body: { disabled: true },
      }),
      409,
      'conflict',
      /yourself/,
    );
    expect((await t.call('GET', '/api/v1/me', { as: 'admin' })).status).toBe(200);
  });

  it('refuses a revoked API token', async () => {
    const created = await t.call('POST', '/api/v1/tokens', {
      as: 'agent',
      body: { name: 'short-lived' },
    });
    expect(created.status, created.text).toBe(201);
    const authorization = `Bearer ${created.json.token}`;
    expect(created.json.token).toMatch(/^cd_/);
    const me = await t.call('GET', '/api/v1/me', { headers: { authorization } });
    expect(me.json).toMatchObject({ via: 'token', csrfToken: null });

    const revoke = await t.call('DELETE', `/api/v1/tokens/${created.json.id}`, { as: 'agent' });
    expect(revoke.status).toBe(204);
    expectError(
      await t.call('GET', '/api/v1/me', { headers: { authorization } }),
      401,
      'unauthenticated',
    );
    // Someone else cannot revoke the agent's tokens.
    const tokens = await t.call('GET', '/api/v1/tokens', { as: 'agent' });
    const live = tokens.json.tokens.find((k: { revokedAt: string | null }) => k.revokedAt === null);
    expectError(
      await t.call('DELETE', `/api/v1/tokens/${live.id}`, { as: 'admin' }),
      404,
      'not_found',
    );
    expect((await t.call('GET', '/api/v1/me', { as: 'token' })).status).toBe(200);
  });

  it('after too many failures, asks to wait, with Retry-After', async () => {
    const limited = await createTestApp({ config: { loginAttempts: 3 }, people: false });
    try {
      await limited.calmdesk.services.people.createUser(
        { email: 'sam@example.com', name: 'Sam', role: 'agent', password: 'the right password' },
        null,
      );
      const attempt = (password: string) =>
        limited.call('POST', '/api/v1/auth/login', {
          body: { email: 'sam@example.com', password },
        });
      for (let i = 0; i < 3; i += 1) expect((await attempt('a wrong password')).status).toBe(401);
      const refused = await attempt('the right password');
      expectError(refused, 429, 'rate_limited', /try again in \d+ s/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(sessionCookieOf(refused.headers)).toBeUndefined();

      limited.clock.advance(16 * 60_000);
      expect((await attempt('the right password')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('first-run setup', () => {
  it('creates the first admin once, with the token printed at start-up', async () => {
    const fresh = await createTestApp({ people: false });
    try {
      const body = {
        email: 'owner@example.com',
        name: 'Owner',
        password: 'a long enough password',
      };
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: false });
      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token: 'anything' } }),
        409,
        'setup_done',
      );
      const token = await fresh.calmdesk.services.people.prepareSetup();
      expect(token).toEqual(expect.any(String));
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: true });

      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token: 'wrong' } }),
        403,
        'forbidden',
        /setup token/,
      );
      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token, password: 'short' } }),
        400,
        'invalid_request',
        /password/,
      );
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: true });

      const done = await fresh.call('POST', '/api/v1/setup', { body: { ...body, token } });
      expect(done.status, done.text).toBe(201);
      expect(done.json.user).toMatchObject({ email: 'owner@example.com', role: 'admin' });
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: false });
      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token } }),
        409,
        'setup_done',
      );
      const login = await fresh.call('POST', '/api/v1/auth/login', {
        body: { email: body.email, password: body.password },
      });
      expect(login.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('lets the one-time token create one admin, however many requests race with it', async () => {
    const fresh = await createTestApp({ people: false });
    try {
      const token = await fresh.calmdesk.services.people.prepareSetup();
      const results = await Promise.all(
        ['one', 'two', 'three'].map((who) =>
          fresh.call('POST', '/api/v1/setup', {
            body: {
              token,
              email: `${who}@example.com`,
              name: who,
              password: 'a long enough password',
            },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, 'setup_done');
      expect(await fresh.calmdesk.store.countUsers()).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI 3.1 document with every route', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\.1\./);
    for (const route of t.calmdesk.routes) {
      const operation = res.json.paths[route.path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.summary).toBe(route.summary);
      if (route.body !== undefined) expect(operation.requestBody).toBeDefined();
    }
  });

  it('serves a readable reference page listing every route', async () => {
    const res = await t.call('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    for (const route of t.calmdesk.routes) expect(res.text).toContain(`<code>${route.path}</code>`);
    expect(res.text).toContain('/api/openapi.json');
  });
});

describe('live updates', () => {
  interface Sse {
    event: string;
    id?: number;
    data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  function parse(text: string): Sse[] {
    return text
      .split('\n\n')
      .filter((block) => /^(event|data):/m.test(block))
      .map((block) => {
        const field = (name: string) =>
          block
            .split('\n')
            .filter((l) => l.startsWith(`${name}:`))
            .map((l) => l.slice(name.length + 1).trimStart())
            .join('\n');
        const id = field('id');
        return {
          event: field('event') || 'message',
          ...(id === '' ? {} : { id: Number(id) }),
          data: JSON.parse(field('data')),
        };
      });
  }

  /** Opens the stream and reads it until `until` holds or the time is up. */
  async function openEvents(query = '', headers: Record<string, string> = {}) {
    const res = await t.calmdesk.app.request(`/api/v1/events${query}`, {
      headers: { cookie: `calmdesk_session=${t.sessions.agent.cookie}`, ...headers },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    return {
      async readUntil(until: (events: Sse[]) => boolean, ms = 5_000): Promise<Sse[]> {
        const deadline = Date.now() + ms;
        while (!until(parse(text))) {
          let timer: NodeJS.Timeout | undefined;
          const timeout = new Promise<'timeout'>((resolve) => {
            timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
          });
          const chunk = await Promise.race([reader.read(), timeout]);
          clearTimeout(timer);
          if (chunk === 'timeout') throw new Error(`no matching event in time; got:\n${text}`);
          if (chunk.done) throw new Error(`the stream ended; got:\n${text}`);
          text += decoder.decode(chunk.value, { stream: true });
        }
        return parse(text);
      },
      close: () => reader.cancel(),
    };
  }

  const createdFor = (text: string) => (e: Sse) =>
    e.event === 'message.created' && e.data.payload.message.text === text;

  it('delivers a new message to a signed-in agent as it arrives', async () => {
    const stream = await openEvents();
    try {
      await stream.readUntil((events) => events.some((e) => e.event === 'ready'));
      const text = `Live ${crypto.randomUUID()}`;
      const { conversationId } = await ingest({ text });
      const events = await stream.readUntil((list) => list.some(createdFor(text)));
      const event = events.find(createdFor(text))!;
      expect(event.data).toMatchObject({ type: 'message.created', conversationId });
      expect(event.id).toBe(event.data.id);
    } finally {
      await stream.close();
    }
  });

  it('replays what a client missed: all with ?since=0, after Last-Event-ID', async () => {
    const first = `Missed ${crypto.randomUUID()}`;
    const second = `Missed too ${crypto.randomUUID()}`;
    await ingest({ text: first });
    await ingest({ text: second });

    const all = await openEvents('?since=0');
    let firstId = 0;
    try {
      const events = await all.readUntil((list) => list.some(createdFor(second)));
      firstId = events.find(createdFor(first))!.id!;
      const ids = events.flatMap((e) => (e.id === undefined ? [] : [e.id]));
      expect(ids[0]).toBe(1);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await all.close();
    }

    const resumed = await openEvents('', { 'last-event-id': String(firstId) });
    try {
      const events = await resumed.readUntil((list) => list.some(createdFor(second)));
      for (const e of events) if (e.id !== undefined) expect(e.id).toBeGreaterThan(firstId);
      expect(events.some(createdFor(first))).toBe(false);
    } finally {
      await resumed.close();
    }
  });
});

describe('live updates after a long absence', () => {
  it('replays everything missed, even more than one page of events', async () => {
    const messages = Array.from({ length: 400 }, () => message());
    const batch = await t.call('POST', '/api/v1/messages/batch', {
      as: 'token',
      body: { messages },
    });
    expect(batch.status, batch.text).toBe(201);
    const last = await t.calmdesk.store.lastEventId();
    expect(last).toBeGreaterThan(1_000);

    const res = await t.calmdesk.app.request('/api/v1/events?since=0', {
      headers: { authorization: `Bearer ${t.token}` },
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 10_000;
    try {
      while (!text.includes(`\nid: ${last}\n`) && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 2_000))),
        ]);
        clearTimeout(timer);
        if (chunk === null || chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    } finally {
      await reader.cancel();
    }
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  });
});

describe('what never leaves the server', () => {
  it('shows no password or token hash, and no stack trace, in any answer', async () => {
    for (const path of ['/api/v1/users', '/api/v1/tokens', '/api/v1/me', '/api/v1/audit']) {
      expect((await t.call('GET', path, { as: 'admin' })).status).toBe(200);
    }
    const hashes = (await t.calmdesk.store.listUsers()).map((u) => u.passwordHash);
    const tokenHashes = (await t.calmdesk.store.listApiTokens(t.sessions.agent.user.id)).map(
      (k) => k.tokenHash,
    );
    expect(hashes.length).toBeGreaterThan(4);
    expect(tokenHashes.length).toBeGreaterThan(1);
    expect(t.texts.length).toBeGreaterThan(100);
    for (const text of t.texts) {
      expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|scrypt\$/);
      expect(text).not.toContain('    at ');
      for (const secret of [...hashes, ...tokenHashes]) expect(text).not.toContain(secret);
    }
    expect(t.errors).toEqual([]);
  });
});

describe('the team view', () => {
  // Its own team, so counts are not shared with the tests above.
  let team: TestApp;

  beforeAll(async () => {
    team = await createTestApp();
  });

  afterAll(async () => {
    await team.close();
  });

  it("shows supervisors each person's heated conversations, de-escalations and promises", async () => {
    const agentId = team.sessions.agent.user.id;
    const send = async (body: Record<string, unknown>) => {
      const res = await team.call('POST', '/api/v1/messages', { as: 'token', body });
      expect(res.status, res.text).toBe(201);
      return res.json.conversationId as string;
    };
    const reply = async (conversationId: string, text: string) => {
      const res = await team.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
        as: 'agent',
        body: { text },
      });
      expect(res.status, res.text).toBe(201);
      return res.json;
    };

    // A: furious, then calmed by the agent, who keeps their promise.
    const first = message({
      text: ANGRY,
      conversation: {
        externalId: 'team-a',
        channel: 'chat',
        subject: 'Refund for three late orders',
      },
    });
    const calmed = await send(first);
    const promised = await reply(calmed, "I'm so sorry. I'll call you back within the hour.");
    expect(promised.followUps).toHaveLength(1);
    team.clock.advance(10 * 60_000);
    await send(message({ text: CALM, contact: first.contact, conversation: first.conversation }));
    await reply(calmed, 'As promised: the refund is on its way today.');
    // B: still heated, with a promise the agent lets slip.
    const heated = await send(
      message({
        text: ANGRY,
        conversation: { externalId: 'team-b', channel: 'chat', subject: 'Broken blender' },
      }),
    );
    await reply(heated, "I'm sorry about this. I'll call you back within the hour.");
    team.clock.advance(2 * 60 * 60_000);
    await team.calmdesk.services.followUps.runClock();

    expectError(await team.call('GET', '/api/v1/team', { as: 'agent' }), 403, 'forbidden');
    const res = await team.call('GET', '/api/v1/team', { as: 'supervisor' });
    expect(res.status, res.text).toBe(200);
    expect(res.json.thresholds).toEqual({
      heatedTemperature: 60,
      upsetTemperature: 45,
      minTemperatureFall: 10,
    });
    const people = res.json.team as { user: { id: string; name: string; role: string } }[];
    // Agents and supervisors, by name; the admin is not in the team view.
    expect(people.map((p) => p.user.name)).toEqual([
      'Test agent',
      'Test agent2',
      'Test supervisor',
    ]);
    const agent = people.find((p) => p.user.id === agentId);
    expect(agent).toEqual({
      user: { id: agentId, name: 'Test agent', role: 'agent' },
      openHeated: 1,
      openHeatedConversations: [
        { id: heated, subject: 'Broken blender', temperature: expect.any(Number) },
      ],
      deEscalation: { rate: 0.5, count: 1, of: 2 },
      promises: { kept: 1, missed: 1, pending: 0 },
    });
    expect(people.find((p) => p.user.name === 'Test agent2')).toMatchObject({
      openHeated: 0,
      openHeatedConversations: [],
      deEscalation: { rate: null, count: 0, of: 0 },
      promises: { kept: 0, missed: 0, pending: 0 },
    });
  });
});
