import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_EVENT_TYPES } from '../contract/event-types.js';
import { ANGRY, apiCalls, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, type Person, type TestApp } from '../http/test-app.test-helper.js';

/*
 * What each role receives of the live events: an agent may not list offers or escalations, so
 * the stream gives them only those of their own work, live and on replay alike. Through the
 * real HTTP handler, on a clock that only moves when a test moves it.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

const { ingest } = apiCalls(() => t);

interface Sse {
  event: string;
  data: { conversationId: string | null; payload: Record<string, { id?: string }> };
}

function parse(text: string): Sse[] {
  return text
    .split('\n\n')
    .map((block) => ({
      event: /^event: ?(.*)$/m.exec(block)?.[1] ?? '',
      data: /^data: ?(.*)$/m.exec(block)?.[1] ?? '',
    }))
    .filter((b) => b.event !== '' && b.data !== '')
    .map((b) => ({ event: b.event, data: JSON.parse(b.data) as Sse['data'] }));
}

/** Opens the stream as `who`; `read` reads until a `message.created` of the marker conversation. */
async function openEvents(who: Person, query = '') {
  const res = await t.calmdesk.app.request(`/api/v1/events${query}`, {
    headers: { cookie: `calmdesk_session=${t.sessions[who].cookie}` },
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const read = async (until: (events: Sse[]) => boolean): Promise<Sse[]> => {
    const deadline = Date.now() + 5_000;
    while (!until(parse(text))) {
      if (Date.now() > deadline) throw new Error(`no marker in time; got:\n${text}`);
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`the stream ended; got:\n${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
    await reader.cancel();
    return parse(text);
  };
  return { read };
}

/** The ids of the offers and escalations among `events`. */
function moneyAndEscalations(events: Sse[]): string[] {
  return events
    .filter((e) => /^(goodwill|escalation)\./.test(e.event))
    .map((e) => `${e.event} ${e.data.payload.offer?.id ?? e.data.payload.escalation?.id}`)
    .sort();
}

describe('live events per role', () => {
  const expected: Record<Person, string[]> = { agent: [], agent2: [], supervisor: [], admin: [] };
  let live: Partial<Record<Person, { read: (until: (e: Sse[]) => boolean) => Promise<Sse[]> }>>;
  let marker = '';

  beforeAll(async () => {
    live = {};
    for (const who of ['agent', 'agent2', 'supervisor'] as const) live[who] = await openEvents(who);

    // The agent's own conversation, and a teammate's.
    const mine = (await ingest({ text: ANGRY })).conversationId;
    const theirs = (await ingest({ text: ANGRY })).conversationId;
    for (const [id, who] of [
      [mine, 'agent'],
      [theirs, 'agent2'],
    ] as const) {
      const res = await t.call('PATCH', `/api/v1/conversations/${id}`, {
        as: who,
        body: { assigneeId: t.sessions[who].user.id },
      });
      expect(res.status, res.text).toBe(200);
    }
    const offer = async (id: string, who: Person, value: number) => {
      const res = await t.call('POST', `/api/v1/conversations/${id}/goodwill`, {
        as: who,
        body: { kind: 'credit', value },
      });
      expect(res.status, res.text).toBe(201);
      return res.json.offer.id as string;
    };
    // The supervisor's offer on the agent's conversation: the agent sees it on their page.
    const onMine = await offer(mine, 'supervisor', 10);
    // The teammate's offer, sent for approval and approved: theirs alone among the agents.
    const theirsPending = await offer(theirs, 'agent2', 50);
    const approved = await t.call('POST', `/api/v1/goodwill/${theirsPending}/approve`, {
      as: 'supervisor',
      body: {},
    });
    expect(approved.status, approved.text).toBe(200);
    const escalated = await t.call('POST', `/api/v1/conversations/${theirs}/escalations`, {
      as: 'agent2',
      body: { reason: 'Still furious' },
    });
    expect(escalated.status, escalated.text).toBe(201);
    const escalation = escalated.json.escalation.id as string;
    const accepted = await t.call('POST', `/api/v1/escalations/${escalation}/accept`, {
      as: 'supervisor',
      body: {},
    });
    expect(accepted.status, accepted.text).toBe(200);

    const all = [
      `goodwill.proposed ${onMine}`,
      `goodwill.proposed ${theirsPending}`,
      `goodwill.decided ${theirsPending}`,
      `escalation.created ${escalation}`,
      `escalation.updated ${escalation}`,
    ].sort();
    expected.supervisor = all;
    expected.admin = all;
    expected.agent = [`goodwill.proposed ${onMine}`];
    expected.agent2 = all.filter((e) => !e.endsWith(onMine));
    // Instances tell each other of an admin's clearing through the events table: no client's business.
    const cleared = await t.call(
      'DELETE',
      `/api/v1/users/${t.sessions.agent.user.id}/sign-in-failures`,
      { as: 'admin' },
    );
    expect(cleared.status, cleared.text).toBe(200);
    marker = (await ingest({ text: 'The marker: every event before this one is sent.' }))
      .conversationId;
  });

  const sawMarker = (events: Sse[]) =>
    events.some((e) => e.event === 'message.created' && e.data.conversationId === marker);

  it.each(['agent', 'agent2', 'supervisor'] as const)(
    'sends %s live only the offers and escalations they may read',
    async (who) => {
      const events = await live[who]!.read(sawMarker);
      expect(moneyAndEscalations(events)).toEqual(expected[who]);
      // Everything else about conversations still arrives.
      expect(events.some((e) => e.event === 'conversation.updated')).toBe(true);
    },
  );

  it.each(['agent', 'agent2', 'supervisor', 'admin'] as const)(
    'replays to %s (since=0) only the offers and escalations they may read',
    async (who) => {
      const events = await (await openEvents(who, '?since=0')).read(sawMarker);
      expect(moneyAndEscalations(events)).toEqual(expected[who]);
      const unknown = events.filter(
        (e) => e.event !== 'ready' && !LIVE_EVENT_TYPES.some((type) => type === e.event),
      );
      expect(unknown).toEqual([]);
    },
  );

  it('matches what an agent may GET: both lists are refused', async () => {
    expect((await t.call('GET', '/api/v1/goodwill', { as: 'agent' })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/escalations', { as: 'agent' })).status).toBe(403);
  });
});
