import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONVERSATION_POLICY,
  analyzeConversation,
  type AnalyzeConversationOptions,
  type ConversationAnalysis,
  type PlaybookStep,
  type PlaybookStepName,
} from './analyze-conversation.js';
import type { ConversationMessage } from './types.js';

// Thursday 7 March 2024, 10:00 in London (GMT, UTC+0): every fixture counts minutes from here.
const START = Date.parse('2024-03-07T10:00:00Z');
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

function analyze(
  messages: readonly ConversationMessage[],
  nowMinutes: number,
  options: Partial<AnalyzeConversationOptions> = {},
): ConversationAnalysis {
  return analyzeConversation(messages, {
    now: at(nowMinutes),
    timeZone: 'Europe/London',
    ...options,
  });
}

function step(analysis: ConversationAnalysis, name: PlaybookStepName): PlaybookStep {
  const found = analysis.playbook.find((s) => s.step === name);
  if (found === undefined) throw new Error(`no ${name} step`);
  return found;
}

/* Fixtures: transcripts written for these tests, one per rule. */

/** A customer venting in three quick messages, with no reply yet. */
const VENTING = [
  customer(0, 'My parcel never arrived!!!'),
  customer(0.5, 'This is ridiculous, nobody answers me'),
  customer(1, 'I WANT MY MONEY BACK NOW'),
];

/** A textbook recovery: every step taken, in order, and the customer calms down. */
const TEXTBOOK = [
  customer(0, 'This is the THIRD time I am writing about my refund!!! You promised it last week.'),
  agent(
    3,
    "I'm so sorry you've had to chase us about your refund. I understand how frustrating that is. Could you tell me your order number?",
  ),
  customer(5, 'It is 4471. I just want it sorted.'),
  agent(
    8,
    "Thank you. I'll make sure this is fixed, I'm personally looking into it. What would you consider fair for the wait?",
  ),
  customer(10, 'Honestly just the refund, and maybe something for the hassle.'),
  agent(
    12,
    "I've issued your refund now, and I've added a £10 voucher to your account. I'll email you by 3pm to confirm it has gone through.",
  ),
  customer(14, 'Ok, thank you, that is great.'),
  agent(120, 'As promised: the refund has left our account today.'),
];

/** A plain question from a calm customer, answered plainly. */
const CALM = [
  customer(0, 'Hi, could you tell me when my order will ship? Thanks!'),
  agent(2, 'Hi! It ships tomorrow morning.'),
  customer(3, 'Great, thanks a lot'),
];

/** Abuse aimed at the agent, a warning, and abuse again twice. */
const ABUSE_AFTER_WARNING = [
  customer(0, 'Where is my parcel? It was supposed to arrive on Monday.'),
  agent(2, "I'm sorry about the delay. Could you share your order number?"),
  customer(3, 'You are a useless idiot'),
  agent(4, 'I want to help, but if the abusive language continues I will have to end this chat.'),
  customer(5, 'you stupid moron, shut up'),
  customer(6, 'Are you people stupid? Do your job, idiot.'),
];

/** Angry, shouting and swearing at the situation, threatening to leave: never a reason to stop. */
const ANGRY_NOT_ABUSIVE = [
  customer(0, 'This is damn ridiculous, my parcel is lost AGAIN!!!'),
  agent(2, "I'm so sorry. I understand how frustrating this is."),
  customer(4, 'I am furious. This is the worst service ever and I am cancelling my account!!!'),
  agent(6, 'I want to help, but if the language continues I will have to end this chat.'),
  customer(8, 'WHAT language?! I am ANGRY because my parcel is LOST!!!'),
  customer(9, 'Still not good enough!! Worst company ever!!'),
];

/** Three replies that do not bring the temperature down. */
const NOT_CALMING = [
  customer(0, 'My card was charged twice and nobody has answered my emails for a week!!'),
  agent(2, "I'm so sorry about the double charge. I understand how frustrating that is."),
  customer(4, 'Sorry means nothing. I want my money back TODAY!!'),
  agent(6, "I completely understand. I'm personally looking into the charge."),
  customer(8, 'That is not good enough!!! This is a disgrace'),
  agent(10, 'I can offer you a refund of the second charge.'),
  customer(12, 'Still not good enough!! I have wasted HOURS on this!!!'),
];

/** Three fair offers refused, and the agent turning the demand down. */
const REFUSED_OFFERS = [
  customer(
    0,
    'My headphones stopped working after two days. I want a refund and £500 compensation.',
  ),
  agent(2, "I'm so sorry they failed. I can offer you a free replacement sent today."),
  customer(4, 'No. Not acceptable. £500 or nothing.'),
  agent(6, 'I understand. I can offer you a full refund instead.'),
  customer(8, 'Not good enough!! £500!!'),
  agent(10, "I'm not able to offer £500, but I can offer a full refund plus a £20 voucher."),
  customer(12, 'NO. £500 or I go to the press.'),
];

/** A promise of a call back within the hour, and nothing after it. */
const PROMISED_CALL = [
  customer(0, 'Where is my parcel? It was supposed to arrive on Monday.'),
  agent(2, "I'm sorry your parcel is late. I'll call you back within the hour with an update."),
];

