import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../conversation/types.js';
import {
  checkGoodwillOffer,
  DEFAULT_GOODWILL_POLICY,
  GOODWILL_UNITS,
  suggestGoodwill,
  validateGoodwillPolicy,
  type GoodwillCustomer,
  type GoodwillFault,
  type GoodwillKind,
  type GoodwillOfferRule,
  type GoodwillPolicy,
  type GoodwillProblem,
  type GoodwillRole,
  type GoodwillRoleLimits,
} from './suggest-goodwill.js';

function chat(...turns: [ConversationMessage['role'], string][]): ConversationMessage[] {
  return turns.map(([role, text], i) => ({
    role,
    text,
    at: `2025-03-01T10:${String(i).padStart(2, '0')}:00Z`,
  }));
}

const ordinary: GoodwillCustomer = { lifetimeValue: 300, tenureMonths: 8 };
const policy = DEFAULT_GOODWILL_POLICY;

function rule(p: GoodwillPolicy, kind: GoodwillKind): GoodwillOfferRule {
  const found = p.offers.find((o) => o.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} in the policy`);
  return found;
}

function limitOf(limits: GoodwillRoleLimits, role: GoodwillRole): number {
  if (role === 'admin') return limits.admin ?? Infinity;
  return role === 'agent' ? Math.min(limits.agent, limits.supervisor) : limits.supervisor;
}

describe('suggestGoodwill', () => {
  it('offers nothing to a calm customer asking a question', () => {
    const s = suggestGoodwill(
      chat(
        ['customer', 'Hi, could you tell me whether the blue jacket comes in a size M? Thanks!'],
        ['agent', 'Yes, it does: M is in stock.'],
      ),
      ordinary,
      policy,
      { role: 'agent', fault: 'unknown' },
    );
    expect(s.offer).toBeNull();
    expect(s.needsApproval).toBe(false);
    expect(s.value).toBe(0);
    expect(s.severity).toBeLessThan(0.2);
    expect(s.reasons.join(' ')).toMatch(/calm/);
  });

  it('settles an angry customer with a late parcel within the agent limits', () => {
    const s = suggestGoodwill(
      chat(
        ['customer', 'My parcel was supposed to arrive on Monday and it is still not here.'],
        ['agent', 'I am sorry, let me check with the carrier.'],
        [
          'customer',
          'This is ridiculous!! It is now a WEEK late and nobody tells me anything. Where is my order?',
        ],
      ),
      ordinary,
      policy,
      { role: 'agent', fault: 'company' },
    );
    expect(s.problem).toBe('late_delivery');
    expect(s.offer).not.toBeNull();
    expect(['free_shipping', 'credit']).toContain(s.offer?.kind);
    expect(s.offer?.value ?? Infinity).toBeLessThanOrEqual(
      rule(policy, s.offer?.kind ?? 'credit').limits.agent,
    );
    expect(s.needsApproval).toBe(false);
    expect(s.withinLimit).toBeNull();
    expect(s.value).toBeGreaterThan(0);
    expect(s.reasons.join(' ')).toMatch(/late delivery/);
  });

  it('offers a replacement for a faulty product', () => {
    const s = suggestGoodwill(
      chat(
        ['customer', 'The kettle I received is broken, the lid is cracked. I want it sorted.'],
        ['agent', 'I am so sorry to hear that.'],
        ['customer', 'Second time this has happened with you people. Not happy at all!'],
      ),
      ordinary,
      policy,
      { role: 'agent', fault: 'company', itemValue: 35 },
    );
    expect(s.problem).toBe('faulty_product');
    expect(s.offer).toMatchObject({ kind: 'replacement', value: 1, unit: 'items' });
    expect(s.offer?.label).toBe('a free replacement');
    expect(s.value).toBe(35);
    expect(s.needsApproval).toBe(false);
  });

  it('falls back from a replacement above every limit to another kind of offer', () => {
    const s = suggestGoodwill(
      chat(['customer', 'The kettle I received is broken, the lid is cracked. Unbelievable!!']),
      ordinary,
      policy,
      { role: 'agent', fault: 'company', itemValue: 900 },
    );
    expect(s.offer?.kind).not.toBe('replacement');
    expect(s.reasons.join(' ')).toMatch(/above even a supervisor's limit/);
  });

  it("asks a supervisor for a bigger offer to keep a high-value customer, with the agent's alternative", () => {
    const loyal: GoodwillCustomer = {
      lifetimeValue: 4800,
      monthlySpend: 40,
      tenureMonths: 72,
      plan: 'pro',
    };
    const s = suggestGoodwill(
      chat(
        ['customer', 'The app keeps crashing every time I open a report. I pay every month!'],
        ['agent', 'I will make sure this is fixed by Friday, you have my word.'],
        [
          'customer',
          'Third time I am writing about this. You promised it would be fixed last week!! I am cancelling my subscription if this is not fixed today.',
        ],
      ),
      loyal,
      policy,
      { role: 'agent', fault: 'company' },
    );
    expect(s.problem).toBe('service_failure');
    expect(s.severity).toBeGreaterThan(0.7);
    expect(s.offer?.kind).toBe('free_month');
    expect(s.offer?.value ?? 0).toBeGreaterThan(rule(policy, 'free_month').limits.agent);
    expect(s.offer?.value ?? Infinity).toBeLessThanOrEqual(
      rule(policy, 'free_month').limits.supervisor,
    );
    expect(s.needsApproval).toBe(true);
    expect(s.approver).toBe('supervisor');
    expect(s.withinLimit).toMatchObject({ kind: 'free_month', value: 1, label: '1 free month' });
    expect(s.reasons.join(' ')).toMatch(/threatens to cancel/);
    expect(s.reasons.join(' ')).toMatch(/broken promise/);
    expect(s.reasons.join(' ')).toMatch(/needs a supervisor's approval/);

    // A supervisor may make the same offer alone.
    const bySupervisor = suggestGoodwill(
      chat(
        ['customer', 'The app keeps crashing every time I open a report. I pay every month!'],
        [
          'customer',
          'Third time I am writing about this. You promised it would be fixed last week!! I am cancelling my subscription if this is not fixed today.',
        ],
      ),
      loyal,
      policy,
      { role: 'supervisor', fault: 'company' },
    );
    expect(bySupervisor.needsApproval).toBe(false);
  });

  it('offers more to a high-value customer than to a new one for the same conversation', () => {
    const conversation = chat([
      'customer',
      'This is ridiculous!! Where is my order? It is a WEEK late. Third time I am writing!',
    ]);
    const small = suggestGoodwill(conversation, { lifetimeValue: 20 }, policy, {
      role: 'supervisor',
      fault: 'company',
    });
    const large = suggestGoodwill(conversation, { lifetimeValue: 5000 }, policy, {
      role: 'supervisor',
      fault: 'company',
    });
    expect(large.value).toBeGreaterThan(small.value);
  });

  it('halves the offer when the fault is shared', () => {
    const conversation = chat([
      'customer',
      'Where is my order? It is a WEEK late!! Third time I am writing. I will be filing a chargeback.',
    ]);
    const full = suggestGoodwill(conversation, ordinary, policy, {
      role: 'supervisor',
      fault: 'company',
    });
    const shared = suggestGoodwill(conversation, ordinary, policy, {
      role: 'supervisor',
      fault: 'shared',
    });
    expect(shared.value).toBeLessThan(full.value);
    expect(shared.reasons.join(' ')).toMatch(/shared/);
  });

  it('credits the overcharge of a billing error exactly', () => {
    const s = suggestGoodwill(
      chat(['customer', 'You charged me twice this month. Fix it.']),
      ordinary,
      policy,
      { role: 'agent', fault: 'company', overcharge: 14.99 },
    );
    expect(s.problem).toBe('billing_error');
    expect(s.offer).toMatchObject({
      kind: 'credit',
      value: 14.99,
      label: '14.99 USD account credit',
    });
    expect(s.needsApproval).toBe(false);
  });

  it('credits the amount and currency the conversation states for a billing error', () => {
    const cases: [string, string, number, string][] = [
      [
        'Your system billed me 64 pounds twice for one order and I am furious about it!',
        'I can see both 64 pounds payments; the second one is going back to you.',
        64,
        'GBP',
      ],
      [
        'Schon wieder doppelt abgebucht! Two charges of 37,50 € for one month. Unacceptable!',
        'Sorry about that, the extra 37,50 € charge will be refunded.',
        37.5,
        'EUR',
      ],
      [
        'I was overcharged $18 on my renewal AGAIN. This is the second time!!',
        'You are right, the $18 overcharge was our mistake.',
        18,
        'USD',
      ],
    ];
    for (const [customer, agent, amount, currency] of cases) {
      const s = suggestGoodwill(
        chat(['customer', customer], ['agent', agent]),
        ordinary,
        { ...policy, currency: 'USD' },
        { role: 'supervisor', fault: 'company' },
      );
      expect(s.problem, customer).toBe('billing_error');
      expect(s.offer, customer).toMatchObject({ kind: 'credit', value: amount });
      expect(s.offer?.label, customer).toBe(
        `${Number.isInteger(amount) ? amount : amount.toFixed(2)} ${currency} account credit`,
      );
      expect(s.offer?.currency, customer).toBe(currency === 'USD' ? undefined : currency);
      expect(s.reasons.join(' '), customer).not.toMatch(/Overcharge not given/);
      if (currency !== 'USD') expect(s.reasons.join(' ')).toMatch(new RegExp(currency));
    }
  });

  it('reads the problem’s amount, not an order number or another sum, and falls back to the team’s currency', () => {
    const s = suggestGoodwill(
      chat([
        'customer',
        'Order 48213: I have spent €900 with you this year and now you charged me twice, €26 extra!!',
      ]),
      ordinary,
      { ...policy, currency: 'GBP' },
      { role: 'supervisor', fault: 'company' },
    );
    expect(s.offer).toMatchObject({ kind: 'credit', value: 26, label: '26 EUR account credit' });

    const unknown = suggestGoodwill(
      chat(['customer', 'You charged me twice for order 48213 and nobody answers!! Fix it NOW.']),
      ordinary,
      { ...policy, currency: 'GBP' },
      { role: 'supervisor', fault: 'company' },
    );
    expect(unknown.offer?.label).toMatch(/ GBP account credit$/);
    expect(unknown.offer?.currency).toBeUndefined();
    expect(unknown.offer?.value).not.toBe(48213);
    expect(unknown.reasons.join(' ')).toMatch(/Overcharge not given/);
  });

  it('says what goes back as a refund when the amount owed is above a supervisor’s credit limit', () => {
    const s = suggestGoodwill(
      chat(
        ['customer', 'You took £130 twice from my account!! I want the duplicate back NOW.'],
        ['agent', 'I am so sorry. The duplicate £130 is being refunded today.'],
      ),
      ordinary,
      policy,
      { role: 'supervisor', fault: 'company' },
    );
    const top = rule(policy, 'credit').limits.supervisor;
    expect(s.offer).toMatchObject({ kind: 'credit', value: Math.min(130, top) });
    expect(s.offer?.label).toMatch(/ GBP account credit$/);
    if (top < 130) expect(s.reasons.join(' ')).toMatch(new RegExp(`remaining ${130 - top} GBP`));
  });

  it('keeps a stated sum out of a credit for another problem', () => {
    const s = suggestGoodwill(
      chat([
        'customer',
        'I paid £95 for next-day delivery and the parcel is a week late!!! Where is it?',
      ]),
      ordinary,
      policy,
      { role: 'agent', fault: 'company' },
    );
    expect(s.problem).not.toBe('billing_error');
    if (s.offer?.kind === 'credit') expect(s.offer.value).not.toBe(95);
  });

  it('bends the return window by the days needed', () => {
    const s = suggestGoodwill(
      chat([
        'customer',
        'I know I am past your 30-day return window but the shoes never fit. This is so frustrating!',
      ]),
      ordinary,
      policy,
      { role: 'agent', fault: 'shared', daysPastWindow: 5 },
    );
    expect(s.problem).toBe('return_outside_window');
    expect(s.offer).toMatchObject({ kind: 'return_window_exception', value: 5 });
    expect(s.offer?.label).toBe('return window extended by 5 days');
  });

  it('says so and asks for approval when the month’s budget is exhausted', () => {
    const spent: GoodwillPolicy = { ...policy, spentThisMonth: policy.monthlyBudget };
    const s = suggestGoodwill(
      chat([
        'customer',
        'This is ridiculous!! It is now a WEEK late and nobody tells me anything. Where is my order?',
      ]),
      ordinary,
      spent,
      { role: 'agent', fault: 'company' },
    );
    expect(s.offer).not.toBeNull();
    expect(s.budgetRemaining).toBe(0);
    expect(s.needsApproval).toBe(true);
    expect(s.approver).toBe('admin');
    expect(s.withinLimit).toBeNull();
    expect(s.reasons.join(' ')).toMatch(/budget .* is exhausted/);
  });

  it('fits the alternative into what is left of the budget', () => {
    const nearlySpent: GoodwillPolicy = { ...policy, spentThisMonth: policy.monthlyBudget - 8 };
    const s = suggestGoodwill(
      chat([
        'customer',
        'Where is my order? It is a WEEK late!! Third time I am writing. I will be filing a chargeback.',
      ]),
      ordinary,
      nearlySpent,
      { role: 'agent', fault: 'company' },
    );
    expect(s.needsApproval).toBe(true);
    expect(s.reasons.join(' ')).toMatch(/Only 8 USD left/);
    expect(s.withinLimit?.currencyValue ?? 0).toBeGreaterThan(0);
    expect(s.withinLimit?.currencyValue ?? Infinity).toBeLessThanOrEqual(8);
  });

  it('offers nothing, or a small gesture, when the customer is at fault', () => {
    const mild = suggestGoodwill(
      chat([
        'customer',
        'I dropped the phone in the bath and now it does not turn on. Can you help?',
      ]),
      ordinary,
      policy,
      { role: 'agent', fault: 'customer' },
    );
    expect(mild.offer).toBeNull();

    const furious = suggestGoodwill(
      chat(
        ['customer', 'I dropped the phone in the bath and now it does not turn on!!'],
        [
          'customer',
          'Third time I am writing. This is GARBAGE!! I will be filing a chargeback and posting about this on Twitter.',
        ],
      ),
      ordinary,
      policy,
      { role: 'agent', fault: 'customer' },
    );
    expect(furious.severity).toBeGreaterThanOrEqual(0.5);
    expect(furious.offer).toMatchObject({ kind: 'percent_discount', value: 5 });
    expect(furious.needsApproval).toBe(false);
    expect(furious.reasons.join(' ')).toMatch(/gesture/);
  });

  it('reads only customer messages', () => {
    const s = suggestGoodwill(
      chat(['agent', 'THIS IS OUTRAGEOUS!! I WILL CALL MY LAWYER!!'], ['note', 'refund him']),
      ordinary,
      policy,
      { role: 'agent' },
    );
    expect(s.offer).toBeNull();
    expect(s.reasons).toEqual(['No customer messages to read.']);
  });
});

// --- Property: the policy's limits and budget hold for any conversation ----------------------

const LINES = [
  'Hi, could you tell me whether the blue jacket comes in a size M? Thanks!',
  'My parcel was supposed to arrive on Monday and it is still not here.',
  'This is ridiculous!! It is now a WEEK late and nobody tells me anything.',
  'The kettle I received is broken, the lid is cracked.',
  'You promised me a call back yesterday and nobody called. Third time I am writing.',
  'The app keeps crashing and I pay every month for this!',
  'I am cancelling my subscription if this is not fixed today!!',
  'You charged me twice this month. Fix it.',
  'I know I am past your 30-day return window but the shoes never fit.',
  'I will be filing a chargeback and posting about this on Twitter.',
  'My lawyer will hear about this. DISGRACEFUL service!!!',
  'Thanks, that sorts it.',
];

const amount = fc.integer({ min: 0, max: 400 });
const limitsArb = fc
  .record({
    agent: amount,
    extra: amount,
    admin: fc.option(amount, { nil: undefined }),
  })
  .map(({ agent, extra, admin }): GoodwillRoleLimits => {
    const supervisor = agent + extra;
    return admin === undefined
      ? { agent, supervisor }
      : { agent, supervisor, admin: supervisor + admin };
  });

const policyArb: fc.Arbitrary<GoodwillPolicy> = fc.record({
  currency: fc.constantFrom('USD', 'EUR', 'GBP'),
  offers: fc
    .subarray(Object.keys(GOODWILL_UNITS) as GoodwillKind[], { minLength: 1 })
    .chain((kinds) =>
      fc.tuple(
        ...kinds.map((kind) =>
          fc.record({
            kind: fc.constant(kind),
            unit: fc.constant(GOODWILL_UNITS[kind]),
            limits: limitsArb,
            valueLimits: fc.option(limitsArb, { nil: undefined }),
          }),
        ),
      ),
    ),
  monthlyBudget: fc.integer({ min: 0, max: 3000 }),
  spentThisMonth: fc.integer({ min: 0, max: 3000 }),
  reference: fc.record({
    orderValue: fc.integer({ min: 0, max: 300 }),
    monthlyPrice: fc.integer({ min: 0, max: 100 }),
    shippingCost: fc.integer({ min: 0, max: 30 }),
    itemValue: fc.integer({ min: 0, max: 500 }),
    returnExceptionCost: fc.integer({ min: 0, max: 50 }),
    highLifetimeValue: fc.integer({ min: 0, max: 5000 }),
  }),
});

const customerArb: fc.Arbitrary<GoodwillCustomer> = fc.record(
  {
    lifetimeValue: fc.integer({ min: 0, max: 20000 }),
    monthlySpend: fc.integer({ min: 0, max: 200 }),
    tenureMonths: fc.integer({ min: 0, max: 240 }),
    previousGoodwillThisYear: fc.integer({ min: 0, max: 1000 }),
    plan: fc.constantFrom('basic', 'pro'),
  },
  { requiredKeys: ['lifetimeValue'] },
);

const optionsArb = fc.record(
  {
    role: fc.constantFrom<GoodwillRole>('agent', 'supervisor', 'admin'),
    fault: fc.constantFrom<GoodwillFault>('company', 'customer', 'shared', 'unknown'),
    problem: fc.constantFrom<GoodwillProblem>(
      'late_delivery',
      'faulty_product',
      'billing_error',
      'service_failure',
      'return_outside_window',
      'none',
    ),
    overcharge: fc.double({ min: 0, max: 500, noNaN: true }),
    itemValue: fc.integer({ min: 0, max: 600 }),
    items: fc.integer({ min: 1, max: 5 }),
    daysPastWindow: fc.integer({ min: 0, max: 60 }),
    orderValue: fc.integer({ min: 0, max: 400 }),
  },
  { requiredKeys: ['role'] },
);

const conversationArb = fc
  .array(
    fc.tuple(
      fc.constantFrom<ConversationMessage['role']>('customer', 'agent'),
      fc.constantFrom(...LINES),
    ),
    {
      maxLength: 5,
    },
  )
  .map((turns) => chat(...turns));

describe('suggestGoodwill within policy (property)', () => {
  it('never exceeds the role limit or the budget without approval, nor the supervisor limit at all', () => {
    const seen = { offers: 0, approvals: 0, alternatives: 0 };
    fc.assert(
      fc.property(
        conversationArb,
        customerArb,
        policyArb,
        optionsArb,
        (conv, customer, p, options) => {
          expect(validateGoodwillPolicy(p).ok).toBe(true);
          const s = suggestGoodwill(conv, customer, p, options);
          expect(suggestGoodwill(conv, customer, p, options)).toEqual(s);
          expect(s.severity).toBeGreaterThanOrEqual(0);
          expect(s.severity).toBeLessThanOrEqual(1);
          const remaining = Math.max(0, p.monthlyBudget - p.spentThisMonth);
          if (s.offer === null) {
            expect(s.needsApproval).toBe(false);
            return;
          }
          seen.offers++;
          if (s.needsApproval) seen.approvals++;
          if (s.withinLimit !== null) seen.alternatives++;
          const r = rule(p, s.offer.kind);
          expect(s.offer.value).toBeGreaterThan(0);
          expect(s.offer.value).toBeLessThanOrEqual(r.limits.supervisor);
          if (r.valueLimits !== undefined) {
            expect(s.offer.currencyValue).toBeLessThanOrEqual(r.valueLimits.supervisor + 1e-6);
          }
          if (!s.needsApproval) {
            expect(s.offer.value).toBeLessThanOrEqual(limitOf(r.limits, options.role));
            if (r.valueLimits !== undefined) {
              expect(s.offer.currencyValue).toBeLessThanOrEqual(
                limitOf(r.valueLimits, options.role) + 1e-6,
              );
            }
            expect(s.offer.currencyValue).toBeLessThanOrEqual(remaining);
            expect(s.withinLimit).toBeNull();
          } else {
            expect(s.approver).not.toBeNull();
            if (s.withinLimit !== null) {
              const w = rule(p, s.withinLimit.kind);
              expect(s.withinLimit.value).toBeLessThanOrEqual(limitOf(w.limits, options.role));
              expect(s.withinLimit.currencyValue).toBeLessThanOrEqual(remaining);
            }
          }
        },
      ),
      { numRuns: 300, seed: 20250301 },
    );
    // The property is only worth something if it met offers, approvals and alternatives.
    expect(seen.offers).toBeGreaterThan(50);
    expect(seen.approvals).toBeGreaterThan(10);
    expect(seen.alternatives).toBeGreaterThan(5);
  });
});

// --- Policy validation ---------------------------------------------------------------------

describe('validateGoodwillPolicy', () => {
  it('accepts the default policy', () => {
    const r = validateGoodwillPolicy(DEFAULT_GOODWILL_POLICY);
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
  });

  it('reports negative limits, an agent above the supervisor, unknown kinds and bad budgets', () => {
    const bad = {
      ...DEFAULT_GOODWILL_POLICY,
      currency: 'dollars',
      monthlyBudget: -100,
      offers: [
        { kind: 'percent_discount', unit: 'percent', limits: { agent: -5, supervisor: 30 } },
        { kind: 'credit', unit: 'currency', limits: { agent: 200, supervisor: 100 } },
        { kind: 'free_car', unit: 'items', limits: { agent: 1, supervisor: 1 } },
        { kind: 'free_month', unit: 'days', limits: { agent: 1, supervisor: 3 } },
        { kind: 'credit', unit: 'currency', limits: { agent: 1, supervisor: 3, admin: 2 } },
      ],
    };
    const r = validateGoodwillPolicy(bad);
    expect(r.ok).toBe(false);
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'currency',
        'monthlyBudget',
        'offers[0].limits.agent',
        'offers[1].limits.agent',
        'offers[2].kind',
        'offers[3].unit',
        'offers[4].kind',
        'offers[4].limits.admin',
      ]),
    );
    expect(r.errors.find((e) => e.path === 'offers[1].limits.agent')?.message).toBe(
      'agent limit 200 is above the supervisor limit 100',
    );
    expect(r.errors.find((e) => e.path === 'offers[2].kind')?.message).toMatch(
      /unknown kind "free_car"/,
    );
  });

  it('returns errors rather than throwing for input that is not a policy', () => {
    expect(validateGoodwillPolicy(null)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'a policy must be an object' }],
    });
    const r = validateGoodwillPolicy({ currency: 'EUR', offers: 'all of them' });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['offers', 'monthlyBudget', 'spentThisMonth', 'reference']),
    );
  });
});

describe('checkGoodwillOffer', () => {
  const customer = { lifetimeValue: 300 };
  it('lets an agent grant an offer within the agent limit', () => {
    const c = checkGoodwillOffer(
      'credit',
      10,
      { role: 'agent' },
      customer,
      DEFAULT_GOODWILL_POLICY,
    );
    expect(c).toMatchObject({ allowed: true, needsApproval: false, approver: null });
  });
  it('sends an offer above the agent limit to a supervisor, above the supervisor limit to an admin', () => {
    const sup = checkGoodwillOffer(
      'credit',
      50,
      { role: 'agent' },
      customer,
      DEFAULT_GOODWILL_POLICY,
    );
    expect(sup).toMatchObject({ allowed: true, needsApproval: true, approver: 'supervisor' });
    const adm = checkGoodwillOffer('percent_discount', 40, { role: 'supervisor' }, customer, {
      ...DEFAULT_GOODWILL_POLICY,
      offers: DEFAULT_GOODWILL_POLICY.offers.map((o) =>
        o.kind === 'percent_discount' ? { ...o, limits: { ...o.limits, admin: 50 } } : o,
      ),
    });
    expect(adm).toMatchObject({ allowed: true, needsApproval: true, approver: 'admin' });
  });
  it('asks an admin when the month budget would be exceeded', () => {
    const c = checkGoodwillOffer('credit', 15, { role: 'agent' }, customer, {
      ...DEFAULT_GOODWILL_POLICY,
      spentThisMonth: DEFAULT_GOODWILL_POLICY.monthlyBudget - 5,
    });
    expect(c).toMatchObject({ allowed: true, needsApproval: true, approver: 'admin' });
  });
  it('refuses kinds outside the catalogue and values of zero', () => {
    const policy = { ...DEFAULT_GOODWILL_POLICY, offers: [] };
    expect(checkGoodwillOffer('credit', 5, { role: 'admin' }, customer, policy).allowed).toBe(
      false,
    );
    expect(
      checkGoodwillOffer('credit', 0, { role: 'agent' }, customer, DEFAULT_GOODWILL_POLICY).allowed,
    ).toBe(false);
  });
});
