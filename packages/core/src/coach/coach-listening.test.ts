import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '../conversation/types.js';
import { coachReply } from './coach-reply.js';
import type { CoachFinding } from './types.js';

/*
 * The coach listens (issue 18): a polite reply that ignores what the customer asked is not a
 * good reply. Each listening finding points at the draft and at the customer's words it misses.
 */

const at = (minute: number): string => new Date(Date.UTC(2026, 4, 6, 14, minute)).toISOString();
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

function apply(draft: string, f: CoachFinding): string {
  const r = f.rewrite;
  if (r === undefined) throw new Error(`no rewrite on ${f.rule}`);
  return draft.slice(0, r.start) + r.replacement + draft.slice(r.end);
}

const rules = (draft: string, conversation: ConversationMessage[]): string[] =>
  coachReply(draft, conversation).findings.map((f) => f.rule);

describe('coachReply: does the draft answer what the customer asked?', () => {
  const asked = [
    customer('Hi there. Does the annual plan include phone support, or is it only email?'),
  ];

  it('flags a polite reply that ignores the question, pointing at their question', () => {
    const draft =
      "Thanks so much for getting in touch! We really value you as a customer and we're always improving.";
    const r = coachReply(draft, asked);
    const finding = r.findings.find((f) => f.rule === 'unanswered-question');
    expect(finding).toBeDefined();
    const quoted = finding?.customer;
    expect(quoted?.messageIndex).toBe(0);
    expect(quoted?.text).toMatch(/annual plan include phone support/);
    // The span is exact: the web app highlights these characters of the customer's message.
    expect(asked[0]?.text.slice(quoted?.start, quoted?.end)).toBe(quoted?.text);
    const answered = coachReply(
      'Yes: the annual plan includes phone support as well as email, weekdays from 8am to 6pm.',
      asked,
    );
    expect(answered.findings.map((f) => f.rule)).not.toContain('unanswered-question');
    expect(answered.score).toBeGreaterThan(r.score);
  });

  it('offers an honest holding line with a time, never an invented answer, and it clears the finding', () => {
    const draft = 'Thanks for your message.';
    const r = coachReply(draft, asked);
    const withRewrite = r.findings.find(
      (f) => f.rule === 'unanswered-question' || f.rule === 'stall',
    );
    expect(withRewrite?.rewrite).toBeDefined();
    const fixed = apply(draft, withRewrite as CoachFinding);
    expect(fixed.startsWith(draft)).toBe(true);
    expect(fixed).toMatch(/within 10 minutes/);
    const after = coachReply(fixed, asked);
    expect(after.findings.filter((f) => f.customer !== undefined)).toEqual([]);
    expect(after.score).toBeGreaterThan(r.score);
  });

  it('flags asking for what the customer already gave, quoting what they gave', () => {
    const conversation = [customer('My order 77310 arrived with a cracked screen. What now?')];
    const r = coachReply(
      "I'm sorry to hear that. Could you tell me your order number?",
      conversation,
    );
    const again = r.findings.find((f) => f.rule === 'asks-again');
    expect(again?.severity).toBe('problem');
    expect(again?.text).toMatch(/order number/);
    expect(again?.customer?.text).toMatch(/77310/);
  });

  it('flags the same holding line twice while the question waits', () => {
    const conversation = [
      customer('Is the price on the website in euros or in dollars?', 0),
      agent('Let me check.', 1),
      customer('Any news? Euros or dollars?', 9),
    ];
    const stall = coachReply('Let me check.', conversation).findings.find(
      (f) => f.rule === 'stall',
    );
    expect(stall?.severity).toBe('problem');
    expect(stall?.customer?.text).toMatch(/euros|dollars/i);
  });

  it('flags closing the chat while their question is open', () => {
    const conversation = [customer('Can I change the delivery address on my order to my office?')];
    expect(
      rules(
        "Since I haven't heard back, I'll close this chat now. Have a great day!",
        conversation,
      ),
    ).toContain('closes-while-open');
    expect(
      rules(
        "Yes, you can: I've changed the delivery address on your order to your office.",
        conversation,
      ),
    ).not.toContain('closes-while-open');
  });
});
