import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANGRY,
  apiCalls,
  expectError,
  expectNothingSecretIn,
} from '../http/api-fixtures.test-helper.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';

/*
 * Escalations: raised by an agent, taken over and answered by a supervisor.
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
