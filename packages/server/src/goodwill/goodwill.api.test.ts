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

describe('goodwill in the customer’s currency', () => {
  it('suggests and records a credit in the amount and currency the conversation states', async () => {
    const contact = { externalId: 'eur-customer', name: 'Inès' };
    const conversation = { externalId: 'eur-double-charge', channel: 'email' };
    const first = await ingest({
      contact,
      conversation,
      text: 'You debited 48,90 € twice from my card for ONE order (order 77310)!! I want it back now.',
    });
    await ingest({
      contact,
      conversation,
      direction: 'outgoing',
      text: 'I am sorry, I can see the duplicate 48,90 € payment and I am refunding it today.',
    });
    const id = first.conversationId;

    const suggested = await t.call('GET', `/api/v1/conversations/${id}/goodwill/suggestion`, {
      as: 'supervisor',
    });
    expect(suggested.status, suggested.text).toBe(200);
    expect(suggested.json.problem).toBe('billing_error');
    expect(suggested.json.offer).toMatchObject({
      kind: 'credit',
      value: 48.9,
      currency: 'EUR',
      label: '48.90 EUR account credit',
    });
    expect(suggested.json.reasons.join(' ')).not.toMatch(/Overcharge not given/);

    // A currency that is not an ISO code is refused, and nothing is recorded.
    const path = `/api/v1/conversations/${id}/goodwill`;
    const before = await t.call('GET', '/api/v1/goodwill?status=pending', { as: 'supervisor' });
    expectError(
      await t.call('POST', path, {
        as: 'agent',
        body: { kind: 'credit', value: 48.9, currency: 'euros' },
      }),
      400,
      'invalid_request',
    );
    const after = await t.call('GET', '/api/v1/goodwill?status=pending', { as: 'supervisor' });
    expect(after.json.offers).toHaveLength(before.json.offers.length);

    const proposed = await t.call('POST', path, {
      as: 'agent',
      body: { kind: 'credit', value: 48.9, currency: 'EUR' },
    });
    expect(proposed.status, proposed.text).toBe(201);
    expect(proposed.json.offer.label).toBe('48.90 EUR account credit');
  });
});
