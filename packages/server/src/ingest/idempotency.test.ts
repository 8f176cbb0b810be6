import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANGRY, CALM, apiCalls } from '../http/api-fixtures.test-helper.js';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';
import type { StoredEvent } from '../storage/store.js';

/*
 * A message delivered again is stored once (issue 19, where a mutation run found it loosely
 * held): what a redelivery answers, that it changes and announces nothing, what the audit log
 * counts, messages with no external id, and repeats on either side of the store's insert chunks.
 * Through the real HTTP handler.
 */

let t: TestApp;
const events: StoredEvent[] = [];

beforeAll(async () => {
  t = await createTestApp();
  t.calmdesk.store.subscribe((event) => events.push(event));
}, 60_000);

afterAll(async () => {
  await t.close();
});

const { getConversation } = apiCalls(() => t);

const send = (body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/messages', { as: 'token', body });
const sendBatch = (messages: Record<string, unknown>[]) =>
  t.call('POST', '/api/v1/messages/batch', { as: 'agent', body: { messages } });

async function ingestAudits() {
  const res = await t.call('GET', '/api/v1/audit?limit=500', { as: 'admin' });
  expect(res.status, res.text).toBe(200);
  const entries = (
    res.json.entries as {
      action: string;
      entity: string;
      entityId: string | null;
      details: unknown;
    }[]
  ).filter((e) => e.action === 'messages.ingested');
  // Each names what it is about, so the log can be filtered by it.
  for (const e of entries) expect(e.entity).toBe('message');
  return entries.map((e) => ({ entityId: e.entityId, details: e.details }));
}

describe('a message delivered again', () => {
  it('answers with the message stored first and changes and announces nothing', async () => {
    const original = message({ text: ANGRY });
    const first = await send(original);
    expect(first.status, first.text).toBe(201);
    const before = await getConversation(first.json.conversationId);
    const eventsBefore = events.length;

    // The same external id with other words: a redelivery, not a new message.
    const again = await send({ ...original, text: CALM });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toEqual({
      ...first.json,
      duplicate: true,
    });
    expect(again.json.temperature).toBeGreaterThan(50);
    const after = await getConversation(first.json.conversationId);
    expect(after.messages.map((m: { text: string }) => m.text)).toEqual([ANGRY]);
    expect(after.conversation).toEqual(before.conversation);
    expect(events).toHaveLength(eventsBefore);
  });

  it('stores every message that has no external id, however alike', async () => {
    const { externalId: _, ...alike } = message();
    const first = await send(alike);
    const second = await send(alike);
    for (const res of [first, second]) {
      expect(res.status, res.text).toBe(201);
      expect(res.json.duplicate).toBe(false);
    }
    expect(second.json.messageId).not.toBe(first.json.messageId);
    expect((await getConversation(first.json.conversationId)).messages).toHaveLength(2);
  });
});

describe('the audit log of deliveries', () => {
  it('records what each delivery stored and repeated, and nothing for a delivery of nothing new', async () => {
    const seen = message();
    const single = await send(seen);
    const batch = await sendBatch([message(), seen, message()]);
    expect(batch.status, batch.text).toBe(201);
    const audits = await ingestAudits();
    expect(audits.slice(0, 2)).toEqual([
      { entityId: null, details: { source: 'api', stored: 2, duplicates: 1 } },
      { entityId: single.json.messageId, details: { source: 'api', stored: 1, duplicates: 0 } },
    ]);

    expect((await send(seen)).json.duplicate).toBe(true);
    expect((await sendBatch([seen, seen])).json).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await ingestAudits()).toEqual(audits);
  });
});

describe('a batch larger than one insert', () => {
  it('finds repeats on either side of the store’s chunks of 200 rows', async () => {
    const stored = message();
    expect((await send(stored)).status).toBe(201);
    const fresh = Array.from({ length: 230 }, () => message());
    // A message already stored and one repeated from the batch's first chunk, both in its second.
    const batch = [...fresh.slice(0, 210), stored, fresh[3]!, ...fresh.slice(210)];
    const res = await sendBatch(batch);
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ stored: 230, duplicates: 2 });
    const results = res.json.results as { duplicate: boolean; messageId: string }[];
    expect(results.map((r, i) => (r.duplicate ? i : -1)).filter((i) => i >= 0)).toEqual([210, 211]);
    expect(results[211]!.messageId).toBe(results[3]!.messageId);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(231);
  });
});
