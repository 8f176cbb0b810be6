import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortInPlace } from './sort-in-place.js';

describe('sortInPlace', () => {
  it('orders as Array.prototype.sort does, keeping ties in their order, at every length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), id: fc.nat() }), {
          maxLength: 80,
        }),
        (items) => {
          const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
          const expected = [...items].sort(byKey);
          const copy = [...items];
          expect(sortInPlace(copy, byKey)).toBe(copy);
          expect(copy).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
