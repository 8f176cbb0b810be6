import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANGRY, apiCalls, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';
import type { StoredEvent } from '../storage/store.js';

/*
 * The approvals queue carries what a supervisor decides on without opening the conversation,
 * and the supervisor's note goes back to the agent who proposed the offer.
 */

let t: TestApp;
const events: StoredEvent[] = [];

beforeAll(async () => {
  t = await createTestApp();
  t.calmdesk.store.subscribe((event) => events.push(event));
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

const { ingest, getConversation } = apiCalls(() => t);

describe('the goodwill approvals queue', () => {
  it('shows the heat, the problem, the reason, the proposer and the budget left', async () => {
    const { conversationId } = await ingest({ text: ANGRY });
    const granted = await t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
      as: 'agent',
      body: { kind: 'credit', value: 10 },
    });
    expect(granted.json.offer.status).toBe('approved');
    const proposed = await t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
      as: 'agent',
      body: { kind: 'credit', value: 50, reason: 'Three weeks without an answer' },
    });
    expect(proposed.json.offer.status, proposed.text).toBe('pending');

    const queue = await t.call('GET', '/api/v1/goodwill', { as: 'supervisor' });
    expect(queue.status, queue.text).toBe(200);
    const conversation = (await getConversation(conversationId)).conversation;
    const item = queue.json.offers.find((o: { id: string }) => o.id === proposed.json.offer.id);
    expect(item).toMatchObject({
      reason: 'Three weeks without an answer',
      proposedBy: t.sessions.agent.user.id,
      proposedByName: t.sessions.agent.user.name,
      conversation: {
        subject: conversation.subject,
        temperature: conversation.temperature,
        trend: conversation.trend,
      },
    });
    expect(item.conversation.temperature).toBeGreaterThan(50);
    expect(item.conversation.contactName).toMatch(/^Customer /);
    // The problem in words, as the hand-off to a supervisor names it.
    expect(item.problem).toEqual(expect.any(String));
    expect(item.problem.length).toBeGreaterThan(5);
    // The 10 already granted counts against this month's budget.
    const { budget } = queue.json;
    expect(budget).toMatchObject({ currency: expect.any(String), spentThisMonth: 10 });
    expect(budget.left).toBe(budget.monthlyBudget - 10);
  });

  it('sends the supervisor’s note back to the agent: on the offer and in the live event', async () => {
    const { conversationId } = await ingest({ text: ANGRY });
    const proposed = await t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
      as: 'agent',
      body: { kind: 'credit', value: 40 },
    });
    const id = proposed.json.offer.id as string;
    const note = 'Approved: apologise for the three weeks, too.';
    const res = await t.call('POST', `/api/v1/goodwill/${id}/approve`, {
      as: 'supervisor',
      body: { note },
    });
    expect(res.status, res.text).toBe(200);

    const offer = (await getConversation(conversationId)).goodwillOffers.find(
      (o: { id: string }) => o.id === id,
    );
    expect(offer).toMatchObject({ status: 'approved', decisionNote: note });
    const decided = events.find(
      (e) => e.type === 'goodwill.decided' && (e.payload.offer as { id: string }).id === id,
    );
    expect(decided?.conversationId).toBe(conversationId);
    expect(decided?.payload.offer).toMatchObject({
      status: 'approved',
      decisionNote: note,
      decidedBy: t.sessions.supervisor.user.id,
    });
  });
});
