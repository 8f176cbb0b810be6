import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationPatch, ConversationRow, Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  drivers,
  followUp,
  seedContact,
  seedConversation,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
  user,
} from './store-contract.test-helper.js';

/*
 * The store contract: the team view's figures per person. Each test runs on SQLite and on a real
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

  describe('the team view', () => {
    it('counts heated work in hand, de-escalations and promises per enabled agent and supervisor', async () => {
      await store.insertUser(user('ana', { name: 'Ana' }));
      await store.insertUser(user('bo', { name: 'Bo', role: 'supervisor' }));
      await store.insertUser(user('eve', { name: 'Eve' }));
      await store.insertUser(user('cy', { name: 'Cy', disabled: 1 }));
      await store.insertUser(user('dee', { name: 'Dee', role: 'admin' }));
      const contact = await seedContact(store);
      const conversation = (key: string, patch: ConversationPatch) =>
        seedConversation(store, contact.id, key, T0, { subject: `Subject ${key}`, ...patch });
      const ana = (key: string, status: string, temperature: number, peak = temperature) =>
        conversation(key, { assigneeId: 'ana', status, temperature, peakTemperature: peak });

      // Ana: six heated in hand (60 counts: at the threshold), the five hottest named.
      const h1 = await ana('h1', 'open', 80, 90); // fell exactly 10 below its peak: calmed
      await ana('h2', 'pending', 60);
      const h3 = await ana('h3', 'open', 64);
      const h4 = await ana('h4', 'open', 63);
      const h5 = await ana('h5', 'open', 62);
      const h6 = await ana('h6', 'pending', 61);
      await ana('mild', 'open', 50, 59); // upset, fell 9: not calmed; not heated
      await ana('done', 'resolved', 20, 70); // upset, calmed; not in hand
      await ana('later', 'snoozed', 95); // upset; not in hand
      // Bo: never upset. Cy (disabled) and Dee (admin) are not listed; nor is the unassigned one.
      await conversation('bo-1', { assigneeId: 'bo', temperature: 59, peakTemperature: 44 });
      await conversation('cy-1', { assigneeId: 'cy', temperature: 90, peakTemperature: 90 });
      await conversation('dee-1', { assigneeId: 'dee', temperature: 90, peakTemperature: 90 });
      await conversation('nobody', { temperature: 99, peakTemperature: 99 });

      const thread = await seedThread(store, 'promises');
      const promise = (id: string, ownerId: string, status: string) =>
        store.insertFollowUp(followUp(id, thread, { ownerId, status }));
      await promise('k1', 'ana', 'kept');
      await promise('k2', 'ana', 'kept');
      await promise('m1', 'ana', 'missed');
      await promise('p1', 'ana', 'pending');
      await promise('d1', 'ana', 'due');
      await promise('m2', 'bo', 'missed');
      await promise('x1', 'cy', 'kept');

      const options = {
        heatedTemperature: 60,
        upsetTemperature: 45,
        minTemperatureFall: 10,
        hottest: 5,
      };
      const team = await store.teamStats(options);
      const hot = (c: ConversationRow) => ({
        id: c.id,
        subject: c.subject,
        temperature: c.temperature,
      });
      expect(team).toEqual([
        {
          user: { id: 'ana', name: 'Ana', role: 'agent' },
          openHeated: 6,
          hottest: [h1, h3, h4, h5, h6].map(hot),
          upset: 9,
          calmed: 2,
          promises: { kept: 2, missed: 1, pending: 2 },
        },
        {
          user: { id: 'bo', name: 'Bo', role: 'supervisor' },
          openHeated: 0,
          hottest: [],
          upset: 0,
          calmed: 0,
          promises: { kept: 0, missed: 1, pending: 0 },
        },
        {
          user: { id: 'eve', name: 'Eve', role: 'agent' },
          openHeated: 0,
          hottest: [],
          upset: 0,
          calmed: 0,
          promises: { kept: 0, missed: 0, pending: 0 },
        },
      ]);

      // Thresholds between whole temperatures count as the next one up.
      const stricter = await store.teamStats({
        ...options,
        heatedTemperature: 63.5,
        minTemperatureFall: 9.5,
        hottest: 1,
      });
      expect(stricter[0]).toMatchObject({ openHeated: 2, hottest: [hot(h1)], calmed: 2 });
      expect(await store.transaction((tx) => tx.teamStats(options))).toEqual(team);
    });

    it('counts the heated conversations nobody owns, the hottest named', async () => {
      await store.insertUser(user('ana', { name: 'Ana' }));
      const contact = await seedContact(store);
      const conversation = (key: string, patch: ConversationPatch) =>
        seedConversation(store, contact.id, key, T0, { subject: `Subject ${key}`, ...patch });
      const hot = (c: ConversationRow) => ({
        id: c.id,
        subject: c.subject,
        temperature: c.temperature,
      });
      const u1 = await conversation('u1', { temperature: 90 });
      const u2 = await conversation('u2', { temperature: 60, status: 'pending' });
      const u3 = await conversation('u3', { temperature: 75 });
      await conversation('mild', { temperature: 59 });
      await conversation('done', { temperature: 95, status: 'resolved' });
      await conversation('later', { temperature: 95, status: 'snoozed' });
      await conversation('owned', { temperature: 99, assigneeId: 'ana' });

      expect(await store.unassignedHeated({ heatedTemperature: 60, hottest: 5 })).toEqual({
        openHeated: 3,
        hottest: [u1, u3, u2].map(hot),
      });
      expect(await store.unassignedHeated({ heatedTemperature: 74.5, hottest: 1 })).toEqual({
        openHeated: 2,
        hottest: [hot(u1)],
      });
      expect(await store.unassignedHeated({ heatedTemperature: 100, hottest: 5 })).toEqual({
        openHeated: 0,
        hottest: [],
      });
    });
  });
});

skipPostgresWhenAbsent();
