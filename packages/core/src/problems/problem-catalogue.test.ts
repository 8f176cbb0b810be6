import { describe, expect, it } from 'vitest';
import { SIGNAL_KINDS, signalGroup } from '../signals/signal-catalogue.js';
import { PROBLEM_CATALOGUE, PROBLEM_KINDS, isProblemKind } from './problem-catalogue.js';

describe('the problem catalogue', () => {
  it('has one record for every signal kind of group problem, and only those', () => {
    expect([...PROBLEM_KINDS].sort()).toEqual(
      SIGNAL_KINDS.filter((kind) => signalGroup(kind) === 'problem').sort(),
    );
    expect(isProblemKind('refund')).toBe(true);
    expect(isProblemKind('long_wait')).toBe(false);
  });

  it('words each problem for the coach, the description and, where it fits, goodwill', () => {
    for (const kind of PROBLEM_KINDS) {
      const record = PROBLEM_CATALOGUE[kind];
      expect(record.topic.label).toMatch(/^the /);
      expect(record.topic.mention.test(record.topic.label)).toBe(true);
      expect(record.description.label).toMatch(/^an? /);
      expect(record.description.stems.length).toBeGreaterThan(0);
    }
    const goodwill = PROBLEM_KINDS.flatMap(
      (kind) => PROBLEM_CATALOGUE[kind].goodwill?.cases.map((c) => c.problem) ?? [],
    );
    expect(goodwill.sort()).toEqual([
      'billing_error',
      'faulty_product',
      'late_delivery',
      'return_outside_window',
      'service_failure',
    ]);
  });

  it('tells a service failing from a thing broken, and a return window from other policy', () => {
    const [service, faulty] = PROBLEM_CATALOGUE.faulty_product.goodwill?.cases ?? [];
    expect(service?.applies?.(['the app keeps crashing'], true)).toBe(true);
    expect(service?.applies?.(['the app keeps crashing'], false)).toBe(false);
    expect(service?.applies?.(['arrived broken'], true)).toBe(false);
    expect(faulty?.applies).toBeUndefined();
    const [window] = PROBLEM_CATALOGUE.policy_dispute.goodwill?.cases ?? [];
    expect(window?.applies?.(['outside the return window'], false)).toBe(true);
    expect(window?.applies?.(['your ridiculous policy'], false)).toBe(false);
  });
});
