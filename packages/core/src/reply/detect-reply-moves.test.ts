import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectReplyMoves } from './detect-reply-moves.js';
import type { ReplyMoveKind } from './types.js';

/** For each kind: replies that show it (with the evidence expected) and replies that do not. */
const CASES: Record<
  ReplyMoveKind,
  { positives: readonly (readonly [string, string])[]; negatives: readonly string[] }
> = {
  acknowledgement: {
    positives: [
      ['I understand how frustrating this must be.', 'I understand how'],
      ['That sounds really frustrating, and I want to fix it.', 'That sounds really frustrating'],
      ["I'd be upset too if my parcel went missing.", "I'd be upset too"],
      ['You have every right to be annoyed.', 'You have every right to be annoyed'],
      ['I can only imagine how stressful the wait has been.', 'I can only imagine how'],
      ['I completely understand.', 'I completely understand'],
    ],
    negatives: [
      "I don't understand your question.",
      'I can see your order in our system.',
      'Can I get it delivered tomorrow instead?',
      'That is not frustrating at all.',
    ],
  },
  undone_acknowledgement: {
    positives: [
      ["I understand your frustration but that's our policy.", 'I understand your frustration but'],
      ['I hear you, but there is nothing more to add.', 'I hear you, but'],
      ['I understand. But the rules are clear.', 'I understand. But'],
    ],
    negatives: [
      "I understand how frustrating this is, and I'll fix it today.",
      'I understand. I will refund it now.',
      "I'm sorry, but that's our policy.",
    ],
  },
  apology: {
    positives: [
      ["I'm so sorry the parcel is late.", "I'm so sorry"],
      ['Please accept our sincere apologies.', 'Please accept our sincere apologies'],
      ['That was our mistake and I apologise.', 'That was our mistake'],
      ['Sorry for the delay in getting back to you.', 'Sorry for the'],
      ['We dropped the ball here.', 'We dropped the ball'],
    ],
    negatives: [
      "I'm sorry if you feel that way.",
      'Sorry, but that is our policy.',
      'We are sorry for any inconvenience caused.',
      "I'm not sorry to see this resolved.",
    ],
  },
  conditional_apology: {
    positives: [
      ["I'm sorry if you feel that way.", "I'm sorry if you feel that way"],
      ['Sorry, but that is our policy.', 'Sorry, but'],
      ['We are sorry for any inconvenience caused.', 'We are sorry for any inconvenience caused'],
      ["I'm sorry you're upset.", "I'm sorry you're upset"],
      ['I apologise if this caused confusion.', 'I apologise if this caused confusion'],
    ],
    negatives: [
      "I'm so sorry the parcel is late.",
      'Sorry for the delay in getting back to you.',
      "I'm sorry you've had to wait this long.",
    ],
  },
  ownership: {
    positives: [
      ["I'll make sure this is fixed today.", "I'll make sure"],
      ['Leave it with me.', 'Leave it with me'],
      ["I'm personally looking into it.", "I'm personally looking into"],
      ['I will call you back within the hour.', 'I will call you'],
      ['Let me see what I can do.', 'Let me see what I can do'],
    ],
    negatives: [
      "I'll need your order number first.",
      'You will make sure to keep the receipt.',
      "I'll have to end this chat.",
      "I can't check that.",
    ],
  },
  fair_question: {
    positives: [
      ['What would you consider fair?', 'What would you consider fair'],
      ['How can I make this right?', 'How can I make this right'],
      ['What would make things right for you?', 'What would make things right'],
      ['Would that seem fair to you?', 'Would that seem fair'],
    ],
    negatives: [
      'What is your order number?',
      'What do you want me to do about it?',
      'How can I help you today?',
    ],
  },
  solution: {
    positives: [
      ["I've issued a full refund.", "I've issued"],
      ['I can offer you a free month.', 'I can offer'],
      ["Here's what I can do.", "Here's what I can do"],
      ['Your refund has been processed.', 'Your refund has been processed'],
      ["We'd be happy to send a replacement.", "We'd be happy to send"],
      ["I'm refunding the duplicate £119 now.", "I'm refunding"],
    ],
    negatives: [
      "I can't offer a refund.",
      'Have you tried turning it off and on again?',
      "We don't offer refunds on sale items.",
    ],
  },
  clarifying_question: {
    positives: [
      ['Could you tell me your order number?', 'Could you tell'],
      ["What's the tracking number on the parcel?", "What's the tracking number"],
      ['Just to confirm, it arrived broken?', 'Just to confirm'],
      ['When did you first notice the fault?', 'When did you first notice'],
      ['Can I have your email address?', 'Can I have your'],
    ],
    negatives: [
      "Why didn't you read the instructions?",
      'Could you calm down?',
      'What do you expect?',
      "What's your problem?",
    ],
  },
  abuse_warning: {
    positives: [
      [
        'If the language continues I will have to end this chat.',
        'If the language continues I will have to end this chat',
      ],
      ['Please refrain from swearing.', 'Please refrain from swearing'],
      ['We will not tolerate abusive language.', 'We will not tolerate abusive language'],
      ['This language is not acceptable.', 'This language is not acceptable'],
      [
        "I'm not able to continue if the personal insults go on, so let's keep to the issue.",
        "I'm not able to continue if the personal insults go on",
      ],
      [
        "As I said earlier, I'm not able to continue while the messages are abusive.",
        "As I said earlier, I'm not able to continue while the messages are abusive",
      ],
      [
        "I want to help, but I can't continue if the messages get personal.",
        "I can't continue if the messages get personal",
      ],
      ['Happy to help, but please keep it civil.', 'please keep it civil'],
    ],
    negatives: [
      'If the problem continues, let me know.',
      "Please don't worry about it.",
      "I can't accept returns after 30 days.",
    ],
  },
  closing: {
    positives: [
      ["I'm going to close this conversation now.", "I'm going to close this conversation"],
      ['This chat will now be closed.', 'This chat will now be closed'],
      ["I'm ending this chat.", "I'm ending this chat"],
      ['Goodbye.', 'Goodbye'],
    ],
    negatives: [
      "I won't close this ticket until it's fixed.",
      'The store is closed on Sundays.',
      'Please keep the app open.',
    ],
  },
  handoff: {
    positives: [
      ["You'll need to contact our billing team.", "You'll need to contact"],
      ["That's not my department.", "That's not my department"],
      ['Please call our billing team.', 'Please call our billing team'],
      ['You should contact your bank.', 'You should contact your bank'],
      ['Another department handles refunds.', 'Another department handles'],
    ],
    negatives: [
      'I will contact our billing team for you.',
      "I've spoken to the warehouse myself.",
      'Our team has already shipped it.',
    ],
  },
  blocking: {
    positives: [
      ["I can't do that.", "I can't"],
      ["That's not possible.", "That's not possible"],
      ["That's our policy.", "That's our policy"],
      ["You'll have to go to our website.", "You'll have to go to our website"],
      ["There's nothing I can do.", "There's nothing I can do"],
      ['Unfortunately the item is out of stock.', 'Unfortunately'],
    ],
    negatives: [
      "I can't wait to help you with this!",
      "I can't thank you enough for your patience.",
      'Let me see what I can do.',
      'Fortunately it arrived.',
      "There's nothing more important to me than this.",
    ],
  },
  blame: {
    positives: [
      ['You should have read the instructions.', 'You should have'],
      ['As I already said, it ships Monday.', 'As I already said'],
      ['Like I said, it ships Monday.', 'Like I said'],
      ['You failed to update your address.', 'You failed to'],
    ],
    negatives: [
      'You should have received an email from us.',
      'We should have told you sooner.',
      'You should have your refund by Friday.',
    ],
  },
  dismissive: {
    positives: [
      ['Calm down, please.', 'Calm down'],
      ['Relax, it will arrive.', 'Relax'],
      ['There is no need to get upset.', 'There is no need to get upset'],
      ["You're overreacting.", "You're overreacting"],
      ['STOP SHOUTING AT ME', 'STOP SHOUTING AT ME'],
    ],
    negatives: [
      "Don't worry, I'll sort it.",
      'Our relaxed returns policy covers this.',
      "I'm calm and here to help.",
    ],
  },
};

