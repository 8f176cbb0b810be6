import { DEFAULT_GOODWILL_POLICY } from '@calmdesk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANGRY, apiCalls, expectError } from '../http/api-fixtures.test-helper.js';
import { createTestApp, type As, type TestApp } from '../http/test-app.test-helper.js';
import type { StoredEvent } from '../storage/store.js';

/*
 * Who may decide a goodwill offer, what a decision records, and the month's budget at its exact
 * edge: the rules a mutation run found only loosely held by the other goodwill tests (issue 19).
 * Through the real HTTP handler, on SQLite. One app for the file (each mutant of a mutation run
 * runs these again, and signing four people in is the slow part); each test gets a conversation
 * of its own and a budget that leaves it exactly what it asks for.
 */

let t: TestApp;
let events: StoredEvent[] = [];
/** The month's budget the last `start` set. */
let monthlyBudget = 0;

beforeAll(async () => {
  t = await createTestApp();
  t.calmdesk.store.subscribe((event) => events.push(event));
}, 60_000);

afterAll(async () => {
  await t.close();
});

/**
 * A new angry conversation, with the month's goodwill budget set so that `left` is what is left
 * of it (earlier tests' spending counts against the month), and no events seen yet.
 */
async function start(left = 1000): Promise<string> {
  const { spentThisMonth } = await budget();
  monthlyBudget = spentThisMonth + left;
  const put = await t.call('PUT', '/api/v1/policy', {
    as: 'admin',
    body: { goodwill: { ...DEFAULT_GOODWILL_POLICY, monthlyBudget } },
  });
  expect(put.status, put.text).toBe(200);
  const { conversationId } = await apiCalls(() => t).ingest({ text: ANGRY });
  events = [];
  return conversationId;
}

interface Offer {
  id: string;
  status: string;
  approverRole: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  reason: string;
  label: string;
}

async function propose(conversationId: string, value: number, as: As = 'agent', reason?: string) {
  const res = await t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
    as,
    body: { kind: 'credit', value, ...(reason === undefined ? {} : { reason }) },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.offer as Offer;
}

const decide = (id: string, verb: 'approve' | 'reject', as: As, body: object = {}) =>
  t.call('POST', `/api/v1/goodwill/${id}/${verb}`, { as, body });

async function offerNow(conversationId: string, id: string): Promise<Offer> {
  const offers = (await apiCalls(() => t).getConversation(conversationId))
    .goodwillOffers as Offer[];
  const offer = offers.find((o) => o.id === id);
  expect(offer).toBeDefined();
  return offer!;
}

async function budget() {
  const res = await t.call('GET', '/api/v1/goodwill', { as: 'supervisor' });
  expect(res.status, res.text).toBe(200);
  return res.json.budget as { spentThisMonth: number; left: number };
}

/** An amount as the server writes it: whole numbers bare, others with two decimals. */
const usd = (n: number) => `${Number.isInteger(n) ? String(n) : n.toFixed(2)} USD`;

async function auditOf(action: string, entityId: string) {
  const res = await t.call('GET', '/api/v1/audit?limit=200', { as: 'admin' });
  expect(res.status, res.text).toBe(200);
  const entries = (
    res.json.entries as { action: string; entity: string; entityId: string; details: unknown }[]
  ).filter((e) => e.action === action && e.entityId === entityId);
  // Every goodwill entry names what it is about, so the log can be filtered by it.
  for (const e of entries) expect(e.entity).toBe('goodwill_offer');
  return entries;
}

/** Gives a person another role (as an admin would) and signs them in again. */
async function promote(who: 'agent' | 'agent2', role: 'agent' | 'supervisor' | 'admin') {
  const res = await t.call('PATCH', `/api/v1/users/${t.sessions[who].user.id}`, {
    as: 'admin',
    body: { role },
  });
  expect(res.status, res.text).toBe(200);
  await t.signIn(who);
}

