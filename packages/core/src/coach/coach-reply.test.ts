import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../conversation/types.js';
import {
  PENALTIES,
  coachReply,
  type CoachFinding,
  type CoachRewrite,
  type CoachStep,
} from './coach-reply.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
const customer = (text: string, minute = 0): ConversationMessage => ({
  role: 'customer',
  text,
  at: at(minute),
});
const agent = (text: string, minute = 0): ConversationMessage => ({
  role: 'agent',
  text,
  at: at(minute),
});

/** Temperature 77: shouting, a repeated contact, not being heard, about a refund. */
const ANGRY = [
  customer(
    'WHERE IS MY REFUND?! This is the third time I am asking and nobody answers. Absolutely ridiculous!!',
  ),
];
/** Temperature 16, no problem named. */
const CALM = [customer('Hi, could you tell me when my order will ship? Thanks!')];
/** Temperature 19, a calm request with a cancellation in it. */
const CALM_CANCEL = [
  customer("Hi, I'd like to cancel my subscription at the end of the month please. Thanks!"),
];

const GOOD_REPLY =
  "I'm so sorry about your refund, and I understand how frustrating it is to have to ask three " +
  "times. I'll make sure it's sorted: I've checked, and I'll email you the confirmation by 3pm today.";

function apply(draft: string, rewrite: CoachRewrite): string {
  return draft.slice(0, rewrite.start) + rewrite.replacement + draft.slice(rewrite.end);
}

function steps(draft: string, conversation: ConversationMessage[]): CoachStep[] {
  return coachReply(draft, conversation).missing.map((m) => m.step);
}

/** Each rule, a draft that shows it, and the exact words it must point at. */
const RULE_CASES: readonly { rule: string; draft: string; text: string }[] = [
  { rule: 'blocking-phrase', draft: "I can't refund this order.", text: "I can't" },
  { rule: 'blocking-phrase', draft: "That's not possible.", text: "That's not possible" },
  { rule: 'blocking-phrase', draft: "That's our policy.", text: "That's our policy" },
  {
    rule: 'blocking-phrase',
    draft: 'As per our policy, refunds take 5 days.',
    text: 'As per our policy',
  },
  { rule: 'blocking-phrase', draft: "You'll have to send us a photo.", text: "You'll have to" },
  { rule: 'blocking-phrase', draft: 'Please go to our website.', text: 'Please go to our website' },
  { rule: 'blocking-phrase', draft: "There's nothing I can do.", text: "There's nothing I can do" },
  {
    rule: 'blocking-phrase',
    draft: 'Unfortunately, the item is out of stock.',
    text: 'Unfortunately',
  },
  { rule: 'blocking-phrase', draft: "That's out of my hands.", text: "That's out of my hands" },
  {
    rule: 'blocking-phrase',
    draft: "I can't refund it, but I can offer a voucher.",
    text: "I can't",
  },
  {
    rule: 'conditional-apology',
    draft: "I'm sorry if you feel that way.",
    text: "I'm sorry if you feel that way",
  },
  { rule: 'conditional-apology', draft: 'Sorry, but the refund takes 5 days.', text: 'Sorry, but' },
  {
    rule: 'conditional-apology',
    draft: 'We apologise for any inconvenience caused.',
    text: 'We apologise for any inconvenience caused',
  },
  { rule: 'conditional-apology', draft: 'Mistakes were made.', text: 'Mistakes were made' },
  { rule: 'blame', draft: 'You should have read the email.', text: 'You should have' },
  { rule: 'blame', draft: 'As I already said, it ships Monday.', text: 'As I already said' },
  { rule: 'blame', draft: 'Like I said, it ships Monday.', text: 'Like I said' },
  { rule: 'blame', draft: 'You failed to update your address.', text: 'You failed to' },
  { rule: 'blame', draft: 'I already told you.', text: 'I already told you' },
  { rule: 'dismissive', draft: 'Calm down, please.', text: 'Calm down' },
  { rule: 'dismissive', draft: 'Relax, it will arrive.', text: 'Relax' },
  {
    rule: 'dismissive',
    draft: 'There is no need to get upset.',
    text: 'There is no need to get upset',
  },
  { rule: 'dismissive', draft: 'Please calm down.', text: 'calm down' },
  {
    rule: 'handoff',
    draft: "You'll need to contact another department.",
    text: "You'll need to contact",
  },
  { rule: 'handoff', draft: "That's not my department.", text: "That's not my department" },
  { rule: 'handoff', draft: 'Please call our billing team.', text: 'Please call our billing team' },
  { rule: 'handoff', draft: 'You should contact your bank.', text: 'You should contact your bank' },
  {
    rule: 'handoff',
    draft: 'Another department handles refunds.',
    text: 'Another department handles',
  },
  { rule: 'handoff', draft: "I'll transfer you to billing.", text: "I'll transfer you to" },
  { rule: 'sarcasm', draft: 'Well, thanks for nothing.', text: 'thanks for nothing' },
  { rule: 'sarcasm', draft: 'What a surprise.', text: 'What a surprise' },
  { rule: 'mirroring-capitals', draft: 'This is NOT ACCEPTABLE to us.', text: 'NOT ACCEPTABLE' },
  { rule: 'mirroring-exclamations', draft: 'It is on its way!!!', text: '!!!' },
  { rule: 'profanity', draft: 'That is a damn shame.', text: 'damn' },
];

