import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';

/*
 * Live updates: the event stream a signed-in browser follows.
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

const { ingest } = apiCalls(() => t);

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
      const ids = events.flatMap((e) => (e.id === undefined ? [] : [e.id]));
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id) => id <= firstId)).toEqual([]);
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
