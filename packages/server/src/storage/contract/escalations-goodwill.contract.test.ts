import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoodwillOfferRow, Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  escalation,
  goodwillOffer,
  ids,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
  user,
} from './store-contract.test-helper.js';

/*
 * The store contract: escalations and goodwill offers. Each test runs on SQLite and on a real
 * PostgreSQL (see ./store-contract.test-helper.ts).
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('escalations and goodwill', () => {
    it('stores escalations, updates them and lists them by status, newest first', async () => {
      await store.insertUser(user('sup', { role: 'supervisor' }));
      const { conversation } = await seedThread(store, 'a');
      const first = escalation('e1', conversation.id, { requestedBy: 'sup' });
      await store.insertEscalation(first);
      await store.insertEscalation(escalation('e2', conversation.id, { createdAt: at(1) }));
      await store.insertEscalation(
        escalation('e3', conversation.id, { createdAt: at(2), status: 'resolved' }),
      );

      expect(await store.getEscalation('e1')).toEqual(first);
      expect(await store.getEscalation('nope')).toBeUndefined();
      expect(ids(await store.listEscalations({ statuses: ['open'], limit: 10 }))).toEqual([
        'e2',
        'e1',
      ]);

      await store.updateEscalation('e1', {
        status: 'accepted',
        ownerId: 'sup',
        note: 'on it',
        updatedAt: at(5),
      });
      expect(await store.getEscalation('e1')).toEqual({
        ...first,
        status: 'accepted',
        ownerId: 'sup',
        note: 'on it',
        updatedAt: at(5),
      });
      expect(ids(await store.listEscalations({ statuses: ['open'], limit: 10 }))).toEqual(['e2']);
      expect(
        ids(await store.listEscalations({ statuses: ['accepted', 'resolved'], limit: 10 })),
      ).toEqual(['e3', 'e1']);
      expect(
        ids(await store.listEscalations({ conversationId: conversation.id, limit: 2 })),
      ).toEqual(['e3', 'e2']);
    });

    it('stores goodwill offers, records decisions and lists them by status', async () => {
      await store.insertUser(user('agent'));
      await store.insertUser(user('sup', { role: 'supervisor' }));
      const { conversation } = await seedThread(store, 'a');
      const pending = goodwillOffer('g1', conversation.id, 'agent', {
        status: 'pending',
        approverRole: 'supervisor',
        reason: 'order lost twice',
        value: 25.5,
        currencyValue: 31.75,
      });
      await store.insertGoodwillOffer(pending);
      await store.insertGoodwillOffer(
        goodwillOffer('g2', conversation.id, 'agent', { createdAt: at(1) }),
      );

      expect(await store.getGoodwillOffer('g1')).toEqual(pending);
      expect(ids(await store.listGoodwillOffers({ statuses: ['pending'], limit: 10 }))).toEqual([
        'g1',
      ]);

      await store.updateGoodwillOffer('g1', {
        status: 'rejected',
        decidedBy: 'sup',
        decisionNote: 'too much',
        decidedAt: at(2),
      });
      expect(await store.getGoodwillOffer('g1')).toEqual({
        ...pending,
        status: 'rejected',
        decidedBy: 'sup',
        decisionNote: 'too much',
        decidedAt: at(2),
      });
      expect(await store.listGoodwillOffers({ statuses: ['pending'], limit: 10 })).toEqual([]);
      expect(
        ids(await store.listGoodwillOffers({ conversationId: conversation.id, limit: 10 })),
      ).toEqual(['g2', 'g1']);
    });

    it('sums the goodwill approved (decided) since a date, and nothing else', async () => {
      await store.insertUser(user('agent'));
      const { conversation } = await seedThread(store, 'a');
      const offer = (id: string, o: Partial<GoodwillOfferRow>) =>
        store.insertGoodwillOffer(goodwillOffer(id, conversation.id, 'agent', o));
      const monthStart = '2026-11-01T00:00:00.000Z';

      expect(await store.goodwillSpentSince(monthStart)).toBe(0);
      await offer('last-month', { currencyValue: 100, decidedAt: '2026-10-31T23:59:59.999Z' });
      // Proposed last month, approved this month: it counts against this month's budget.
      await offer('approved-late', {
        currencyValue: 4,
        createdAt: '2026-10-20T10:00:00.000Z',
        decidedAt: T0,
      });
      await offer('first-instant', { currencyValue: 10.25, decidedAt: monthStart });
      await offer('later', { currencyValue: 5.5, decidedAt: T0 });
      await offer('pending', { currencyValue: 1000, status: 'pending', createdAt: T0 });
      await offer('rejected', { currencyValue: 1000, status: 'rejected', createdAt: T0 });

      expect(await store.goodwillSpentSince(monthStart)).toBe(19.75);
      expect(await store.goodwillSpentSince('2026-10-01T00:00:00.000Z')).toBe(119.75);
      expect(await store.goodwillSpentSince('2026-12-01T00:00:00.000Z')).toBe(0);
    });

    it('lets one transaction at a time spend the budget once it holds the budget lock', async () => {
      await store.insertUser(user('agent'));
      const { conversation } = await seedThread(store, 'a');
      const monthStart = '2026-11-01T00:00:00.000Z';
      // Two approvals of 60 against a budget of 100, at once: each reads what is spent under
      // the lock, so the second sees the first and stays within the budget.
      const approveWithin = (id: string) =>
        store.transaction(async (tx) => {
          await tx.lockGoodwillBudget(T0);
          const spent = await tx.goodwillSpentSince(monthStart);
          await new Promise((resolve) => setTimeout(resolve, 50));
          if (spent + 60 > 100) return false;
          await tx.insertGoodwillOffer(
            goodwillOffer(id, conversation.id, 'agent', { currencyValue: 60, decidedAt: T0 }),
          );
          return true;
        });
      const granted = await Promise.all([approveWithin('g1'), approveWithin('g2')]);
      expect(granted.filter(Boolean)).toHaveLength(1);
      expect(await store.goodwillSpentSince(monthStart)).toBe(60);
    });
  });
});

skipPostgresWhenAbsent();
