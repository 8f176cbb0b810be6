import { describe, expect, it } from 'vitest';
import { coachReply } from '../coach/coach-reply.js';
import { analyzeConversation } from './analyze-conversation.js';
import type { ConversationMessage } from './types.js';

/*
 * The next action listens (issue 18): a customer question left open across an agent reply comes
 * first, in the customer's own words, and the suggested reply leaves room for the answer.
 */

const START = Date.parse('2026-06-02T09:00:00Z');
const at = (minutes: number): string => new Date(START + minutes * 60_000).toISOString();
const customer = (minutes: number, text: string): ConversationMessage => ({
  role: 'customer',
  text,
  at: at(minutes),
});
const agent = (minutes: number, text: string): ConversationMessage => ({
  role: 'agent',
  text,
  at: at(minutes),
});

const analyze = (messages: ConversationMessage[], nowMinutes: number) =>
  analyzeConversation(messages, { now: at(nowMinutes), timeZone: 'Europe/London' });

describe('next action: answer their question', () => {
  const holding = [
    customer(0, 'Hello, is the monthly price on your site before or after VAT?'),
    agent(1, 'One moment please.'),
  ];

  it('says "Answer their question" with their words when a reply left it open', () => {
    const { nextAction } = analyze(holding, 3);
    expect(nextAction.action).toBe('answer');
    expect(nextAction.why).toMatch(
      /^Answer their question: "is the monthly price on your site before or after VAT\?"/i,
    );
    expect(nextAction.suggestedReply).toMatch(/before or after VAT/);
  });

  it('suggests a reply the coach passes once the agent fills in the answer', () => {
    const { nextAction } = analyze(holding, 3);
    const filled = nextAction.suggestedReply.replace(
      '[your answer]',
      'it is after VAT, so the £12 a month is all you pay',
    );
    const coached = coachReply(filled, holding);
    expect(coached.findings.filter((f) => f.severity === 'problem')).toEqual([]);
    expect(coached.score).toBeGreaterThanOrEqual(80);
  });

  it('does not ask to answer a question the agent answered', () => {
    const answered = [
      ...holding.slice(0, 1),
      agent(1, "It's after VAT: the price you see is the price you pay."),
    ];
    const { nextAction } = analyze(answered, 3);
    expect(nextAction.why).not.toMatch(/Answer their question/);
  });

  it('quotes their open question in the steps an upset customer is owed', () => {
    const upset = [
      customer(
        0,
        'My router has dropped the connection every evening for TWO WEEKS!!! Are you going to send an engineer or not?',
      ),
    ];
    const { nextAction } = analyze(upset, 1);
    expect(nextAction.suggestedReply).toMatch(
      /You asked "Are you going to send an engineer or not"/,
    );
  });
});
