import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineAbuse } from './signal-evidence.js';
import type { Signal } from '../signals/types.js';

const insult: Signal = {
  kind: 'insult',
  start: 0,
  end: 5,
  text: 'idiot',
  explanation: 'Calls the staff names',
};

describe('combineAbuse', () => {
  it('keeps the model at or above its threshold, so its verdicts stay as trained', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 0.8, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, u) => {
          const p = t + (1 - t) * u;
          expect(combineAbuse(p, [], t)).toBeCloseTo(p, 12);
        },
      ),
    );
  });

  it('brings a message with no abusive word near zero, keeping the order of scores', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 0.8, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, a, b) => {
          const [low, high] = a < b ? [a * t, b * t] : [b * t, a * t];
          expect(combineAbuse(low, [], t)).toBeLessThanOrEqual(combineAbuse(high, [], t));
          expect(combineAbuse(high, [], t)).toBeLessThan(t + 1e-12);
        },
      ),
    );
    // The offensive set's share, where a message with no evidence at all starts.
    expect(combineAbuse(0.33, [], 0.5)).toBeLessThan(0.05);
  });

  it('lets an insult make a message abusive whatever the model says', () => {
    expect(combineAbuse(0, [insult], 0.5)).toBeGreaterThanOrEqual(0.5);
    expect(combineAbuse(0.3, [insult], 0.5)).toBeGreaterThan(combineAbuse(0.3, [], 0.5));
  });
});
