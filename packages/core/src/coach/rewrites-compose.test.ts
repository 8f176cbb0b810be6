import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../conversation/types.js';
import { coachReply } from './coach-reply.js';

/*
 * Rewrites compose: an agent who applies every rewrite the coach offers, one after another as
 * the app lets them (reading the draft afresh after each), ends with a reply a person would
 * send: no phrase said twice, a capital at the start, and a better score than the draft had.
 */

const ANGRY: ConversationMessage[] = [
  {
    role: 'customer',
    text: 'WHERE IS MY REFUND?! This is the third time I am asking and nobody answers!!',
    at: '2026-03-02T09:00:00Z',
  },
];

/** Clauses the coach rewrites: refusals, blame, dismissal, hand-offs, non-apologies. */
const BAD_CLAUSES = [
  "unfortunately that's our policy",
  "I can't change it",
  "there's nothing I can do",
  'you should have read the terms',
  'calm down',
  'as I already told you, it takes five days',
  "you'll have to contact our billing team",
  'sorry for any inconvenience',
  "I'm sorry if you feel that way",
  "that's not possible",
  'please go to our website',
  "I understand your frustration but that's our policy",
  'sorry but rules are rules',
  'relax',
  "it's not a big deal",
  "WE CAN'T DO THAT",
  "that's out of my hands",
  'STOP SHOUTING AT ME',
  'as per our policy, refunds take ten days',
] as const;

const JOINS = ['. ', ', so ', ', and ', '! ', ', but '] as const;
const ENDS = ['.', '!!!', '', '?!'] as const;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Applies the first (or last) rewrite, reads the draft again, and so on until none is left. */
function applyEveryRewrite(draft: string, order: 'first' | 'last'): string {
  let text = draft;
  for (let i = 0; i < 25; i++) {
    const offered = coachReply(text, ANGRY).findings.filter((f) => f.rewrite !== undefined);
    const f = order === 'first' ? offered[0] : offered[offered.length - 1];
    if (f?.rewrite === undefined) return text;
    text = text.slice(0, f.rewrite.start) + f.rewrite.replacement + text.slice(f.rewrite.end);
  }
  return text;
}

/** A run of four words said twice: "what I can do ... what I can do". */
function repeatedPhrase(text: string): string | undefined {
  const words = text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) {
    const run = words.slice(i, i + 4).join(' ');
    if (seen.has(run)) return run;
    seen.add(run);
  }
  return undefined;
}

const DRAFT = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...BAD_CLAUSES), { minLength: 1, maxLength: 4 }),
    fc.array(fc.constantFrom(...JOINS), { minLength: 3, maxLength: 3 }),
    fc.constantFrom(...ENDS),
  )
  .map(([clauses, joins, end]) => {
    let text = capitalise(clauses[0] as string);
    clauses.slice(1).forEach((clause, i) => {
      const join = joins[i] as string;
      text += join + (/[.!]\s$/.test(join) ? capitalise(clause) : clause);
    });
    return text + end;
  });

describe('coachReply: rewrites compose', () => {
  it('turns "I understand. Unfortunately that\'s our policy, so I CAN\'T change it!!!" into one fluent reply', () => {
    const draft = "I understand. Unfortunately that's our policy, so I CAN'T change it!!!";
    for (const order of ['first', 'last'] as const) {
      expect(applyEveryRewrite(draft, order)).toBe(
        'I understand. Let me explain how this works and what I can do.',
      );
    }
  });

  it('never rewrites into a stray letter or a shouted sentence in plain case', () => {
    const r = coachReply("Unfortunately that's not something we stock.", ANGRY);
    const unfortunately = r.findings.find((f) => f.text === 'Unfortunately');
    expect(unfortunately?.rewrite?.replacement).toBe("That's");
    const shout = coachReply('STOP SHOUTING AT ME', ANGRY);
    for (const f of shout.findings) expect(f.rewrite?.replacement).not.toBe('Stop shouting at me');
    expect(applyEveryRewrite('STOP SHOUTING AT ME', 'first')).not.toMatch(/shouting/i);
  });

  it("leaves the customer's own words alone when the agent quotes them", () => {
    const conversation: ConversationMessage[] = [
      { role: 'customer', text: 'STOP IGNORING ME', at: '2026-03-02T09:00:00Z' },
    ];
    const r = coachReply(
      'You wrote "STOP IGNORING ME", and you are right: I\'m sorry we kept you waiting.',
      conversation,
    );
    expect(r.findings.map((f) => f.rule)).not.toContain('mirroring-capitals');
  });

  it('applying every rewrite of a bad draft gives fluent text that scores better', () => {
    fc.assert(
      fc.property(DRAFT, fc.constantFrom('first' as const, 'last' as const), (draft, order) => {
        const before = coachReply(draft, ANGRY);
        const text = applyEveryRewrite(draft, order);
        const after = coachReply(text, ANGRY);
        expect(repeatedPhrase(text), `${draft} → ${text}`).toBeUndefined();
        expect(text, `${draft} → ${text}`).toMatch(/^[A-Z]/);
        expect(text, `${draft} → ${text}`).not.toMatch(/\s[,.!?]|[,;]\s*[.!?]|\.\s*\.|,\s*,/);
        expect(after.score, `${draft} → ${text}`).toBeGreaterThan(before.score);
        expect(
          after.findings.filter((f) => f.severity === 'problem').map((f) => f.text),
          `${draft} → ${text}`,
        ).toEqual([]);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