describe('who decides a goodwill offer', () => {
  it('leaves an offer above a supervisor’s limit to an admin: a supervisor can neither approve nor reject it', async () => {
    const conversationId = await start();
    const offer = await propose(conversationId, 150);
    expect(offer).toMatchObject({ status: 'pending', approverRole: 'admin' });
    expectError(await decide(offer.id, 'approve', 'supervisor'), 403, 'forbidden', /an admin/);
    expectError(await decide(offer.id, 'reject', 'supervisor'), 403, 'forbidden', /an admin/);
    expect(await offerNow(conversationId, offer.id)).toMatchObject({ status: 'pending' });

    const approved = await decide(offer.id, 'approve', 'admin');
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.offer).toMatchObject({
      status: 'approved',
      decidedBy: t.sessions.admin.user.id,
    });
  });

  it('never lets a supervisor approve an offer they proposed themselves, even after a promotion', async () => {
    const conversationId = await start();
    const offer = await propose(conversationId, 50);
    expect(offer).toMatchObject({ status: 'pending', approverRole: 'supervisor' });
    await promote('agent', 'supervisor');
    expectError(await decide(offer.id, 'approve', 'agent'), 403, 'forbidden', /second person/);
    expect(await offerNow(conversationId, offer.id)).toMatchObject({ status: 'pending' });
    // Another supervisor is the second person.
    expect((await decide(offer.id, 'approve', 'supervisor')).status).toBe(200);
    await promote('agent', 'agent');
  });

  it('lets an admin decide an offer they proposed before they became one: an admin owns the limits', async () => {
    const conversationId = await start();
    const offer = await propose(conversationId, 50, 'agent2');
    await promote('agent2', 'admin');
    const res = await decide(offer.id, 'approve', 'agent2');
    expect(res.status, res.text).toBe(200);
    expect(res.json.offer).toMatchObject({
      status: 'approved',
      decidedBy: t.sessions.agent2.user.id,
    });
    await promote('agent2', 'agent');
  });
});

describe('what a decision records', () => {
  it('records a rejection with who, when and no note, audits it as rejected, and spends nothing', async () => {
    const conversationId = await start();
    const offer = await propose(conversationId, 50);
    const spentBefore = (await budget()).spentThisMonth;
    t.clock.advance(90_000);
    const res = await decide(offer.id, 'reject', 'supervisor');
    expect(res.status, res.text).toBe(200);
    const rejected = {
      status: 'rejected',
      decidedBy: t.sessions.supervisor.user.id,
      decidedAt: t.clock.now().toISOString(),
      decisionNote: null,
    };
    expect(res.json.offer).toMatchObject(rejected);
    expect(await offerNow(conversationId, offer.id)).toMatchObject(rejected);
    expect((await budget()).spentThisMonth).toBe(spentBefore);
    expect((await auditOf('goodwill.rejected', offer.id)).map((e) => e.details)).toEqual([
      { note: null },
    ]);
    expect(await auditOf('goodwill.approved', offer.id)).toEqual([]);
    const decided = events.filter((e) => e.type === 'goodwill.decided');
    expect(decided.map((e) => e.payload.offer)).toEqual([res.json.offer]);
  });

  it('audits an approval within the budget with its note and no override', async () => {
    const conversationId = await start();
    const offer = await propose(conversationId, 50);
    const spentBefore = (await budget()).spentThisMonth;
    const res = await decide(offer.id, 'approve', 'supervisor', { note: 'Fair' });
    expect(res.status, res.text).toBe(200);
    expect((await auditOf('goodwill.approved', offer.id)).map((e) => e.details)).toEqual([
      { note: 'Fair' },
    ]);
    expect((await budget()).spentThisMonth).toBe(spentBefore + 50);
  });
});

