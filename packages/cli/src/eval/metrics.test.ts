import { describe, expect, it } from 'vitest';
import { binaryMetrics, rocAuc } from './metrics.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('matches the pairwise definition on a mixed case', () => {
    // positives 0.4, 0.7; negatives 0.3, 0.5, 0.7: pairs won 1 + 2 + 0.5 (tie) = 3.5 of 6
    expect(rocAuc([0.4, 0.7, 0.3, 0.5, 0.7], [1, 1, 0, 0, 0])).toBeCloseTo(3.5 / 6, 10);
  });

  it('is NaN with a single class', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('binaryMetrics', () => {
  it('computes precision, recall, F1, macro F1 and accuracy from the confusion matrix', () => {
    // tp=2 fp=1 fn=1 tn=1
    const m = binaryMetrics([0.9, 0.8, 0.7, 0.2, 0.1], [1, 1, 0, 1, 0], (s) => s >= 0.5);
    expect(m.n).toBe(5);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    // negative class: precision 1/2, recall 1/2
    expect(m.macroF1).toBeCloseTo((2 / 3 + 1 / 2) / 2);
    expect(m.accuracy).toBeCloseTo(3 / 5);
  });
});