describe('analyzeConversation: temperatures and trend', () => {
  it('gives one temperature per customer message, with the peak and the current one', () => {
    const a = analyze(TEXTBOOK, 130);
    expect(a.temperatures.map((t) => t.index)).toEqual([0, 2, 4, 6]);
    expect(a.temperatures[0]?.at).toBe(TEXTBOOK[0]?.at);
    for (const t of a.temperatures) {
      expect(t.temperature).toBeGreaterThanOrEqual(0);
      expect(t.temperature).toBeLessThanOrEqual(100);
    }
    expect(a.peak?.index).toBe(0);
    expect(a.current?.index).toBe(6);
    expect(a.current?.level).toBe('calm');
  });

  it('reads "calming" once a good reply cools the customer down', () => {
    const a = analyze(
      [
        customer(0, 'WHERE IS MY REFUND?! This is the third time I am asking!!!'),
        agent(
          3,
          "I'm so sorry you've had to chase us for your refund; that's our mistake. I've just issued it now.",
        ),
        customer(6, 'Ok, thank you, that is great.'),
      ],
      8,
    );
    expect(a.trend).toBe('calming');
    expect(a.current?.temperature).toBeLessThan(a.peak?.temperature ?? 0);
  });

  it('reads "escalating" when the customer gets angrier with every message', () => {
    const a = analyze(
      [
        customer(0, 'Hi, my order has not arrived yet.'),
        agent(5, 'Please wait a few more days.'),
        customer(10, 'It was supposed to arrive last week. This is annoying.'),
        agent(15, "There's nothing I can do, that's our policy."),
        customer(20, 'Are you serious?! This is the WORST service, I want a manager NOW!!!'),
      ],
      21,
    );
    expect(a.trend).toBe('escalating');
  });

  it('reads "steady" with a single customer message', () => {
    expect(analyze([customer(0, 'Where is my parcel?!')], 1).trend).toBe('steady');
  });
});

describe('analyzeConversation: timing', () => {
  it('finds a burst of three customer messages within two minutes', () => {
    const { bursts } = analyze(VENTING, 2).timing;
    expect(bursts).toEqual([{ indexes: [0, 1, 2], count: 3, from: at(0), to: at(1), seconds: 60 }]);
  });

  it('merges overlapping bursts and leaves slow messages out', () => {
    const { bursts } = analyze(
      [
        customer(0, 'hello'),
        customer(0.5, 'my parcel'),
        customer(1, 'never came'),
        customer(2.4, 'and nobody answers'),
        customer(10, 'hello??'),
      ],
      11,
    ).timing;
    expect(bursts.map((b) => b.indexes)).toEqual([[0, 1, 2, 3]]);
  });

  it('finds no burst when messages are spread out or an agent answers between them', () => {
    const spread = analyze([customer(0, 'one'), customer(1.5, 'two'), customer(3, 'three')], 4)
      .timing.bursts;
    expect(spread).toEqual([]);
    const answered = analyze(
      [customer(0, 'one'), customer(0.3, 'two'), agent(0.5, 'Hi!'), customer(0.8, 'three')],
      4,
    ).timing.bursts;
    expect(answered).toEqual([]);
  });

  it('follows the policy for burst size and window', () => {
    const messages = [customer(0, 'one'), customer(0.5, 'two')];
    expect(analyze(messages, 1).timing.bursts).toEqual([]);
    const tuned = analyze(messages, 1, { policy: { burstMinMessages: 2 } });
    expect(tuned.timing.bursts.map((b) => b.indexes)).toEqual([[0, 1]]);
  });

  it('flags a customer cutting in right after an agent message, before it could be read', () => {
    const a = analyze(
      [
        customer(0, 'My order has not arrived'),
        agent(
          2,
          "Sorry for the wait. Let me check that order for you now, it'll take a couple of minutes while I look up the tracking details.",
        ),
        customer(2.1, 'just refund me'),
      ],
      3,
    );
    expect(a.timing.interruptions).toEqual([
      expect.objectContaining({ index: 2, kind: 'cut_in', afterIndex: 1, seconds: 6 }),
    ]);
  });

  it('flags a customer chasing an unanswered message', () => {
    const a = analyze(
      [customer(0, 'Hello, my order has not arrived'), customer(7, 'hello?? anyone there?')],
      8,
    );
    expect(a.timing.interruptions).toEqual([
      expect.objectContaining({ index: 1, kind: 'chasing', afterIndex: 0, seconds: 420 }),
    ]);
  });

  it('sees no interruption when the customer takes time to read and the agent answers promptly', () => {
    const a = analyze(
      [
        customer(0, 'My order has not arrived'),
        agent(2, 'Sorry! Let me check.'),
        customer(3, 'Thanks, it is order 4471'),
      ],
      4,
    );
    expect(a.timing.interruptions).toEqual([]);
  });
});