describe('the month’s budget at its edge', () => {
  it('approves an offer that uses exactly what is left, and refuses one a cent over it', async () => {
    const conversationId = await start(100);
    const first = await propose(conversationId, 50);
    const centOver = await propose(conversationId, 50.01);
    const exact = await propose(conversationId, 50);
    for (const o of [first, centOver, exact]) expect(o.status).toBe('pending');
    expect((await decide(first.id, 'approve', 'supervisor')).status).toBe(200);

    const refused = await decide(centOver.id, 'approve', 'supervisor');
    expectError(refused, 409, 'conflict');
    expect(refused.json.error.message).toContain(
      `the 50 USD left of this month's goodwill budget of ${usd(monthlyBudget)}`,
    );
    expect(refused.json.error.details).toEqual({ budgetLeft: 50, monthlyBudget });

    const res = await decide(exact.id, 'approve', 'supervisor');
    expect(res.status, res.text).toBe(200);
    expect(await budget()).toMatchObject({ spentThisMonth: monthlyBudget, left: 0 });
    expect((await auditOf('goodwill.approved', exact.id)).map((e) => e.details)).toEqual([
      { note: null },
    ]);
  });

  it('says nothing is left, never a negative amount, once an admin has given past the budget', async () => {
    const conversationId = await start(30);
    expect((await propose(conversationId, 50, 'admin')).status).toBe('approved');
    const offer = await propose(conversationId, 10);
    expect(offer).toMatchObject({ status: 'pending', approverRole: 'admin' });
    const refused = await decide(offer.id, 'approve', 'admin');
    expectError(refused, 409, 'conflict', /the 0 USD left/);
    expect(refused.json.error.details).toEqual({ budgetLeft: 0, monthlyBudget });
  });
});

describe('what a proposal records', () => {
  it('grants an offer within the limit with who and when, gives the policy’s reason, and announces it', async () => {
    const conversationId = await start();
    t.clock.advance(30_000);
    const offer = await propose(conversationId, 10);
    expect(offer).toMatchObject({
      status: 'approved',
      decidedBy: t.sessions.agent.user.id,
      decidedAt: t.clock.now().toISOString(),
    });
    // No reason given: the offer says why it could be granted.
    expect(offer.reason).toMatch(/within/);
    expect((await auditOf('goodwill.proposed', offer.id)).map((e) => e.details)).toEqual([
      { label: offer.label, status: 'approved' },
    ]);
    const proposed = events.filter((e) => e.type === 'goodwill.proposed');
    expect(proposed.map((e) => [e.conversationId, e.payload.offer])).toEqual([
      [conversationId, offer],
    ]);
  });

  it('sends an offer for approval with no decision yet, keeping the agent’s own reason', async () => {
    const conversationId = await start();
    const offer = await propose(conversationId, 50, 'agent', 'Three late orders');
    expect(offer).toMatchObject({
      status: 'pending',
      approverRole: 'supervisor',
      decidedBy: null,
      decidedAt: null,
      reason: 'Three late orders',
    });
    expect((await auditOf('goodwill.proposed', offer.id)).map((e) => e.details)).toEqual([
      { label: offer.label, status: 'pending' },
    ]);
  });

  it('marks an admin’s own offer over the budget in the audit log, but not one that uses exactly what is left', async () => {
    const conversationId = await start(30);
    const exact = await propose(conversationId, 30, 'admin');
    expect(exact.status).toBe('approved');
    const over = await propose(conversationId, 0.5, 'admin');
    expect(over.status).toBe('approved');
    expect((await auditOf('goodwill.proposed', exact.id)).map((e) => e.details)).toEqual([
      { label: exact.label, status: 'approved' },
    ]);
    expect((await auditOf('goodwill.proposed', over.id)).map((e) => e.details)).toEqual([
      { label: over.label, status: 'approved', overBudget: true },
    ]);
  });

  it('refuses an offer above what even an admin may give with every reason, and stores nothing', async () => {
    const conversationId = await start();
    const res = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: {
        goodwill: {
          ...DEFAULT_GOODWILL_POLICY,
          offers: DEFAULT_GOODWILL_POLICY.offers.map((o) =>
            o.kind === 'credit' ? { ...o, limits: { ...o.limits, admin: 200 } } : o,
          ),
        },
      },
    });
    expect(res.status, res.text).toBe(200);
    const refused = await t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
      as: 'admin',
      body: { kind: 'credit', value: 250 },
    });
    expectError(refused, 400, 'invalid_request', /above what even an admin may offer \(200\)/);
    expect(refused.json.error.details.reasons).toEqual([refused.json.error.message]);
    expect((await apiCalls(() => t).getConversation(conversationId)).goodwillOffers).toEqual([]);
  });
});
