import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainImpoliteness, hasImpoliteCue, impoliteness } from './impoliteness.js';

/** Pairs of requests asking for the same thing: the first politer than the second. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['Could you please send me the tracking number? Thanks!', 'Send me the tracking number.'],
  ['Hi, I was wondering whether the refund went through?', 'Why has the refund not gone through?'],
  ['Sorry to bother you, but is there an update?', 'Seriously, is there an update or not??'],
  ['I think there may be a small mistake in the invoice.', 'You made a mistake in the invoice.'],
  ['Would you mind checking the address for me?', 'What is wrong with the address?'],
  ['Thanks for the quick reply, we appreciate it.', 'Really? That is the reply?'],
  ['Perhaps we could look at another option together?', 'Obviously that option is useless.'],
  ['Hello! Could you help me change my plan?', 'So change my plan.'],
  ['Hi, could you please check the docs for me? Thanks!', 'Why did you not read the docs?'],
  ['Is the refund on its way?', 'What exactly happened to my refund?'],
  ['Could you tell me more about the error?', "Don't you think you should describe the error?"],
  ['I am not sure I follow, could you explain the fee?', 'You said there was no fee. Why?'],
  ['Is there a reason for the delay, by the way?', 'A delay? What for?'],
];

describe('impoliteness: politeness strategies', () => {
  it('scores the polite request of each pair below the rude one', () => {
    for (const [polite, rude] of PAIRS) {
      expect(impoliteness(polite), `${polite} < ${rude}`).toBeLessThan(impoliteness(rude));
    }
  });

  it('puts clear cases on the right side of the middle', () => {
    expect(impoliteness('Hi, could you please tell me when it ships? Thanks!')).toBeLessThan(0.2);
    expect(impoliteness('Why would anyone do that?? Seriously, read the manual.')).toBeGreaterThan(
      0.8,
    );
  });

  it('is made politer by gratitude and "please" inside a sentence, ruder by "please" as an order', () => {
    const base = 'Could you check the order';
    expect(impoliteness(`${base}, thanks.`)).toBeLessThan(impoliteness(`${base}.`));
    expect(impoliteness(`${base} please.`)).toBeLessThan(impoliteness(`${base}.`));
    expect(impoliteness('Please check the order.')).toBeGreaterThan(
      impoliteness('Could you check the order, please?'),
    );
  });

  it('explains itself with the strategies it found', () => {
    const { score, cues } = explainImpoliteness('Why did you do that? Read the manual.');
    expect(score).toBe(impoliteness('Why did you do that? Read the manual.'));
    const ids = cues.map((c) => c.id);
    expect(ids).toContain('direct-why');
    expect(ids).toContain('imperative');
    for (let i = 1; i < cues.length; i++) {
      expect((cues[i - 1] as { weight: number }).weight).toBeGreaterThanOrEqual(
        (cues[i] as { weight: number }).weight,
      );
    }
    expect(explainImpoliteness('Thank you so much!').cues.map((c) => c.id)).toContain('gratitude');
  });

  it('marks a "why" question as ruder than the same question asked another way', () => {
    expect(impoliteness('Could you tell me how the fee was worked out?')).toBeLessThan(
      impoliteness('Any reason why the fee is so high?'),
    );
    expect(impoliteness('Did the parcel leave the depot?')).toBeLessThan(
      impoliteness('Why did the parcel not leave the depot?'),
    );
  });

  it('points each cue at the words that carry it', () => {
    const text = '@Sam: why not? Hi, could you please check it? Thanks ;)';
    const { cues } = explainImpoliteness(text);
    const said = (id: string) => {
      const cue = cues.find((c) => c.id === id);
      return cue && text.slice(cue.start, cue.end);
    };
    expect(said('direct-why')).toBe('why');
    expect(said('greeting')).toBe('Hi');
    expect(said('please-inside')).toBe('please');
    expect(said('gratitude')).toBe('Thanks');
    expect(said('smiley')).toBe(';)');
    expect(
      explainImpoliteness('Really?? Wow.').cues.find((c) => c.id === 'question-burst'),
    ).toMatchObject({ start: 6, end: 8 });
  });

  it('spots a clear impolite cue quickly, and not in a polite sentence', () => {
    expect(hasImpoliteCue('Why did you not check?')).toBe(true);
    expect(hasImpoliteCue('You should have read it.')).toBe(true);
    expect(hasImpoliteCue('Thanks, I will check that for you today.')).toBe(false);
    expect(hasImpoliteCue('I am not sure.')).toBe(false);
  });
});

describe('impoliteness: robustness', () => {
  it('returns a number between 0 and 1 for any string and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        const s = impoliteness(text);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(hasImpoliteCue(text)).toBeTypeOf('boolean');
        for (const cue of explainImpoliteness(text).cues) {
          expect(cue.start).toBeGreaterThanOrEqual(0);
          expect(cue.start).toBeLessThan(cue.end);
          expect(cue.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
    for (const text of ['', ' ', '\uD800', '?'.repeat(50), '\u0000\uFFFF']) {
      expect(Number.isFinite(impoliteness(text))).toBe(true);
    }
  });

  it('reads only the start of a huge text, quickly', () => {
    const huge = `${'. \n'.repeat(300_000)}why ${'  '.repeat(200_000)}`;
    const t0 = performance.now();
    impoliteness(huge);
    hasImpoliteCue(huge);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