describe('analyzeConversation: playbook', () => {
  it('ticks every step in the message that took it', () => {
    const a = analyze(TEXTBOOK, 130);
    const ticks = Object.fromEntries(a.playbook.map((s) => [s.step, [s.status, s.messageIndex]]));
    expect(ticks).toEqual({
      listened: ['done', 1],
      acknowledged: ['done', 1],
      apologised: ['done', 1],
      reflected: ['done', 1],
      owned: ['done', 3],
      asked_fair: ['done', 3],
      offered: ['done', 5],
      committed: ['done', 5],
      kept_follow_up: ['done', 7],
    });
  });

  it('always lists the nine steps in the order of the practice', () => {
    expect(analyze(CALM, 5).playbook.map((s) => s.step)).toEqual([
      'listened',
      'acknowledged',
      'apologised',
      'reflected',
      'owned',
      'asked_fair',
      'offered',
      'committed',
      'kept_follow_up',
    ]);
  });

  it('asks no apology, acknowledgement or offer of a calm customer', () => {
    const a = analyze(CALM, 5);
    for (const s of a.playbook) expect(s.status).toBe('not_applicable');
    // The customer wrote last ("Great, thanks a lot"): a warm close, never nothing.
    expect(a.nextAction.action).toBe('answer');
    expect(a.followUps).toEqual([]);
  });

  it('does not count a conditional apology, and says so', () => {
    const a = analyze(
      [
        customer(0, 'I was charged twice for my subscription this month, please fix it.'),
        agent(3, "I'm sorry if you feel that way, but that's our policy."),
      ],
      5,
    );
    const apologised = step(a, 'apologised');
    expect(apologised.status).toBe('missing');
    expect(apologised.messageIndex).toBe(1);
    expect(apologised.why).toMatch(/conditional/i);
  });

  it('counts a sincere apology after a conditional one, noting the conditional one', () => {
    const a = analyze(
      [
        customer(0, 'I was charged twice for my subscription this month, please fix it.'),
        agent(3, "I'm sorry if you feel that way."),
        customer(4, 'Unbelievable.'),
        agent(6, "I'm so sorry about the double charge, that was our mistake."),
      ],
      7,
    );
    const apologised = step(a, 'apologised');
    expect(apologised).toMatchObject({ status: 'done', messageIndex: 3 });
    expect(apologised.why).toMatch(/conditional apology in message 2/);
  });

  it('marks ownership missing where the agent passes the customer elsewhere', () => {
    const a = analyze(
      [
        customer(0, 'I was charged twice for my subscription this month, please fix it.'),
        agent(2, "You'll need to contact our billing team for that."),
      ],
      5,
    );
    expect(step(a, 'owned')).toMatchObject({ status: 'missing', messageIndex: 1 });
  });

  it('says "not yet: listen first" for every step while the customer is still venting', () => {
    const a = analyze(VENTING, 1.5);
    for (const name of ['listened', 'acknowledged', 'apologised', 'offered'] as const) {
      const s = step(a, name);
      expect(s.status).toBe('not_yet');
      expect(s.why).toMatch(/still venting: listen first/);
    }
  });

  it('marks listening missing when the agent proposes a solution to a venting customer', () => {
    const a = analyze(
      [...VENTING, agent(2, 'I can offer you a 10% discount on your next order.')],
      3,
    );
    expect(step(a, 'listened')).toMatchObject({ status: 'missing', messageIndex: 3 });
    expect(step(a, 'listened').why).toMatch(/before asking a single clarifying question/);
  });

  it('marks listening done when the agent asks a clarifying question after the venting', () => {
    const a = analyze(
      [...VENTING, agent(2, "I'm so sorry. Could you share your order number so I can check?")],
      3,
    );
    expect(step(a, 'listened')).toMatchObject({ status: 'done', messageIndex: 3 });
  });

  it('marks listening missing when the agent talks over a burst', () => {
    const a = analyze(
      [
        customer(0, 'My parcel never arrived!!!'),
        customer(0.3, 'This is ridiculous, nobody answers me'),
        agent(0.5, 'Please calm down.'),
        customer(0.8, 'I WANT MY MONEY BACK NOW'),
      ],
      3,
    );
    expect(step(a, 'listened')).toMatchObject({ status: 'missing', messageIndex: 2 });
  });

  it('counts reflecting only when the reply names the customer problem', () => {
    const named = analyze(
      [
        customer(0, 'My parcel was supposed to arrive on Monday and it is still not here!!'),
        agent(2, "I'm so sorry your parcel hasn't arrived yet."),
      ],
      3,
    );
    expect(step(named, 'reflected')).toMatchObject({ status: 'done', messageIndex: 1 });
    const generic = analyze(
      [
        customer(0, 'My parcel was supposed to arrive on Monday and it is still not here!!'),
        agent(2, "I'm so sorry. I understand how frustrating this is."),
      ],
      3,
    );
    expect(step(generic, 'reflected').status).toBe('missing');
  });

  it('asks for a time when the agent commits to a next step without one', () => {
    const a = analyze(
      [
        customer(0, 'I was charged twice for my subscription this month!!'),
        agent(2, "I'm sorry about that. I'll look into it."),
        customer(4, 'When?? This is not good enough.'),
        agent(6, "I understand. I'm checking with the billing system."),
      ],
      7,
    );
    const committed = step(a, 'committed');
    expect(committed).toMatchObject({ status: 'missing', messageIndex: 1 });
    expect(committed.why).toMatch(/gives no time/);
  });

  it('tracks the promised follow-up: pending, then kept, or missed', () => {
    expect(step(analyze(PROMISED_CALL, 30), 'kept_follow_up').status).toBe('not_yet');
    expect(step(analyze(PROMISED_CALL, 90), 'kept_follow_up')).toMatchObject({
      status: 'missing',
      messageIndex: 1,
    });
    const kept = analyze(
      [...PROMISED_CALL, agent(40, 'Hi again, as promised: the courier has it.')],
      90,
    );
    expect(step(kept, 'kept_follow_up')).toMatchObject({ status: 'done', messageIndex: 2 });
  });
});