describe('detectReplyMoves: every kind', () => {
  for (const [kind, { positives, negatives }] of Object.entries(CASES)) {
    it(`finds ${kind} with its exact evidence`, () => {
      for (const [text, evidence] of positives) {
        const moves = detectReplyMoves(text).filter((m) => m.kind === kind);
        expect(
          moves.map((m) => m.text),
          text,
        ).toContain(evidence);
        for (const m of moves) expect(text.slice(m.start, m.end)).toBe(m.text);
      }
    });
    it(`finds no ${kind} where there is none`, () => {
      for (const text of negatives) {
        const kinds = detectReplyMoves(text).map((m) => m.kind);
        expect(kinds, text).not.toContain(kind);
      }
    });
  }
});

describe('detectReplyMoves: the examples of the brief', () => {
  it('reads "I\'m sorry if you feel that way" as conditional, not sincere', () => {
    const kinds = detectReplyMoves("I'm sorry if you feel that way").map((m) => m.kind);
    expect(kinds).toEqual(['conditional_apology']);
  });

  it('reads "I can\'t wait to help" as no refusal', () => {
    expect(detectReplyMoves("I can't wait to help")).toEqual([]);
  });

  it('reads "could you tell me your order number?" as a clarifying question', () => {
    const moves = detectReplyMoves('could you tell me your order number?');
    expect(moves.map((m) => m.kind)).toEqual(['clarifying_question']);
  });

  it('sorts the moves of a whole reply by where they start', () => {
    const text =
      "I'm so sorry the parcel is late, I understand how frustrating this is. I'll make sure " +
      "it's fixed: I've issued a refund. What would you consider fair?";
    const moves = detectReplyMoves(text);
    expect(moves.map((m) => m.kind)).toEqual([
      'apology',
      'acknowledgement',
      'ownership',
      'solution',
      'fair_question',
    ]);
  });

  it('takes a threat to close the chat as a warning, a plain close as a close', () => {
    const warning = detectReplyMoves('I will have to end this chat if the swearing continues.');
    expect(warning.map((m) => m.kind)).toEqual(['abuse_warning']);
    const close = detectReplyMoves('I will have to end this chat now. Goodbye.');
    expect(close.map((m) => m.kind)).toEqual(['closing', 'closing']);
  });

  it('reads curly apostrophes like straight ones', () => {
    const moves = detectReplyMoves('That’s our policy, I’m afraid. I can’t change it.');
    expect(moves.map((m) => m.text)).toEqual(['That’s our policy', 'I can’t']);
  });
});

