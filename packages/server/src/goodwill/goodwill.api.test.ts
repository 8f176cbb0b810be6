import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANGRY,
  apiCalls,
  expectError,
  expectNothingSecretIn,
} from '../http/api-fixtures.test-helper.js';
import { createTestApp, type As, type TestApp } from '../http/test-app.test-helper.js';

/*
 * Goodwill: the offer suggested for a conversation, and what becomes of it.
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

const { ingest, getConversation } = apiCalls(() => t);

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