describe('coachReply: every rule', () => {
  for (const { rule, draft, text } of RULE_CASES) {
    it(`${rule}: finds "${text}" in "${draft}" and its rewrite removes it`, () => {
      for (const conversation of [ANGRY, CALM]) {
        const result = coachReply(draft, conversation);
        const finding = result.findings.find((f) => f.rule === rule && f.text === text);
        expect(finding, JSON.stringify(result.findings)).toBeDefined();
        const f = finding as CoachFinding;
        expect(draft.slice(f.start, f.end)).toBe(text);
        expect(f.why.length).toBeGreaterThan(10);
        expect(f.why).not.toContain('\n');
        expect(f.rewrite).toBeDefined();
        const fixed = apply(draft, f.rewrite as CoachRewrite);
        const before = result.findings.filter((g) => g.rule === rule).length;
        const after = coachReply(fixed, conversation).findings.filter((g) => g.rule === rule);
        expect(after.length, fixed).toBeLessThan(before);
      }
    });
  }

  it('rewrites into sentences a person would send', () => {
    const fix = (draft: string, rule: string): string => {
      const f = coachReply(draft, ANGRY).findings.find((g) => g.rule === rule) as CoachFinding;
      return apply(draft, f.rewrite as CoachRewrite);
    };
    expect(fix("There's nothing I can do.", 'blocking-phrase')).toBe("Here's what I can do.");
    expect(fix('Unfortunately, the item is out of stock.', 'blocking-phrase')).toBe(
      'The item is out of stock.',
    );
    expect(fix("I can't refund it, but I can offer a voucher.", 'blocking-phrase')).toBe(
      'I can offer a voucher.',
    );
    expect(fix("That's our policy.", 'blocking-phrase')).toBe(
      'Let me explain how this works and what I can do.',
    );
    expect(fix("I'm sorry if you feel that way.", 'conditional-apology')).toBe(
      "I'm sorry about the trouble with your refund.",
    );
    expect(fix('Sorry, but the refund takes 5 days.', 'conditional-apology')).toBe(
      "I'm sorry. The refund takes 5 days.",
    );
    expect(fix('As I already said, it ships Monday.', 'blame')).toBe('To recap, it ships Monday.');
    expect(fix('Relax, it will arrive.', 'dismissive')).toBe(
      'I can see how upsetting this is. It will arrive.',
    );
    expect(fix('Please calm down.', 'dismissive')).toBe('I can see how upsetting this is.');
    expect(fix("You'll need to contact our billing team.", 'handoff')).toBe(
      "I'll contact our billing team.",
    );
    expect(fix('Please call our billing team.', 'handoff')).toBe("I'll call our billing team.");
    expect(fix('This is NOT ACCEPTABLE to us.', 'mirroring-capitals')).toBe(
      'This is not acceptable to us.',
    );
    expect(fix('That is a damn shame.', 'profanity')).toBe('That is a shame.');
  });

  it('flags a curt sentence through the politeness engine, once', () => {
    const draft = 'What is wrong with you?? Thanks for waiting.';
    const tone = coachReply(draft, CALM).findings.filter((f) => f.rule === 'impolite-tone');
    expect(tone).toHaveLength(1);
    expect(tone[0]?.text).toBe('What is wrong with you??');
    expect(tone[0]?.severity).toBe('warning');
  });

  it('weighs a finding by how upset the customer is', () => {
    const severity = (conversation: ConversationMessage[]): string | undefined =>
      coachReply("That's our policy.", conversation).findings[0]?.severity;
    expect(severity(ANGRY)).toBe('problem');
    expect(severity(CALM)).toBe('warning');
    const capitals = (conversation: ConversationMessage[]): string | undefined =>
      coachReply('We are LOOKING into it.', conversation).findings.find(
        (f) => f.rule === 'mirroring-capitals',
      )?.severity;
    expect(capitals(ANGRY)).toBe('problem');
    expect(capitals(CALM)).toBe('warning');
  });
});