describe('detectReplyMoves: robustness', () => {
  it('returns nothing for empty or move-free text', () => {
    expect(detectReplyMoves('')).toEqual([]);
    expect(detectReplyMoves('   \n\t ')).toEqual([]);
    expect(detectReplyMoves('The parcel left the depot at 9.')).toEqual([]);
  });

  it('never throws, and every span is exact, sorted and inside the text', () => {
    const phrases = Object.values(CASES).flatMap((c) => [
      ...c.positives.map(([t]) => t),
      ...c.negatives,
    ]);
    const piece = fc.oneof(fc.constantFrom(...phrases), fc.string(), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 6 }),
        fc.constantFrom(' ', '', '\n', '!!! '),
        (parts, sep) => {
          const text = parts.join(sep);
          const moves = detectReplyMoves(text);
          let last = 0;
          for (const m of moves) {
            expect(m.start).toBeGreaterThanOrEqual(last);
            expect(m.end).toBeGreaterThan(m.start);
            expect(m.end).toBeLessThanOrEqual(text.length);
            expect(text.slice(m.start, m.end)).toBe(m.text);
            last = m.start;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles lone surrogates and odd characters', () => {
    const text = "\uD800I'm sorry if you feel that way\uDC00 \u0000 calm down \uFFFF";
    const moves = detectReplyMoves(text);
    expect(moves.map((m) => m.kind)).toEqual(['conditional_apology', 'dismissive']);
  });

  it('stays linear on long and adversarial text', () => {
    const inputs = [
      "I'm sorry if you feel that way, but that's our policy. ".repeat(20_000),
      'I '.repeat(200_000),
      'you should '.repeat(100_000),
      `I${' '.repeat(500_000)}can't`,
      'a'.repeat(1_000_000),
      "sorry sorry I'm I'm so so ".repeat(40_000),
    ];
    for (const text of inputs) {
      const t0 = performance.now();
      detectReplyMoves(text);
      expect(performance.now() - t0).toBeLessThan(2_000);
    }
  });
});

describe('detectReplyMoves: kinds asked for', () => {
  it('returns only the kinds asked for, still overruled by the others', () => {
    const text = "I'm sorry if you feel that way. I'm so sorry. Calm down.";
    const moves = detectReplyMoves(text, { kinds: ['apology'] });
    expect(moves.map((m) => m.text)).toEqual(["I'm so sorry"]);
    expect(detectReplyMoves(text, { kinds: [] })).toEqual([]);
  });

  it('finds the same moves of a kind alone as among all kinds', () => {
    const text =
      "Sorry, but you'll have to call billing. I can't do it. I'm so sorry, I'll make sure it's fixed.";
    const all = detectReplyMoves(text);
    for (const kind of Object.keys(CASES) as ReplyMoveKind[]) {
      expect(detectReplyMoves(text, { kinds: [kind] })).toEqual(all.filter((m) => m.kind === kind));
    }
  });
});
