import { DEFAULT_GOODWILL_POLICY } from '@calmdesk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ANGRY, apiCalls, expectError } from '../http/api-fixtures.test-helper.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';
import { createTestDatabase, shouldRunPostgres } from '../storage/test-stores.test-helper.js';

/*
 * The month's goodwill budget under pressure, on both databases, through the real HTTP handler:
 * offers sent at once never grant more than the budget together, and an approval rechecks it.
 */

const runPostgres = await shouldRunPostgres();

interface Database {
  name: 'sqlite' | 'postgres';
  /** The app's database settings and how to remove the database afterwards. */
  open: () => Promise<{ config: { databaseUrl?: string }; drop: () => Promise<void> }>;
}

const DATABASES: Database[] = [
  { name: 'sqlite', open: () => Promise.resolve({ config: {}, drop: () => Promise.resolve() }) },
  ...(runPostgres
    ? [
        {
          name: 'postgres' as const,
          open: async () => {
            const db = await createTestDatabase();
            return { config: { databaseUrl: db.url }, drop: db.drop };
          },
        },
      ]
    : []),
];

interface Offer {
  id: string;
  status: string;
  currencyValue: number;
  approverRole: string | null;
}

describe.each(DATABASES)('goodwill budget on $name', (database) => {
  let t: TestApp;
  let drop: () => Promise<void> = () => Promise.resolve();

  afterEach(async () => {
    await t.close();
    await drop();
  });

  async function start(monthlyBudget: number): Promise<string> {
    const opened = await database.open();
    drop = opened.drop;
    t = await createTestApp({ config: opened.config });
    const put = await t.call('PUT', '/api/v1/policy', {
      as: 'admin',
      body: { goodwill: { ...DEFAULT_GOODWILL_POLICY, monthlyBudget } },
    });
    expect(put.status, put.text).toBe(200);
    return (await apiCalls(() => t).ingest({ text: ANGRY })).conversationId;
  }

  async function approvedOffers(): Promise<Offer[]> {
    const res = await t.call('GET', '/api/v1/goodwill?status=approved&limit=500', {
      as: 'supervisor',
    });
    expect(res.status, res.text).toBe(200);
    return res.json.offers;
  }

  const total = (offers: Offer[]) => offers.reduce((sum, o) => sum + o.currencyValue, 0);

  it('grants offers sent at once only up to the month’s budget; the rest wait for an admin', async () => {
    const conversationId = await start(100);
    // Twenty agents' offers of 20 USD (within an agent's own limit) at the same moment.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
          as: i % 2 === 0 ? 'agent' : 'agent2',
          body: { kind: 'credit', value: 20 },
        }),
      ),
    );
    for (const res of results) expect(res.status, res.text).toBe(201);
    const answered: Offer[] = results.map((r) => r.json.offer);
    expect(answered.filter((o) => o.status === 'approved')).toHaveLength(5);
    const waiting = answered.filter((o) => o.status === 'pending');
    expect(waiting).toHaveLength(15);
    expect(waiting.every((o) => o.approverRole === 'admin')).toBe(true);

    // What a supervisor sees afterwards: five approved, the budget spent and not a cent more.
    const approved = await approvedOffers();
    expect(approved).toHaveLength(5);
    expect(total(approved)).toBe(100);
    const conversation = await t.call('GET', `/api/v1/conversations/${conversationId}`, {
      as: 'agent',
    });
    expect(
      conversation.json.goodwillOffers.filter((o: Offer) => o.status === 'approved'),
    ).toHaveLength(5);
  });

  it('rechecks the budget on approval: past it only an admin’s override approves, audited', async () => {
    const conversationId = await start(60);
    const propose = async () => {
      const res = await t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
        as: 'agent',
        body: { kind: 'credit', value: 50, reason: 'Three late orders' },
      });
      expect(res.status, res.text).toBe(201);
      expect(res.json.offer).toMatchObject({ status: 'pending', approverRole: 'supervisor' });
      return res.json.offer.id as string;
    };
    const [first, second, third] = [await propose(), await propose(), await propose()];
    const approve = (id: string, as: 'supervisor' | 'admin', body: object = {}) =>
      t.call('POST', `/api/v1/goodwill/${id}/approve`, { as, body });

    expect((await approve(first, 'supervisor')).status).toBe(200);
    // 10 USD left: neither the supervisor nor an admin approves 50 without saying so.
    expectError(await approve(second, 'supervisor'), 409, 'conflict', /10 USD left.*override/);
    expectError(await approve(second, 'admin'), 409, 'conflict', /override/);
    expectError(
      await approve(second, 'supervisor', { override: true }),
      403,
      'forbidden',
      /Only an admin/,
    );
    expectError(await approve(second, 'admin', { override: 'yes' }), 400, 'invalid_request');
    expect(total(await approvedOffers())).toBe(50);

    const overridden = await approve(second, 'admin', { override: true, note: 'Loyal customer' });
    expect(overridden.status, overridden.text).toBe(200);
    expect(overridden.json.offer).toMatchObject({
      status: 'approved',
      decisionNote: 'Loyal customer',
    });
    // Rejecting still needs no budget; the third offer waits on.
    expect(
      (await t.call('POST', `/api/v1/goodwill/${third}/reject`, { as: 'supervisor', body: {} }))
        .status,
    ).toBe(200);

    const audit = await t.call('GET', '/api/v1/audit?limit=100', { as: 'admin' });
    const approvals = audit.json.entries.filter(
      (e: { action: string }) => e.action === 'goodwill.approved',
    );
    expect(approvals).toHaveLength(2);
    const byEntity = new Map(
      approvals.map((e: { entityId: string; details: unknown; actorId: string }) => [
        e.entityId,
        e,
      ]),
    );
    expect(byEntity.get(second)).toMatchObject({
      actorId: t.sessions.admin.user.id,
      details: expect.objectContaining({ override: true }) as unknown,
    });
    expect(byEntity.get(first)).not.toMatchObject({
      details: expect.objectContaining({ override: true }) as unknown,
    });
    expect(total(await approvedOffers())).toBe(100);
  });

  it('grants an admin’s own offer past the budget, and the audit log says it was past it', async () => {
    const conversationId = await start(30);
    const propose = (as: 'agent' | 'admin') =>
      t.call('POST', `/api/v1/conversations/${conversationId}/goodwill`, {
        as,
        body: { kind: 'credit', value: 20 },
      });
    expect((await propose('agent')).json.offer.status).toBe('approved');
    // 10 left: an agent's offer waits for an admin; an admin's own is theirs to give.
    expect((await propose('agent')).json.offer).toMatchObject({
      status: 'pending',
      approverRole: 'admin',
    });
    const own = await propose('admin');
    expect(own.json.offer.status).toBe('approved');
    const audit = await t.call('GET', '/api/v1/audit?limit=20', { as: 'admin' });
    const proposed = audit.json.entries.filter(
      (e: { action: string }) => e.action === 'goodwill.proposed',
    );
    expect(
      proposed.find((e: { entityId: string }) => e.entityId === own.json.offer.id),
    ).toMatchObject({
      details: expect.objectContaining({ status: 'approved', overBudget: true }) as unknown,
    });
    expect(
      proposed.filter((e: { details: { overBudget?: boolean } }) => e.details.overBudget === true),
    ).toHaveLength(1);
  });
});