describe('coachReply: missing steps', () => {
  it('asks an upset customer for every step a blunt draft misses, naming the topic', () => {
    const result = coachReply("That's our policy.", ANGRY);
    expect(result.missing.map((m) => m.step)).toEqual([
      'acknowledgement',
      'apology',
      'reflection',
      'ownership',
      'next_step',
    ]);
    const reflection = result.missing.find((m) => m.step === 'reflection');
    expect(reflection?.why).toContain('the refund');
  });

  it('finds nothing missing in a good de-escalating reply', () => {
    expect(steps(GOOD_REPLY, ANGRY)).toEqual([]);
  });

  it('never asks a calm customer for an apology or an acknowledgement', () => {
    for (const draft of ['Your order ships on Monday.', "That's our policy.", '', 'OK']) {
      for (const conversation of [CALM, CALM_CANCEL]) {
        const missing = steps(draft, conversation);
        expect(missing).not.toContain('apology');
        expect(missing).not.toContain('acknowledgement');
      }
    }
    expect(steps('Your order ships on Monday.', CALM)).toEqual([]);
  });

  it('asks a calm customer with a problem for reflection, ownership and a time', () => {
    expect(steps('Sure thing.', CALM_CANCEL)).toEqual(['reflection', 'ownership', 'next_step']);
    expect(steps("I'll cancel your subscription today.", CALM_CANCEL)).toEqual([]);
  });

  it('counts a sincere apology made earlier in the conversation, not a conditional one', () => {
    const draft =
      "I understand how frustrating this is. I'll chase your refund and call you by 5pm today.";
    expect(steps(draft, ANGRY)).toEqual(['apology']);
    const earlier = [
      ...ANGRY,
      agent("I'm so sorry about this.", 1),
      ANGRY[0] as ConversationMessage,
    ];
    expect(steps(draft, earlier)).toEqual([]);
    const conditional = [
      ...ANGRY,
      agent('Sorry if you feel that way.', 1),
      customer('STILL NO REFUND!!! Third time!', 2),
    ];
    expect(steps(draft, conditional)).toContain('apology');
    const why = coachReply(
      "Sorry if you feel that way. I'll chase your refund by 5pm today.",
      ANGRY,
    ).missing.find((m) => m.step === 'apology')?.why;
    expect(why).toContain('conditional');
  });

  it('reads the customer as they are now, not as they were', () => {
    const calmedDown = [...ANGRY, agent(GOOD_REPLY, 1), customer('Ok thanks, that is great.', 2)];
    const missing = steps('You are welcome.', calmedDown);
    expect(missing).not.toContain('apology');
    expect(missing).not.toContain('acknowledgement');
  });

  it("uses the customer's own words when no trigger names the problem", () => {
    const conversation = [
      customer('The zip on my rucksack snapped after one day, I am livid, this is rubbish!!'),
    ];
    const reflection = coachReply("I'll sort it out today.", conversation).missing.find(
      (m) => m.step === 'reflection',
    );
    expect(reflection).toBeDefined();
    expect(reflection!.why).toMatch(/rucksack|snapped|zip/);
  });

  it('only counts a next step with a time', () => {
    const base = "I'm so sorry about your refund, I understand how frustrating it is. ";
    expect(steps(`${base}I'll make sure it is sorted.`, ANGRY)).toEqual(['next_step']);
    expect(
      steps(`${base}I'll make sure it is sorted and call you back within the hour.`, ANGRY),
    ).toEqual([]);
    expect(steps(`${base}I'll make sure it is sorted. It takes 3-5 business days.`, ANGRY)).toEqual(
      ['next_step'],
    );
    expect(
      steps(`${base}I'll make sure it is sorted. Your refund will reach you by Friday.`, ANGRY),
    ).toEqual([]);
    expect(steps(`${base}I'll make sure it is sorted. Shall I call you tomorrow?`, ANGRY)).toEqual([
      'next_step',
    ]);
  });
});

