import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANGRY,
  CALM,
  WORRIED,
  apiCalls,
  expectError,
  type ConversationItem,
  expectNothingSecretIn,
} from '../http/api-fixtures.test-helper.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';

/*
 * The inbox, one conversation, and the replies and promises agents send in it.
 * Through the real HTTP handler, signed in as the people of a small team, on a clock that only
 * moves when a test moves it.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

const { ingest, getConversation, inbox } = apiCalls(() => t);

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
    // The blocking phrase's own finding: listening's findings may span the whole draft.
    const finding = res.json.findings.find(
      (f: { rule: string; text: string }) =>
        f.rule === 'blocking-phrase' && /that's our policy/.test(f.text),
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
    // The list names the customer the promise was made to.
    const listed = pending.json.followUps.find((f: { id: string }) => f.id === followUp.id);
    expect(listed.contactName).toMatch(/^Customer /);

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
