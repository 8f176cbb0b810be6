import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import { at, drivers } from './store-contract.test-helper.js';

/*
 * The store contract: failed sign-ins, counted per address and per account in a window, shared
 * by every instance on the database. On SQLite and on a real PostgreSQL.
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('sign-in failures', () => {
    it('counts an address’s failures over every account, and an account’s over every address', async () => {
      await store.recordSignInFailure('10.0.0.1', 'ana@example.com', at(1), at(-15));
      await store.recordSignInFailure('10.0.0.1', 'bo@example.com', at(2), at(-15));
      await store.recordSignInFailure('10.0.0.2', 'ana@example.com', at(3), at(-15));

      expect(await store.getSignInFailures('10.0.0.1', 'ana@example.com', at(0))).toEqual({
        address: { count: 2, first: at(1) },
        account: { count: 2, last: at(3) },
      });
      expect(await store.getSignInFailures('10.0.0.9', 'cy@example.com', at(0))).toEqual({
        address: { count: 0, first: null },
        account: { count: 0, last: null },
      });
    });

    it('counts only the failures after the window’s start, and forgets those before', async () => {
      await store.recordSignInFailure('10.0.0.1', 'ana@example.com', at(1), at(-15));
      await store.recordSignInFailure('10.0.0.1', 'ana@example.com', at(5), at(-15));
      expect(await store.getSignInFailures('10.0.0.1', 'ana@example.com', at(1))).toEqual({
        address: { count: 1, first: at(5) },
        account: { count: 1, last: at(5) },
      });
      // A failure twenty minutes on forgets those before its window, for every key.
      await store.recordSignInFailure('10.0.0.3', 'bo@example.com', at(20), at(5));
      expect(await store.getSignInFailures('10.0.0.1', 'ana@example.com', at(-60))).toEqual({
        address: { count: 0, first: null },
        account: { count: 0, last: null },
      });
    });

    it('clears an account’s failures but not its addresses’, and says how many it cleared', async () => {
      await store.recordSignInFailure('10.0.0.1', 'ana@example.com', at(1), at(-15));
      await store.recordSignInFailure('10.0.0.2', 'ana@example.com', at(2), at(-15));
      expect(await store.clearSignInFailures('ana@example.com')).toBe(2);
      expect(await store.clearSignInFailures('ana@example.com')).toBe(0);
      expect(await store.getSignInFailures('10.0.0.1', 'ana@example.com', at(0))).toEqual({
        address: { count: 1, first: at(1) },
        account: { count: 0, last: null },
      });
    });

    it('rolls a failure back with the transaction it was recorded in', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.recordSignInFailure('10.0.0.1', 'ana@example.com', at(1), at(-15));
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      expect((await store.getSignInFailures('10.0.0.1', 'ana@example.com', at(0))).address).toEqual(
        { count: 0, first: null },
      );
    });
  });
});