describe('coachReply: score', () => {
  it('scores a good de-escalating reply high and a blunt "policy" reply to an angry customer low', () => {
    expect(coachReply(GOOD_REPLY, ANGRY).score).toBeGreaterThanOrEqual(80);
    expect(coachReply(GOOD_REPLY, ANGRY).findings.filter((f) => f.severity === 'problem')).toEqual(
      [],
    );
    expect(coachReply("That's our policy.", ANGRY).score).toBeLessThan(60);
    expect(coachReply('Sorry, but that is our policy.', ANGRY).score).toBeLessThan(60);
  });

  it('is 100 minus the documented penalties', () => {
    const r = coachReply("That's our policy.", ANGRY);
    const missing = r.missing.reduce((sum, m) => sum + PENALTIES.missing[m.step], 0);
    expect(r.score).toBe(100 - PENALTIES.severity.problem - missing);
  });

  it('counts a repeated mistake at most twice', () => {
    const once = coachReply("That's our policy.", CALM).score;
    const many = coachReply("That's our policy. ".repeat(8), CALM).score;
    expect(once - many).toBe(PENALTIES.severity.warning);
  });

  it('stays within 0 and 100', () => {
    const worst =
      "CALM DOWN!!! That's our policy, you idiot. You should have read it. Sorry if you feel that way.";
    expect(coachReply(worst, ANGRY).score).toBe(0);
    expect(coachReply('Thanks, your order ships Monday.', CALM).score).toBe(100);
  });
});

describe('coachReply: odd input', () => {
  it('never throws on empty, huge or broken text', () => {
    const inputs = [
      '',
      ' ',
      '\uD800',
      '\uDC00abc\uD800',
      '!!!!!!!!',
      "I'm sorry if\uD800 you feel",
    ];
    for (const draft of inputs) {
      for (const conversation of [[], ANGRY, CALM, [customer('')], [agent('\uD800')]]) {
        const r = coachReply(draft, conversation);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
      }
    }
    expect(coachReply('', []).missing).toEqual([]);
  });

  it('copes with a 1 MB draft', () => {
    const draft =
      `${"I'm sorry if you feel that way, but that's our policy. CALM DOWN!!! ".repeat(15_000)}`.slice(
        0,
        1_000_000,
      );
    const t0 = performance.now();
    const r = coachReply(draft, ANGRY);
    expect(performance.now() - t0).toBeLessThan(10_000);
    for (const f of r.findings) expect(draft.slice(f.start, f.end)).toBe(f.text);
  });

  it('copes with messages that break their own types', () => {
    const broken = [
      { role: 'customer', text: 42, at: 'yesterday' },
      { role: 'agent', text: null, at: '' },
      null,
      { role: 'note', text: 'internal', at: at(1) },
    ] as unknown as ConversationMessage[];
    expect(() => coachReply("That's our policy.", broken)).not.toThrow();
    expect(() => coachReply('x', 'nonsense' as unknown as ConversationMessage[])).not.toThrow();
  });

  it('keeps every span inside the draft and every rewrite applicable', () => {
    const phrases = [
      ...RULE_CASES.map((c) => c.draft),
      GOOD_REPLY,
      'What is wrong with you??',
      "I can't wait to help!",
    ];
    const piece = fc.oneof(
      fc.constantFrom(...phrases),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
    );
    const convo = fc.array(
      fc.record({
        role: fc.constantFrom('customer', 'agent', 'note'),
        text: fc.oneof(fc.constantFrom(...phrases, ANGRY[0]?.text ?? ''), fc.string()),
        at: fc.constantFrom(at(0), at(5), 'not a date'),
      }),
      { maxLength: 6 },
    ) as fc.Arbitrary<ConversationMessage[]>;
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 5 }),
        fc.constantFrom(' ', '', '\n', ', '),
        convo,
        (parts, sep, conversation) => {
          const draft = parts.join(sep);
          const r = coachReply(draft, conversation);
          expect(Number.isFinite(r.score)).toBe(true);
          for (const f of r.findings) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.end).toBeGreaterThan(f.start);
            expect(f.end).toBeLessThanOrEqual(draft.length);
            expect(draft.slice(f.start, f.end)).toBe(f.text);
            if (f.rewrite !== undefined) {
              expect(f.rewrite.start).toBeGreaterThanOrEqual(0);
              expect(f.rewrite.end).toBeGreaterThanOrEqual(f.rewrite.start);
              expect(f.rewrite.end).toBeLessThanOrEqual(draft.length);
              expect(typeof apply(draft, f.rewrite)).toBe('string');
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a send time that is no time', () => {
    expect(() => coachReply('x', ANGRY, { sentAt: 'soon' })).toThrow(TypeError);
  });
});
