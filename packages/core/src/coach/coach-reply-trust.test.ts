import { describe, expect, it } from 'vitest';
import { analyzeConversation } from '../conversation/analyze-conversation.js';
import type { ConversationMessage } from '../conversation/types.js';
import { coachReply } from './coach-reply.js';

/*
 * What makes an agent trust the coach: it agrees with the rest of the app, it knows a boundary
 * from a brush-off, it says what was done well, and it never names an insult as the problem.
 */

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

const ANGRY = [
  customer(
    'WHERE IS MY REFUND?! This is the third time I am asking and nobody answers. Absolutely ridiculous!!',
  ),
];

/** A customer who insults the agent, is warned, and insults again twice. */
const ABUSIVE_AFTER_WARNING = [
  customer('My TV box has been dead since Friday and you idiots keep sending me in circles!!', 0),
  agent("I'm sorry your box isn't working. Happy to help, but please keep it civil.", 2),
  customer('Are you deaf? Useless idiot.', 3),
  customer('Honestly you are the dumbest moron I have ever dealt with.', 4),
];

describe('coachReply: an acknowledgement undone by "but"', () => {
  const draft = "I understand your frustration but that's our policy.";

  it('does not count it, says why, and the playbook agrees', () => {
    const r = coachReply(draft, ANGRY);
    expect(r.missing.map((m) => m.step)).toContain('acknowledgement');
    expect(r.findings.map((f) => f.rule)).toContain('undone-acknowledgement');
    expect(r.done.map((d) => d.step)).not.toContain('acknowledgement');
    const a = analyzeConversation([...ANGRY, agent(draft, 2)], {
      now: at(3),
      timeZone: 'UTC',
    });
    expect(a.playbook.find((s) => s.step === 'acknowledged')?.status).not.toBe('done');
  });

  it('still counts an acknowledgement that stands on its own', () => {
    const r = coachReply("I understand how frustrating this is, and I'll fix it today.", ANGRY);
    expect(r.missing.map((m) => m.step)).not.toContain('acknowledgement');
    expect(r.findings.map((f) => f.rule)).not.toContain('undone-acknowledgement');
  });
});

describe('coachReply: what was done well', () => {
  it('lists the steps the draft takes, with its words', () => {
    const r = coachReply(
      "I'm so sorry about your refund, and I understand how frustrating it is to ask three times. I'll make sure it's sorted and email you by 3pm today.",
      ANGRY,
    );
    expect(r.done.map((d) => d.step)).toEqual([
      'acknowledgement',
      'apology',
      'reflection',
      'ownership',
      'next_step',
    ]);
    expect(r.done.find((d) => d.step === 'apology')).toMatchObject({
      where: 'draft',
      text: "I'm so sorry",
    });
  });

  it('credits a step an earlier reply took, and says so', () => {
    const conversation = [
      ...ANGRY,
      agent("I'm so sorry about your refund. I understand how frustrating this is.", 1),
      customer('Still nothing!! When will it arrive?', 2),
    ];
    const r = coachReply(
      "I'll chase the refund myself so you're not kept waiting any longer, and call you by 3pm today.",
      conversation,
    );
    expect(r.missing).toEqual([]);
    expect(r.done.filter((d) => d.where === 'conversation').map((d) => d.step)).toEqual([
      'acknowledgement',
      'apology',
    ]);
  });

  it('scores an empty draft 0, not "100, nothing to change"', () => {
    for (const draft of ['', '   \n ']) {
      const r = coachReply(draft, ANGRY);
      expect(r.empty).toBe(true);
      expect(r.score).toBe(0);
      expect(r.done).toEqual([]);
    }
    expect(coachReply('Thanks!', ANGRY).empty).toBe(false);
  });
});

describe('coachReply: a boundary is not a brush-off', () => {
  it('passes each line of a stop after repeated abuse', () => {
    for (const draft of [
      "As I said earlier, I'm not able to continue while the messages are abusive.",
      "I'm sorry we couldn't sort this out together today.",
      "I'm going to close this conversation now. You're welcome to contact us again, and we'll pick up where we left off.",
    ]) {
      const r = coachReply(draft, ABUSIVE_AFTER_WARNING);
      expect(r.findings.filter((f) => f.severity === 'problem')).toEqual([]);
      expect(r.score).toBeGreaterThanOrEqual(80);
    }
  });

  it('passes a calm warning, but still flags "as I said" used to scold', () => {
    const warning = coachReply(
      "I want to help with your box, and I will, but I can't continue if the messages get personal.",
      ABUSIVE_AFTER_WARNING.slice(0, 1),
    );
    expect(warning.findings.filter((f) => f.severity === 'problem')).toEqual([]);
    const scold = coachReply('As I said, the refund takes five days.', ANGRY);
    expect(scold.findings.map((f) => f.rule)).toContain('blame');
  });
});

describe('coachReply: names the problem, never the insult', () => {
  it("offers the customer's problem words for a restatement, not their insults", () => {
    const r = coachReply('Thanks for your message.', [
      customer('Honestly you idiot, my router is dead again. Are you deaf??', 0),
    ]);
    const why = r.missing.find((m) => m.step === 'reflection')?.why ?? '';
    expect(why).not.toMatch(/idiot|deaf|honestly/i);
  });
});