describe('analyzeConversation: next action', () => {
  it('counts a warning in the agent’s own words: two more insults lead to the stop script', () => {
    const a = analyze(
      [
        customer(0, 'My broadband is down again, you useless idiots!'),
        agent(2, 'Happy to help, but please keep it civil.'),
        customer(3, 'You are a moron.'),
        customer(4, 'Absolute idiot, useless muppet.'),
      ],
      5,
    );
    expect(a.nextAction.action).toBe('stop');
    expect(a.stop.script?.close).toMatch(/we'll pick up where we left off\.$/);
  });

  it('always gives a customer who wrote last an action', () => {
    const waited = analyze(
      [
        customer(0, 'Hi, my order 5521 has not arrived yet, can you check?'),
        agent(2, 'Let me check that for you.'),
        customer(200, 'Is anybody there?'),
      ],
      201,
    );
    expect(waited.nextAction.action).toBe('apologise');
    expect(waited.nextAction.suggestedReply).toMatch(/sorry for the wait/);
    const deflected = analyze(
      [
        customer(0, 'My parcel says delivered but it is not here.'),
        agent(3, "You'll need to contact the courier about that."),
        customer(5, "Right, so it's not your problem then."),
      ],
      6,
    );
    expect(deflected.nextAction.action).toBe('own');
    expect(deflected.nextAction.suggestedReply).toMatch(/myself/);
    const asked = analyze([customer(0, 'Do you ship to Ireland?')], 1);
    expect(asked.nextAction.action).not.toBe('none');
    const agentLast = analyze(
      [customer(0, 'Do you ship to Ireland?'), agent(2, 'We do, in 3-5 working days.')],
      3,
    );
    expect(agentLast.nextAction.action).toBe('none');
  });

  it('says listen, with a clarifying question and no solution, while the customer vents', () => {
    const { nextAction } = analyze(VENTING, 1.5);
    expect(nextAction.action).toBe('listen');
    expect(nextAction.why).toMatch(/venting/);
    expect(nextAction.suggestedReply).toMatch(/\?$/);
    expect(nextAction.suggestedReply).toMatch(/parcel/);
    expect(nextAction.suggestedReply).not.toMatch(/refund|offer|discount/i);
  });

  it('opens with acknowledgement and apology, in the customer’s problem words', () => {
    const { nextAction } = analyze(
      [customer(0, 'I still have not received my refund and nobody has answered my emails!!')],
      2,
    );
    expect(nextAction.action).toBe('acknowledge');
    expect(nextAction.suggestedReply).toMatch(/frustrating/);
    expect(nextAction.suggestedReply).toMatch(/I'm sorry/);
    expect(nextAction.suggestedReply).toMatch(/refund/);
    expect(nextAction.suggestedReply).not.toMatch(/ if you feel/);
  });

  it('goes on to the first step not taken', () => {
    const a = analyze(
      [
        customer(0, 'My parcel was supposed to arrive on Monday and it is still not here!!'),
        agent(
          2,
          "I'm so sorry your parcel hasn't arrived, I understand how frustrating that is. I'll make sure it gets sorted.",
        ),
      ],
      3,
    );
    expect(a.nextAction.action).toBe('ask_fair');
    expect(a.nextAction.suggestedReply).toMatch(/fair/);
  });

  it('suggests a commitment with a time once the offer is made', () => {
    const a = analyze(
      [
        customer(0, 'My parcel was supposed to arrive on Monday and it is still not here!!'),
        agent(
          2,
          "I'm so sorry your parcel hasn't arrived, I understand how frustrating that is. I'll make sure it gets sorted. What would you consider fair?",
        ),
        customer(4, 'I want it delivered this week, or my money back.'),
        agent(6, 'I can offer you a full refund, or a new parcel sent by express.'),
      ],
      7,
    );
    expect(a.nextAction.action).toBe('commit');
    expect(a.nextAction.suggestedReply).toMatch(/by 11:07 am/);
  });

  it('makes good a missed promise first', () => {
    const { nextAction } = analyze(PROMISED_CALL, 90);
    expect(nextAction.action).toBe('follow_up');
    expect(nextAction.suggestedReply).toMatch(/I'm sorry I didn't get back to you by 11:02 am/);
  });

  it('says check back once an upset customer’s issue is resolved', () => {
    const a = analyze(
      [
        customer(0, 'Where is my parcel? It was supposed to arrive on Monday.'),
        agent(2, "I'm sorry your parcel is late. I've arranged a new delivery for tomorrow."),
        customer(4, 'Ok thanks'),
      ],
      60,
      { resolvedAt: at(30) },
    );
    expect(a.nextAction.action).toBe('check_back');
    expect(a.nextAction.suggestedReply).toMatch(/parcel/);
  });

  it('says warn, calmly, at the first personal attack', () => {
    const a = analyze(
      [
        customer(0, 'Where is my parcel? It was supposed to arrive on Monday.'),
        agent(2, "I'm sorry about the delay. Could you share your order number?"),
        customer(3, 'You are a useless idiot'),
      ],
      4,
    );
    expect(a.nextAction.action).toBe('warn');
    expect(a.stop.recommended).toBe(false);
  });

  it('says escalate when a supervisor is called for', () => {
    const a = analyze([customer(0, 'This is useless. Let me speak to a manager, now.')], 1);
    expect(a.nextAction.action).toBe('escalate');
    expect(a.nextAction.suggestedReply).toMatch(/You asked for a manager/);
  });
});

describe('analyzeConversation: after a supervisor takes over', () => {
  /** The customer asks for a manager; a supervisor takes over at minute 3 and replies. */
  const TAKEN_OVER = [
    customer(0, 'This is the third time my parcel has gone missing. I want to speak to a manager.'),
    agent(1, "I'm sorry about your parcel. I'm bringing in my supervisor now."),
    agent(
      4,
      "Hi, I'm Sam, the team supervisor. I'm sorry about your parcel, I'm looking into it now.",
    ),
    customer(6, 'Fine. But I still want a manager to look at this.'),
  ];
  const accepted = { status: 'accepted' as const, at: at(3), supervisorName: 'Sam' };

  it('recommends escalating before the takeover', () => {
    const a = analyze(TAKEN_OVER, 7);
    expect(a.escalation.recommended).toBe(true);
    expect(a.nextAction.action).toBe('escalate');
  });

  it('does not recommend escalating again for the same reason once a supervisor has it', () => {
    const a = analyze(TAKEN_OVER, 7, { escalation: accepted });
    expect(a.escalation.recommended).toBe(false);
    expect(a.escalation.reasons).toEqual([]);
    expect(a.escalation.takenOverAt).toBe('2024-03-07T10:03:00.000Z');
    // The supervisor is taken through the playbook like anyone else, not told to escalate.
    expect(a.nextAction.action).not.toBe('escalate');
  });

  it('recommends again for a new reason that arises later, phrased for the supervisor', () => {
    const later = [...TAKEN_OVER, customer(8, "That's it, I'm calling my lawyer about this.")];
    const a = analyze(later, 9, { escalation: accepted });
    expect(a.escalation.recommended).toBe(true);
    expect(a.escalation.reasons).toEqual([
      expect.stringMatching(/^New since Sam took over: Threatens legal action in message 5/),
    ]);
    expect(a.escalation.reasons.join(' ')).not.toMatch(/manager/);
    expect(a.escalation.handoff?.summary).toMatch(
      /New since Sam took over: threatens legal action\.$/,
    );
    // Nobody to bring in: the supervisor is already there.
    expect(a.nextAction.action).not.toBe('escalate');
  });

  it('does not repeat a reason the supervisor saw, after they send it back or resolve it', () => {
    const legal = [
      customer(0, "If my refund isn't here by Friday I'm calling my lawyer."),
      agent(2, "I'm sorry, I'm passing this to my supervisor."),
      customer(30, 'Any news on my refund?'),
    ];
    expect(analyze(legal, 31).escalation.recommended).toBe(true);
    for (const status of ['returned', 'resolved'] as const) {
      const a = analyze(legal, 31, { escalation: { status, at: at(10) } });
      expect(a.escalation.recommended, status).toBe(false);
      expect(a.escalation.takenOverAt).toBeUndefined();
    }
    // An escalation still waiting for a supervisor changes nothing.
    const open = analyze(legal, 31, { escalation: { status: 'open', at: at(3) } });
    expect(open.escalation.recommended).toBe(true);
  });

  it('reads an escalation it cannot read as none, with a note', () => {
    const a = analyze(TAKEN_OVER, 7, { escalation: { status: 'accepted', at: 'yesterday' } });
    expect(a.escalation.recommended).toBe(true);
    expect(a.notes.map((n) => n.note).join(' ')).toMatch(/escalation/);
  });
});

describe('analyzeConversation: escalation', () => {
  it('recommends a supervisor when the customer asks for a manager', () => {
    const a = analyze(
      [customer(0, 'I have been waiting for a week. I want to speak to a manager.')],
      1,
    );
    expect(a.escalation.recommended).toBe(true);
    expect(a.escalation.reasons.join(' ')).toMatch(/manager/);
    expect(a.escalation.handoff?.wants).toBe('to speak to a manager');
  });

  it('recommends a supervisor on a threat of legal action', () => {
    const a = analyze([customer(0, "If my refund isn't here by Friday I'm calling my lawyer.")], 1);
    expect(a.escalation.recommended).toBe(true);
    expect(a.escalation.reasons.join(' ')).toMatch(/legal action/);
  });

  it('does not escalate on a threat to cancel alone', () => {
    const a = analyze([customer(0, "I'm cancelling my account, this is a joke.")], 1);
    expect(a.escalation.recommended).toBe(false);
  });

  it('recommends a supervisor when a promise was missed', () => {
    const a = analyze(PROMISED_CALL, 90);
    expect(a.escalation.recommended).toBe(true);
    expect(a.escalation.reasons.join(' ')).toMatch(/Missed a promise/);
    // A missed promise is first made good by the agent who made it.
    expect(a.nextAction.action).toBe('follow_up');
  });

  it('recommends a supervisor when three replies have not brought the temperature down', () => {
    const a = analyze(NOT_CALMING, 13);
    expect(a.escalation.recommended).toBe(true);
    expect(a.escalation.reasons).toEqual([expect.stringMatching(/after 3 agent replies/)]);
    expect(a.nextAction.action).toBe('escalate');
  });

  it('waits for the third reply, and for the policy’s number of replies', () => {
    expect(analyze(NOT_CALMING.slice(0, 5), 9).escalation.recommended).toBe(false);
    const sooner = analyze(NOT_CALMING.slice(0, 5), 9, { policy: { escalateAfterReplies: 2 } });
    expect(sooner.escalation.recommended).toBe(true);
  });

  it('does not escalate when the replies calm the customer', () => {
    const { escalation } = analyze(TEXTBOOK, 130);
    expect(escalation.recommended).toBe(false);
    expect(escalation.reasons).toEqual([]);
    // The hand-off is ready all the same, for an agent who asks for help anyway.
    expect(escalation.handoff?.summary).toContain(
      'Escalating because: the agent asked for a supervisor',
    );
  });

  it('writes a hand-off that spares the customer from repeating the story', () => {
    const { handoff } = analyze(NOT_CALMING, 13, { customerName: 'Dana Smith' }).escalation;
    expect(handoff?.customer).toBe('Dana Smith');
    expect(handoff?.problem).toMatch(/billing problem/);
    expect(handoff?.problem).toMatch(/charged twice/);
    expect(handoff?.tried).toEqual(
      expect.arrayContaining([
        'apologised (message 2)',
        expect.stringMatching(/^offered "I can offer you a refund of the second charge\."/),
      ]),
    );
    expect(handoff?.wants).toBe('their money back');
    const summary = handoff?.summary ?? '';
    expect(summary).toMatch(
      /^Dana Smith is \w+ \(temperature \d+, peak \d+\) about a billing problem/,
    );
    expect(summary).toMatch(/Tried: .*apologised/);
    expect(summary).toMatch(/Wants: their money back/);
    // Ten seconds of reading: about forty words.
    expect(summary.split(/\s+/).length).toBeLessThanOrEqual(60);
  });

  it('quotes what the customer called fair as what they want', () => {
    const a = analyze(
      [
        customer(0, 'My card was charged twice!! Nobody has answered my emails for a week!!'),
        agent(2, "I'm so sorry about that. What would you consider fair?"),
        customer(4, 'Refund the second charge and give me a month free.'),
        agent(6, "I'm afraid I can't do a free month."),
        customer(8, 'Then I want a manager.'),
      ],
      9,
    );
    expect(a.escalation.handoff?.wants).toMatch(
      /^"Refund the second charge and give me a month free\."/,
    );
  });
});

describe('analyzeConversation: stop', () => {
  it('recommends stopping after repeated abuse following a warning, with a script', () => {
    const { stop, nextAction } = analyze(ABUSE_AFTER_WARNING, 7);
    expect(stop.recommended).toBe(true);
    expect(stop.reason).toMatch(
      /2 abusive messages \(messages 5 and 6\) after the warning in message 4/,
    );
    expect(stop.script?.warn).toBeTruthy();
    expect(stop.script?.apologise).toMatch(/sorry/i);
    expect(stop.script?.close).toMatch(/close this conversation/);
    expect(stop.script?.record).toMatch(/^Closed: /);
    expect(nextAction.action).toBe('stop');
  });

  it('never stops for a customer who is merely angry, even after a warning', () => {
    const a = analyze(ANGRY_NOT_ABUSIVE, 10);
    expect(a.peak?.level).toMatch(/angry|furious/);
    expect(a.stop).toEqual({ recommended: false });
    expect(a.nextAction.action).not.toBe('stop');
    expect(a.nextAction.action).not.toBe('warn');
  });

  it('never stops for threats, shouting or a manager demand', () => {
    const a = analyze(
      [
        customer(
          0,
          'THIS IS THE THIRD TIME!!! I will take you to court and post this everywhere!!!',
        ),
        agent(2, "I'm so sorry. I understand how frustrating this is."),
        customer(3, 'I want a manager NOW!!!'),
        customer(3.5, 'NOW!!!'),
        customer(4, 'Are you even reading this?!'),
      ],
      5,
    );
    expect(a.stop.recommended).toBe(false);
    expect(a.escalation.recommended).toBe(true);
  });

  it('does not stop on abuse without a warning, nor on one abusive message after it', () => {
    expect(analyze(ABUSE_AFTER_WARNING.slice(0, 3), 4).stop.recommended).toBe(false);
    expect(analyze(ABUSE_AFTER_WARNING.slice(0, 5), 6).stop.recommended).toBe(false);
    const stricter = analyze(ABUSE_AFTER_WARNING.slice(0, 5), 6, {
      policy: { stopAfterAbusiveMessages: 1 },
    });
    expect(stricter.stop.recommended).toBe(true);
  });

  it('recommends stopping when fair offers are refused and the demand is turned down', () => {
    const a = analyze(REFUSED_OFFERS, 13);
    expect(a.stop.recommended).toBe(true);
    expect(a.stop.reason).toMatch(/3 fair offers refused \(messages 2, 4 and 6\)/);
    expect(a.stop.script?.close).toMatch(/offer stays open/);
  });

  it('does not stop after refused offers if the agent never turned a demand down', () => {
    const softened = REFUSED_OFFERS.map((m, i) =>
      i === 5 ? agent(10, 'I can offer a full refund plus a £20 voucher.') : m,
    );
    expect(analyze(softened, 13).stop.recommended).toBe(false);
  });
});

describe('analyzeConversation: follow-ups', () => {
  it('asks for a next-step message within the hour after a heated exchange', () => {
    const a = analyze(
      [
        customer(0, 'I was charged twice for my subscription this month!! Fix it!!'),
        agent(2, "I'm so sorry about the double charge. I'm looking into it."),
      ],
      5,
    );
    expect(a.followUps).toEqual([
      expect.objectContaining({
        kind: 'next_step',
        due: '2024-03-07T11:02:00.000Z',
        status: 'pending',
      }),
    ]);
  });

  it('counts the next-step message as missed once the hour has passed', () => {
    const a = analyze(
      [
        customer(0, 'I was charged twice for my subscription this month!! Fix it!!'),
        agent(2, "I'm so sorry about the double charge. I'm looking into it."),
      ],
      63,
    );
    expect(a.followUps[0]).toMatchObject({ kind: 'next_step', status: 'missed' });
  });

  it('tracks the agent’s own commitment instead when the last reply commits with a time', () => {
    const a = analyze(PROMISED_CALL, 30);
    expect(a.followUps).toEqual([
      expect.objectContaining({
        kind: 'promise',
        status: 'pending',
        due: '2024-03-07T11:02:00.000Z',
        messageIndex: 1,
        promised: "I'll call you back within the hour with an update",
      }),
    ]);
  });

  it('asks for a check-back 14 days after the fix, at the same local time across a clock change', () => {
    // 25 March 2024 10:00 in London is GMT; 8 April 10:00 is BST (UTC+1).
    const a = analyzeConversation(
      [
        { role: 'customer', text: 'My parcel never arrived!!', at: '2024-03-25T09:00:00Z' },
        {
          role: 'agent',
          text: "I'm so sorry your parcel never arrived. I've sent a new one today.",
          at: '2024-03-25T09:05:00Z',
        },
      ],
      {
        now: '2024-03-25T11:00:00Z',
        timeZone: 'Europe/London',
        resolvedAt: '2024-03-25T10:00:00Z',
      },
    );
    expect(a.followUps).toEqual([
      expect.objectContaining({
        kind: 'check_back',
        due: '2024-04-08T09:00:00.000Z',
        status: 'pending',
      }),
    ]);
  });

  it('asks no check-back for a customer who was never upset', () => {
    expect(analyze(CALM, 60, { resolvedAt: at(10) }).followUps).toEqual([]);
  });

  it('marks the agent’s promises kept, missed or pending', () => {
    const a = analyze(TEXTBOOK, 130);
    expect(a.followUps).toEqual([
      expect.objectContaining({
        kind: 'promise',
        status: 'kept',
        messageIndex: 5,
        keptByIndex: 7,
        dueKind: 'exact',
      }),
      // "I'll make sure this is fixed" gives no time: it is due by the team's default.
      expect.objectContaining({
        kind: 'promise',
        status: 'kept',
        messageIndex: 3,
        keptByIndex: 5,
        dueKind: 'default',
      }),
    ]);
    const late = analyze([...PROMISED_CALL, agent(75, 'Sorry, still checking.')], 80);
    expect(late.followUps.find((f) => f.kind === 'promise')?.status).toBe('missed');
  });
});

describe('analyzeConversation: input it cannot trust', () => {
  it('handles an empty conversation', () => {
    const a = analyze([], 0);
    expect(a.temperatures).toEqual([]);
    expect(a.peak).toBeUndefined();
    expect(a.current).toBeUndefined();
    expect(a.nextAction.action).toBe('none');
    expect(a.escalation.recommended).toBe(false);
    expect(a.stop.recommended).toBe(false);
  });

  it('leaves internal notes out: the customer never saw them', () => {
    const a = analyze(
      [
        { role: 'note', text: 'Customer called earlier, very angry!!! Idiot.', at: at(0) },
        { role: 'note', text: 'Escalate to a manager if needed', at: at(1) },
      ],
      2,
    );
    expect(a.temperatures).toEqual([]);
    expect(a.nextAction.action).toBe('none');
    expect(a.notes).toEqual([]);
  });

  it('reads odd text without failing', () => {
    const odd = [
      '',
      '   ',
      '😡😡😡😡',
      '!!!!!!!!!!!!!!!!!!!!',
      'a'.repeat(20_000),
      '\u0000\u0007\uFFFF\uD800',
      'مرحبا، أين طلبي؟',
      'I'.repeat(5000) + ' will call you tomorrow',
    ];
    const messages = odd.flatMap((text, i) => [customer(i * 3, text), agent(i * 3 + 1, text)]);
    const a = analyze(messages, 100);
    expect(a.temperatures).toHaveLength(odd.length);
    expect(a.playbook).toHaveLength(9);
  });

  it('reads unsorted messages in time order and says so', () => {
    const a = analyze(
      [agent(3, "I'm so sorry! Let me check."), customer(0, 'Where is my parcel?!')],
      5,
    );
    expect(a.temperatures.map((t) => t.index)).toEqual([1]);
    expect(step(a, 'apologised')).toMatchObject({ status: 'done', messageIndex: 0 });
    expect(a.notes).toEqual([{ note: expect.stringMatching(/not in time order/) }]);
  });

  it('skips messages it cannot read, with a note for each', () => {
    const messages = [
      customer(0, 'Where is my parcel?!'),
      { role: 'agent', text: 'hi', at: 'yesterday' },
      { role: 'agent', text: 'hi', at: '2024-03-07T10:00:00' },
      { role: 'agent', text: 'hi', at: '2024-02-30T10:00:00Z' },
      { role: 'bot', text: 'beep', at: at(1) },
      { role: 'customer', at: at(2) },
      null,
      { role: 1n, text: 'x', at: at(3) },
      { role: 'customer', text: 42, at: {} },
      'Where is my parcel?',
    ] as unknown as ConversationMessage[];
    const a = analyze(messages, 5);
    expect(a.temperatures.map((t) => t.index)).toEqual([0]);
    expect(a.notes.map((n) => n.messageIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const n of a.notes) expect(n.note).toMatch(/^Skipped: /);
  });

  it('notes a resolvedAt it cannot read instead of planning a check-back', () => {
    const a = analyze(PROMISED_CALL, 30, { resolvedAt: 'last Tuesday' });
    expect(a.followUps.every((f) => f.kind !== 'check_back')).toBe(true);
    expect(a.notes).toEqual([{ note: expect.stringMatching(/resolvedAt/) }]);
  });

  it('does not change the messages it is given', () => {
    const messages = [agent(3, "I'm so sorry!"), customer(0, 'Where is my parcel?!')];
    const copy = structuredClone(messages);
    analyze(messages, 5);
    expect(messages).toEqual(copy);
  });

  it('throws only on programmer error in the options', () => {
    const opts = { now: at(0), timeZone: 'Europe/London' };
    expect(() => analyzeConversation([], { ...opts, now: 'soon' })).toThrow(TypeError);
    expect(() => analyzeConversation([], { ...opts, now: new Date(Number.NaN) })).toThrow(
      TypeError,
    );
    expect(() => analyzeConversation([], { ...opts, timeZone: 'Mars/Olympus' })).toThrow(
      RangeError,
    );
    expect(() => analyzeConversation([], { ...opts, policy: { heatedTemperature: -1 } })).toThrow(
      /heatedTemperature/,
    );
    expect(() => analyzeConversation([], { ...opts, policy: { burstMinMessages: 1.5 } })).toThrow(
      /burstMinMessages/,
    );
    expect(() => analyzeConversation([], { ...opts, now: new Date(START) })).not.toThrow();
  });

  it('keeps its defaults in one documented policy', () => {
    expect(DEFAULT_CONVERSATION_POLICY).toMatchObject({
      burstMinMessages: 3,
      burstWindowSeconds: 120,
      heatedTemperature: 60,
      escalateAfterReplies: 3,
      stopAfterAbusiveMessages: 2,
      nextStepMinutes: 60,
      checkBackDays: 14,
    });
    expect(Object.isFrozen(DEFAULT_CONVERSATION_POLICY)).toBe(true);
  });
});

describe('analyzeConversation: properties', () => {
  const TEXTS = [
    ...TEXTBOOK,
    ...ABUSE_AFTER_WARNING,
    ...REFUSED_OFFERS,
    ...VENTING,
    ...PROMISED_CALL,
  ].map((m) => m.text);
  const message = fc.record({
    role: fc.constantFrom('customer', 'agent', 'note', 'bot'),
    text: fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 80 })),
    at: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -600, max: 600 }).map((m) => at(m / 4)) },
      { weight: 1, arbitrary: fc.constantFrom('', 'not a date', '2024-13-01T00:00:00Z') },
    ),
  }) as fc.Arbitrary<ConversationMessage>;

  it('never throws, and every index points inside the conversation', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 30 }),
        fc.integer({ min: -60, max: 60 * 24 * 30 }),
        fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
        (messages, nowMinutes, resolved) => {
          const a = analyze(messages, nowMinutes, {
            resolvedAt: resolved === undefined ? undefined : at(resolved),
          });
          const indexes = [
            ...a.temperatures.map((t) => t.index),
            ...a.timing.bursts.flatMap((b) => b.indexes),
            ...a.timing.interruptions.flatMap((i) => [i.index, i.afterIndex]),
            ...a.playbook.flatMap((s) => (s.messageIndex === undefined ? [] : [s.messageIndex])),
            ...a.followUps.flatMap((f) => [f.messageIndex, f.keptByIndex]),
            ...a.notes.map((n) => n.messageIndex),
          ].filter((i) => i !== undefined);
          for (const i of indexes) {
            expect(Number.isInteger(i)).toBe(true);
            expect(i).toBeGreaterThanOrEqual(0);
            expect(i).toBeLessThan(messages.length);
          }
          for (const t of a.temperatures) expect(messages[t.index]?.role).toBe('customer');
          for (const f of a.followUps) expect(Number.isNaN(Date.parse(f.due))).toBe(false);
          expect(a.playbook).toHaveLength(9);
          if (a.stop.recommended) expect(a.stop.script).toBeDefined();
          if (a.escalation.recommended) expect(a.escalation.handoff?.summary).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never recommends stopping a customer who does not attack anyone', () => {
    const angry = fc.constantFrom(
      'WHERE IS MY REFUND?!?!',
      'This is the worst service ever!!!',
      "I'm calling my lawyer.",
      'I want a manager NOW!!!',
      'This is damn ridiculous!!!',
      'I am cancelling and telling everyone on Twitter!!!',
      'Third time I am writing. Still nothing!!!',
    );
    const reply = fc.constantFrom(
      "I'm so sorry. I understand how frustrating this is.",
      'If the language continues I will have to end this chat.',
      'Could you share your order number?',
      "I'll call you back within the hour.",
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), angry, reply), { maxLength: 12 }), (turns) => {
        const messages = turns.map(([fromCustomer, c, r], i) =>
          fromCustomer ? customer(i * 2, c) : agent(i * 2, r),
        );
        expect(analyze(messages, turns.length * 2 + 1).stop.recommended).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
