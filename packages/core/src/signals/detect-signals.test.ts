import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SIGNALS_PER_KIND,
  countExclamations,
  countShoutedWords,
  detectSignals,
  detectSignalsWithoutPrefilter,
  isCaseless,
  scanSignals,
} from './detect-signals.js';
import { MARK_KEYS, PHRASE_DETECTORS } from './phrase-rules.js';
import type { Signal, SignalKind, ThreatKind } from './types.js';

import { SPOTIFY, itWithData, readTexts } from '../shared-data.test-helper.js';

/** "kind" or "threat/sub-kind" of each signal. */
function labels(text: string): string[] {
  return detectSignals(text).map((s) => (s.threat ? `${s.kind}/${s.threat}` : s.kind));
}

/** The kinds alone, so that "threat" matches a threat of any kind. */
function kinds(text: string): string[] {
  return detectSignals(text).map((s) => s.kind);
}

/** Each of `yes` holds a signal of `kind`, and none of `no` does. */
function expectKind(kind: string, yes: readonly string[], no: readonly string[]): void {
  for (const text of yes) expect(kinds(text), text).toContain(kind);
  for (const text of no) expect(kinds(text), text).not.toContain(kind);
}

function spansOf(text: string, label: string): string[] {
  return detectSignals(text)
    .filter((s) => (s.threat ? `${s.kind}/${s.threat}` : s.kind) === label)
    .map((s) => s.text);
}

/** Checks the invariants every result must keep. */
function expectWellFormed(text: string, signals: readonly Signal[]): void {
  let previous = -1;
  for (const s of signals) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.text).toBe(text.slice(s.start, s.end));
    expect(s.start).toBeGreaterThanOrEqual(previous);
    previous = s.start;
    expect(s.explanation.length).toBeGreaterThan(0);
    if (s.kind === 'threat') expect(s.threat).toBeDefined();
    else expect(s.threat).toBeUndefined();
  }
}

// ---------------------------------------------------------------------------------------------
// Positive phrasings per kind: written for these tests, at least three each; the first of each
// list has its exact evidence asserted.

interface Case {
  label: SignalKind | `threat/${ThreatKind}`;
  /** [text, the exact span text expected] */
  exact: [string, string];
  more: string[];
}

const CASES: Case[] = [
  {
    label: 'shouting',
    exact: ['I WANT MY MONEY back', 'WANT MY MONEY'],
    more: ['this is RIDICULOUS', 'FIX THIS NOW please', 'why is NOTHING WORKING'],
  },
  {
    label: 'exclamation',
    exact: ['Fix it now!!!', '!!!'],
    more: ['Unbelievable!!', 'Come on‼', 'Really!! Again!!'],
  },
  {
    label: 'question_burst',
    exact: ['Why is it still broken??', '??'],
    more: ['Seriously?!?', 'Hello??? Anyone there', 'What now⁇'],
  },
  {
    label: 'profanity',
    exact: ['This update is bullshit', 'bullshit'],
    more: ['what the hell is this', 'this f*cking app', 'here you go 🖕', 'damn it'],
  },
  {
    label: 'insult',
    exact: ['You are useless', 'You are useless'],
    more: ['you people are idiots', 'Are you stupid?', 'learn to read', 'what a bunch of clowns'],
  },
  {
    label: 'threat/cancel',
    exact: ["I'm going to cancel my subscription", "I'm going to cancel my subscription"],
    more: ['I will cancel', "We're cancelling our account", 'so close to cancelling'],
  },
  {
    label: 'threat/competitor',
    exact: ["I'm switching to Deezer", "I'm switching to Deezer"],
    more: [
      'taking my business elsewhere',
      'I will never buy from you again',
      "You've lost a customer",
      'moving to a competitor',
    ],
  },
  {
    label: 'threat/legal',
    exact: ['I will call my lawyer', 'call my lawyer'],
    more: ['see you in court', 'I will sue you', 'my attorney will hear about this'],
  },
  {
    label: 'threat/chargeback',
    exact: ['I will file a chargeback', 'chargeback'],
    more: ['I am disputing the charge with my bank', 'I am calling my bank', 'a PayPal claim'],
  },
  {
    label: 'threat/review',
    exact: ['leaving a 1-star review', '1-star review'],
    more: ['writing a terrible review', 'posting about it on Trustpilot', 'one star'],
  },
  {
    label: 'threat/social',
    exact: ['I am telling everyone', 'telling everyone'],
    more: ['I am posting this on twitter', 'I am going to the press', 'this will go viral'],
  },
  {
    label: 'threat/regulator',
    exact: ['reporting you to the FCC', 'FCC'],
    more: ['my complaint goes to the ombudsman', 'contacting trading standards', 'the BBB'],
  },
  {
    label: 'manager_demand',
    exact: ['I want to speak to a manager', 'I want to speak to a manager'],
    more: ['Please escalate this', 'get me someone senior', 'supervisor now'],
  },
  {
    label: 'repeated_contact',
    exact: ['This is the third time I am writing', 'third time'],
    more: ['I have called five times', 'how many times do I have to ask', 'over and over'],
  },
  {
    label: 'long_wait',
    exact: ['I have been waiting for 3 hours', 'waiting for 3 hours'],
    more: ['on hold for 45 minutes', 'still no reply', 'it has been weeks and counting'],
  },
  {
    label: 'not_heard',
    exact: ['You are not listening', 'You are not listening'],
    more: ['nobody cares', 'Did you even read my message?', 'like talking to a brick wall'],
  },
  {
    label: 'broken_promise',
    exact: ['You promised me a refund', 'You promised'],
    more: [
      'I was told it would arrive Monday',
      'it was supposed to be fixed',
      'nobody called me back',
      'more empty promises',
    ],
  },
  {
    label: 'sarcasm',
    exact: ['Thanks for nothing', 'Thanks for nothing'],
    more: [
      'Great job losing my order',
      'Oh great, another outage',
      'Yeah right.',
      'slow clap',
      'great service...',
      'amazing support /s',
      'wow thanks 🙄',
    ],
  },
  {
    label: 'faulty_product',
    exact: ['The app keeps crashing', 'keeps crashing'],
    more: ['my headphones arrived broken', 'it stopped working', "the playlist won't load"],
  },
  {
    label: 'delivery_problem',
    exact: ['my order has not arrived', 'has not arrived'],
    more: ['where is my parcel', 'they sent the wrong item', 'tracking says delivered'],
  },
  {
    label: 'billing_problem',
    exact: ['I was charged twice', 'charged twice'],
    more: ['I got double charged', 'wrong amount on my bill', 'still being charged'],
  },
  {
    label: 'refund',
    exact: ['I want a refund now', 'refund'],
    more: ['give me my money back', 'I expect compensation', 'please reimburse me'],
  },
  {
    label: 'cancellation',
    exact: ['How do I cancel', 'cancel'],
    more: ['please unsubscribe me', 'close my account', 'the cancellation page'],
  },
  {
    label: 'policy_dispute',
    exact: ['your ridiculous policy', 'your ridiculous policy'],
    more: ['hidden in the terms and conditions', 'outside the return window', 'T&Cs'],
  },
];

const CALM = [
  'Hi, could you help me reset my password please?',
  'Thanks a lot for your help!',
  'Have a nice day.',
  'Is there a student discount in Canada?',
  'The new playlist feature is lovely, thank you.',
  'My PIN for the USA site',
  'How do I add a song to my library?',
];

/**
 * Going public, as customers write it: [text, the threats expected, the evidence of each].
 * Each threat's evidence must cover every platform the customer names.
 */
const GOING_PUBLIC: [string, ThreatKind[], string[]][] = [
  [
    "I'll be posting about this on every review site",
    ['review'],
    ['posting about this on every review site'],
  ],
  [
    'Enjoy your weekend, I am posting reviews everywhere',
    ['review'],
    ['posting reviews everywhere'],
  ],
  [
    "I'll leave a review on all the review sites",
    ['review'],
    ['leave a review on all the review sites'],
  ],
  ["I'll be leaving reviews everywhere I can find", ['review'], ['leaving reviews everywhere']],
  [
    "I'll tell everyone on Trustpilot and Twitter",
    ['social', 'review'],
    ['tell everyone on Trustpilot and Twitter', 'Trustpilot'],
  ],
  [
    'Going to post this on Facebook, Instagram and TikTok tonight',
    ['social'],
    ['post this on Facebook, Instagram and TikTok'],
  ],
  [
    "I'll write about this on Reddit and YouTube",
    ['social'],
    ['write about this on Reddit and YouTube'],
  ],
  [
    'Letting everyone know on Twitter/X, Reddit & LinkedIn',
    ['social'],
    ['Letting everyone know on Twitter/X, Reddit & LinkedIn'],
  ],
  [
    "I'll post it on Yelp, Google reviews and X",
    ['social', 'review'],
    ['post it on Yelp, Google reviews and X', 'Yelp', 'Google reviews'],
  ],
  ["I'm going to share this everywhere", ['social'], ["I'm going to share this everywhere"]],
  // One review threat, not two: the site named inside it adds nothing.
  ["I'll leave a bad Trustpilot review", ['review'], ['bad Trustpilot review']],
];

/** Near misses: platforms and reviews named with no threat to go public. */
const NOT_GOING_PUBLIC = [
  'I found your number on Facebook and Twitter',
  'I wrote to you on Facebook last week',
  'I read reviews everywhere before I bought it',
  'I checked all the review sites before buying',
  'Your reviews everywhere say the support is great',
  "I won't be posting reviews everywhere, I just want it fixed",
  "I'm not posting about this on Instagram, I just want my money back",
  'My daughter shares everything on TikTok',
];

const OWN_PHRASES = [
  ...CASES.flatMap((c) => [c.exact[0], ...c.more]),
  ...CALM,
  "I'm happy with my class",
  "I'm not going to cancel, just need help",
  'Can you cancel the order I placed by mistake?',
  'ohgreat, wowthanks… yeahright',
  'great job,nothing works',
  'T’s and C’s, t&c, copy-paste replies, copypasted answers',
  ...GOING_PUBLIC.map(([text]) => text),
  ...NOT_GOING_PUBLIC,
];

describe('detectSignals: each kind', () => {
  for (const c of CASES) {
    it(`finds ${c.label}`, () => {
      const [text, span] = c.exact;
      expect(spansOf(text, c.label)).toEqual([span]);
      for (const more of c.more) expect(labels(more), more).toContain(c.label);
    });
  }

  it('covers every kind and every threat sub-kind', () => {
    const kinds: SignalKind[] = [
      'shouting',
      'exclamation',
      'question_burst',
      'profanity',
      'insult',
      'threat',
      'manager_demand',
      'repeated_contact',
      'long_wait',
      'not_heard',
      'broken_promise',
      'sarcasm',
      'faulty_product',
      'delivery_problem',
      'billing_problem',
      'refund',
      'cancellation',
      'policy_dispute',
    ];
    const threats: ThreatKind[] = [
      'cancel',
      'competitor',
      'legal',
      'chargeback',
      'review',
      'social',
      'regulator',
    ];
    const covered = new Set(CASES.map((c) => c.label));
    for (const kind of kinds) if (kind !== 'threat') expect(covered).toContain(kind);
    for (const threat of threats) expect(covered).toContain(`threat/${threat}`);
  });
});

describe('detectSignals: threats to go public', () => {
  it('finds every platform and review site the customer names', () => {
    for (const [text, threats, spans] of GOING_PUBLIC) {
      const signals = detectSignals(text);
      expectWellFormed(text, signals);
      const found = signals.filter((s) => s.kind === 'threat');
      expect(new Set(found.map((s) => s.threat)), text).toEqual(new Set(threats));
      expect(found.map((s) => s.text).sort(), text).toEqual([...spans].sort());
    }
  });

  it('does not read a platform or a review named in passing as a threat', () => {
    for (const text of NOT_GOING_PUBLIC) expect(labels(text), text).not.toContain('threat/social');
    for (const text of NOT_GOING_PUBLIC) expect(labels(text), text).not.toContain('threat/review');
  });
});

describe('detectSignals: calm text and near misses', () => {
  it('finds nothing in calm, polite or neutral messages', () => {
    for (const text of CALM) expect(detectSignals(text), text).toEqual([]);
  });

  it('reads "Great, another..." as sarcasm, but not a sincere "Great, another question"', () => {
    expect(spansOf('Great, another week without internet. Thanks a lot.', 'sarcasm')).toEqual([
      'Great, another',
    ]);
    expect(kinds('Great, another question: can I change my plan?')).not.toContain('sarcasm');
    expect(kinds('Great. Another question: can I change my plan?')).not.toContain('sarcasm');
    expect(kinds("It's a great product, another one for my sister please")).toEqual([]);
  });

  it('reads asking for a reply "this time" as not being heard before', () => {
    expect(spansOf("I'd appreciate a response this time.", 'not_heard')).toEqual([
      'a response this time',
    ]);
    expect(kinds('Thanks for the update this time, much better.')).not.toContain('not_heard');
  });

  it('reads a customer let down or fed up, and not the same words said calmly', () => {
    const letDown: Array<[string, string]> = [
      ['I expected better from you honestly.', 'I expected better'],
      ['Really let down by this company.', 'Really let down by this'],
      ['You guys have let me down again', 'You guys have let me down'],
      ['This is not what I paid for.', 'not what I paid for'],
      ['Loyal for 10 years and this is how you treat me?', 'this is how you treat me'],
      ['How hard can it be to send a replacement?', 'How hard can it be'],
      ['You had one job.', 'You had one job'],
      ["I'm done.", "I'm done"],
      ["It's an absolute joke", "It's an absolute joke"],
      ["I'm sick and tired of this", "I'm sick and tired of"],
      ['I want my money back.', 'I want my money back'],
      ['We demand a full refund', 'We demand a full refund'],
      ['Just give me my money back', 'give me my money back'],
      ['Unbelievable.', 'Unbelievable'],
      ['Still no parcel. Absolutely unbelievable!', 'Absolutely unbelievable'],
      ["That's unbelievable", "That's unbelievable"],
    ];
    for (const [text, evidence] of letDown) {
      expect(spansOf(text, 'disappointment'), text).toEqual([evidence]);
    }
    for (const text of [
      "I'm done with the form, what next?",
      "I'm done, thanks for the help!",
      "Don't let me down!",
      'I expect better weather tomorrow',
      'It was a joke, relax',
      "I'm not done yet",
      "That's a joke I hadn't heard",
      "I didn't expect better service anywhere else",
      "I don't want my money back, just the item",
      "I'd like a refund please",
      'Unbelievable service, thank you!',
      'The unbelievable part is how fast it came',
    ]) {
      expect(kinds(text), text).not.toContain('disappointment');
    }
  });

  it('does not read thanks as sarcasm', () => {
    expect(labels('Thanks a lot for your help!')).not.toContain('sarcasm');
    expect(labels('Oh great, thanks, that worked')).not.toContain('sarcasm');
  });

  it('does not read a word that holds a swear word as swearing', () => {
    expect(labels("I'm happy with my class")).toEqual([]);
    expect(labels('Scunthorpe and Essex')).not.toContain('profanity');
  });

  it('does not read a negated threat as one', () => {
    expect(kinds("I'm not going to cancel, just need help")).not.toContain('threat');
    expect(kinds("I won't be switching to another provider")).not.toContain('threat');
    expect(kinds("I'm not going to be posting about this on Twitter")).not.toContain('threat');
    // The same words without the negation are a threat.
    expect(labels("I'm going to be posting about this on Twitter")).toContain('threat/social');
  });

  it('does not read a request for the business to post as a threat', () => {
    expect(kinds('Can you post the update on Twitter?')).not.toContain('threat');
    expect(labels('I will post the whole story on Twitter')).toContain('threat/social');
  });

  it('does not read using a share feature, a plan change or a company listing as a threat', () => {
    for (const text of [
      'When I try to share music on Twitter the app crashes',
      'I have no interest in sharing my music on Facebook',
      "I'm just going to go premium instead",
      'I want to make it public so other people can listen to my playlist',
      'You should think about coming to Bangladesh before going public',
      "y'all should post the fix on Twitter",
    ]) {
      expect(kinds(text), text).not.toContain('threat');
    }
    for (const [text, label] of [
      ["I'm going to post this on Twitter.", 'threat/social'],
      ['I will share my experience on Facebook', 'threat/social'],
      ["I'm going public with this.", 'threat/social'],
      ["I'm switching to Apple Music instead", 'threat/competitor'],
      ['I will sue you', 'threat/legal'],
    ] as const) {
      expect(labels(text), text).toContain(label);
    }
  });

  it('reads sarcasm: praise wrapped around a complaint, not praise on its own', () => {
    expectKind(
      'sarcasm',
      [
        'Wonderful, just wonderful. My parcel is lost again.',
        'Perfect... just perfect.',
        'Oh and another "your call is important to us" message. Lovely.',
        "Yet another 'we apologise for any inconvenience' reply.",
        'Your so-called express delivery took nine days.',
        'So much for the 24 hour turnaround.',
        "No rush, it's only been six weeks.",
        "Take your time, I've only waited three months for the refund.",
        'We have only been two weeks without heating, no big deal.',
        'You certainly took your sweet time answering.',
        'Brilliant customer service as usual, my order still has not arrived.',
        'Excellent communication yet again. Nobody has replied to my emails.',
        'Another Monday, another outage.',
        'Such outstanding support, three days with no phone line.',
        'Superb. The new one leaks as well.',
        'The engineer is apparently "on its way" since Tuesday.',
        'Best company in the world, said nobody ever.',
      ],
      [
        'Excellent customer service as usual, thank you so much!',
        'Great support as always, the new router works perfectly.',
        'No worries, take your time.',
        'Take your time, there is no rush at all.',
        "It's only been a day since I ordered, I know.",
        'Thank you so much for the quick reply.',
        'I got another email from you today with the tracking number.',
        'Great, just what I ordered. Thanks!',
        'Superb. Everything arrived on time.',
        'What excellent service, thank you all!',
        'I pressed "Help" in the app and nothing came up.',
      ],
    );
  });

  it('reads threats made in other words, and a regulator named with "you" as its object', () => {
    for (const [text, label] of [
      ["I'm reporting you to the ombudsman.", 'threat/regulator'],
      ['I will report you to Ofgem and Citizens Advice', 'threat/regulator'],
      ['and then sharing this all over social media', 'threat/social'],
      ['I am putting it everywhere, believe me', 'threat/social'],
      ['Time to name and shame you.', 'threat/social'],
      ['Expect a small claims court letter.', 'threat/legal'],
      ['My solicitor will be in touch on Monday.', 'threat/legal'],
      ['I am taking legal advice about this charge.', 'threat/legal'],
      ['I am passing this to my attorney.', 'threat/legal'],
      ['We are switching to a different energy supplier.', 'threat/competitor'],
    ] as const) {
      expect(labels(text), text).toContain(label);
    }
    expectKind(
      'threat',
      [],
      [
        'Can you report this to Ofcom for me?',
        'Would you pass it on to the ombudsman?',
        'I am not going to be posting this everywhere, relax.',
      ],
    );
  });

  it('reads a legal threat only with a threat act, not a calm mention of a lawyer or contract', () => {
    expectKind(
      'threat',
      [
        'I will be speaking to my solicitor tomorrow.',
        "You'll be hearing from my lawyers.",
        'I am going to sue your company.',
      ],
      [
        'My solicitor asked me to get a copy of the contract, could you email it?',
        "I'm an attorney, please change the email on my account.",
        'My daughter is a lawyer and she says the contract terms look fine.',
        'Could you send the contract to my lawyer at the address below?',
        'I was in court all day so I missed the delivery.',
      ],
    );
  });

  it("reads distress: emotional harm in the customer's words", () => {
    expectKind(
      'distress',
      [
        'I am absolutely devastated, it was a gift for my mum.',
        'This has completely ruined our anniversary weekend.',
        "The cake was squashed and it spoilt my son's party.",
        'We were in floods of tears at the airport.',
        "I haven't slept properly since this started.",
        'My little girl was heartbroken when it arrived smashed.',
        'I feel so humiliated after being refused at the till.',
        'Honestly I am at my wits end with this.',
        'It made my daughter cry.',
        'The whole saga has given me endless anxiety.',
        'My dad was left devastated by the call.',
      ],
      [
        'The coffee ruined my shirt, can I get a replacement?',
        'The storm devastated the coast, is my order delayed?',
        'I am not devastated, just a bit annoyed.',
        'I slept well after the fix, thanks.',
        'Any tips on getting the baby to sleep with the night light on?',
      ],
    );
  });

  it('reads a broken promise in plain words: the call or visit that never came', () => {
    expectKind(
      'broken_promise',
      [
        'Nobody phoned me back.',
        'Still no callback.',
        'I am still waiting for the callback.',
        'You never rang me.',
        "They didn't call back like they said.",
        'The technician never turned up yesterday.',
        'Another no-show from your engineers.',
        'That makes two missed engineer visits.',
      ],
      [
        'Please call me back when you can.',
        'I never call on weekends.',
        'Thanks for calling me back so quickly.',
        'The engineer turned up on time and fixed it.',
        'Sorry, I missed your call earlier.',
      ],
    );
  });

  it('reads insults at the agent with intensifiers and belittling names, not a word in passing', () => {
    expectKind(
      'insult',
      [
        'You are genuinely the stupidest person I have ever spoken to.',
        "You're the most incompetent company on earth",
        'Seriously, you are the rudest agent ever.',
        'Look, sweetie, just process the refund.',
        'You complete waste of oxygen.',
      ],
      [
        'That was the worst storm in years, is my order delayed?',
        'You are the best, thank you!',
        'Look, love, I only need the invoice.',
        'My sweetheart ordered this for me.',
      ],
    );
  });

  it('reads a promise not kept, not how a thing is meant to work or an instruction', () => {
    expectKind(
      'broken_promise',
      [
        'My parcel was supposed to arrive on Monday',
        "It's supposed to be here by now!",
        'No one ever came back to me about it',
      ],
      [
        'How is this supposed to help me?',
        'Is that how it is supposed to work?',
        'Music is meant to be universal',
        'I was told to post on the forum',
        'The lyrics option never came back',
      ],
    );
  });

  it('reads sending again as repeated contact only with a repeat or no answer', () => {
    expectKind(
      'repeated_contact',
      [
        'I already sent you my details twice',
        'I already emailed last week and heard nothing',
        'I already told you my order number',
      ],
      ['Already sent you a DM, thanks!', 'Ok, I already sent my email address.'],
    );
  });

  it('reads an insult to the staff, not praise or the writer blaming themselves', () => {
    expectKind(
      'insult',
      ["You have no idea what you're doing", 'Your incompetence is astounding'],
      [
        'You have a huge fan base here. You have no idea!',
        'Oh, this is 100% user incompetence on my side',
      ],
    );
  });

  it('does not read asking the business to report something as a threat to report it', () => {
    expect(kinds('Will you report this to the regulator?')).not.toContain('threat');
    expect(kinds('Have you reported it to Ofcom yet?')).not.toContain('threat');
    expect(labels('I will report this to the regulator.')).toContain('threat/regulator');
    expect(labels('Should I report this to Ofcom?')).toContain('threat/regulator');
  });

  it('tells a request to cancel from a threat', () => {
    const found = kinds('Can you cancel the order I placed by mistake?');
    expect(found).toContain('cancellation');
    expect(found).not.toContain('threat');
  });

  it('does not read acronyms as shouting', () => {
    expect(countShoutedWords('My PIN for the USA site')).toBe(0);
    expect(labels('Send the PDF to HR by SMS')).not.toContain('shouting');
    expect(countShoutedWords('I WANT MY MONEY back')).toBe(3);
  });

  it('finds swearing written with an apostrophe', () => {
    expect(spansOf("for fuck's sake", 'profanity')).toEqual(['fuck']);
  });
});

describe('detectSignals: odd input', () => {
  const odd = [
    '',
    '   \n\t  ',
    '😡😡🤬',
    '\uD800',
    '\uDC00',
    'a\uD800b\uDC00c',
    '\u0000\u0000',
    'abc\u0000LAWYER\u0000',
    'مرحبا، لقد انتظرت ثلاث ساعات!!',
    'שלום, איפה ההזמנה שלי??',
    'Ｆｉｘ ｉｔ！！',
    'e\u0301e\u0301 CAFÉ DÉJÀ VU',
  ];

  it('never throws and keeps spans inside the text', () => {
    for (const text of odd) {
      const signals = detectSignals(text);
      expectWellFormed(text, signals);
    }
    expect(detectSignals('')).toEqual([]);
    expect(detectSignals('   \n\t  ')).toEqual([]);
    expect(countShoutedWords('')).toBe(0);
    expect(countExclamations('')).toBe(0);
  });

  it('reads bursts in other scripts and full-width marks', () => {
    expect(labels('مرحبا، لقد انتظرت ثلاث ساعات!!')).toContain('exclamation');
    expect(labels('שלום, איפה ההזמנה שלי??')).toContain('question_burst');
    expect(countExclamations('Ｆｉｘ ｉｔ！！')).toBe(2);
  });

  it('returns on a 1 MB text with each kind capped', () => {
    const unit = 'I WILL CANCEL!!! Where is my parcel?? You are useless, what the hell. ';
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const { signals, shoutedWords, exclamations } = scanSignals(text);
    const perKind = new Map<string, number>();
    for (const s of signals) perKind.set(s.kind, (perKind.get(s.kind) ?? 0) + 1);
    for (const count of perKind.values()) expect(count).toBeLessThanOrEqual(MAX_SIGNALS_PER_KIND);
    expect(perKind.get('shouting')).toBe(MAX_SIGNALS_PER_KIND);
    expect(perKind.get('insult')).toBe(MAX_SIGNALS_PER_KIND);
    expect(shoutedWords).toBeGreaterThan(MAX_SIGNALS_PER_KIND);
    expect(exclamations).toBe(3 * Math.ceil((1 << 20) / unit.length));
    expectWellFormed(text, signals);
  });

  it('returns on 1 MB of one letter, of spaces and of marks', () => {
    for (const text of ['a'.repeat(1 << 20), ' '.repeat(1 << 20), '!?'.repeat(1 << 19)]) {
      expectWellFormed(text, detectSignals(text));
    }
  });
});

describe('isCaseless', () => {
  it('holds only characters that casing leaves alone', () => {
    for (let c = 0; c < 0xd800; c++) {
      if (!isCaseless(c)) continue;
      const char = String.fromCharCode(c);
      expect(char.toUpperCase() === char && char.toLowerCase() === char, c.toString(16)).toBe(true);
    }
    for (let c = 0xe000; c < 0x10000; c++) {
      if (!isCaseless(c)) continue;
      const char = String.fromCharCode(c);
      expect(char.toUpperCase() === char && char.toLowerCase() === char, c.toString(16)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const WORDS = [
  'i',
  'will',
  'cancel',
  'my',
  'account',
  'you',
  'are',
  'useless',
  'the',
  'hell',
  'still',
  'waiting',
  'third',
  'time',
  'lawyer',
  'refund',
  'great',
  'job',
  'thanks',
  'for',
  'nothing',
  'not',
  'working',
  'charged',
  'twice',
  'where',
  'is',
  'parcel',
  'policy',
  'manager',
  'please',
  'help',
  'pin',
  'usa',
  'ok',
  'hours',
  'never',
  'again',
  'oh',
  'so',
  'damn',
  "don't",
  "it's",
  'app',
  'crash',
];
const SEPARATORS = [
  ' ',
  ' ',
  ' ',
  ', ',
  '. ',
  '! ',
  '!!! ',
  '? ',
  '?? ',
  '... ',
  '\n',
  '-',
  "'",
  '',
];

const sentence = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS), fc.boolean()), {
    maxLength: 25,
  })
  .map((parts) => parts);

function render(parts: readonly (readonly [string, string, boolean])[], upper: boolean): string {
  return parts.map(([w, s, u]) => (upper && u ? w.toUpperCase() : w) + s).join('');
}

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  sentence.map((parts) => render(parts, true)),
);

describe('properties', () => {
  it('spans lie in the text, match it and come sorted', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(text, detectSignals(text));
      }),
      { numRuns: 500 },
    );
  });

  it('upper-casing words never lowers the shouting count', () => {
    fc.assert(
      fc.property(sentence, (parts) => {
        expect(countShoutedWords(render(parts, true))).toBeGreaterThanOrEqual(
          countShoutedWords(render(parts, false)),
        );
        const text = render(parts, false);
        expect(countShoutedWords(text.toUpperCase())).toBeGreaterThanOrEqual(
          countShoutedWords(text),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("appending '!' never lowers the exclamation count", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(countExclamations(`${text}!`)).toBeGreaterThanOrEqual(countExclamations(text));
      }),
      { numRuns: 300 },
    );
  });

  it('scanSignals agrees with the three wrappers', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const scan = scanSignals(text);
        expect(scan.signals).toEqual(detectSignals(text));
        expect(scan.shoutedWords).toBe(countShoutedWords(text));
        expect(scan.exclamations).toBe(countExclamations(text));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The key-word prefilter never hides a phrase.

/** Drops `\b` and lookarounds, which `fc.stringMatching` cannot generate. */
function generable(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next !== 'b') out += ch + next;
      continue;
    }
    if (/^\(\?<?[=!]/.test(pattern.slice(i, i + 4))) {
      let depth = 0;
      let j = i;
      for (; j < pattern.length; j++) {
        const cj = pattern[j];
        if (cj === '\\') j++;
        else if (cj === '[') {
          while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
        } else if (cj === '(') depth++;
        else if (cj === ')' && --depth === 0) break;
      }
      i = j;
      continue;
    }
    out += ch;
  }
  return out;
}

describe('prefilter', () => {
  it('every key is a lower-case word or a mark', () => {
    for (const detector of PHRASE_DETECTORS) {
      for (const rule of detector.rules) {
        for (const phrasing of rule.phrasings) {
          expect(phrasing.keys.length).toBeGreaterThan(0);
          for (const group of phrasing.keys) {
            for (const key of group.split(' ')) {
              if (key.startsWith('#')) expect(MARK_KEYS).toContain(key);
              else expect(key).toMatch(/^[a-z]+$/);
            }
          }
        }
      }
    }
  });

  itWithData([SPOTIFY], 'never hides a phrase in spotify.jsonl', () => {
    const texts = readTexts(SPOTIFY);
    expect(texts.length).toBeGreaterThan(10_000);
    let found = 0;
    for (const text of texts) {
      const signals = detectSignals(text);
      expect(signals).toEqual(detectSignalsWithoutPrefilter(text));
      found += signals.length;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it('never hides a phrase in our own phrases', () => {
    for (const text of OWN_PHRASES) {
      for (const variant of [text, text.toUpperCase(), `"${text}"`, `x${text}y`]) {
        expect(detectSignals(variant), variant).toEqual(detectSignalsWithoutPrefilter(variant));
      }
    }
  });

  // 60 texts for each of some 300 phrasings: several seconds alone, more on a shared machine.
  it('never hides a phrase in text generated from each phrasing', () => {
    for (const detector of PHRASE_DETECTORS) {
      for (const rule of detector.rules) {
        for (const phrasing of rule.phrasings) {
          const arbitrary = fc.stringMatching(new RegExp(generable(phrasing.pattern)));
          const samples = fc.sample(arbitrary, { numRuns: 60, seed: 42 });
          for (const sample of samples) {
            for (const text of [sample, ` ${sample} `, `${sample.toUpperCase()}.`]) {
              expect(detectSignals(text), `${detector.kind}: ${JSON.stringify(text)}`).toEqual(
                detectSignalsWithoutPrefilter(text),
              );
            }
          }
        }
      }
    }
  }, 120_000);

  it('never hides a phrase in random sentences of key words', () => {
    const keys = new Set<string>();
    for (const detector of PHRASE_DETECTORS) {
      for (const rule of detector.rules) {
        for (const phrasing of rule.phrasings) {
          for (const group of phrasing.keys) {
            for (const key of group.split(' ')) if (!key.startsWith('#')) keys.add(key);
          }
        }
      }
    }
    const words = [...keys, ...WORDS, 'a', 'to', 'my', 'me', 'it', 'of', '&', '/s', '…', '🙄'];
    const keySentence = fc
      .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', ' ', '', ', ', '-')), {
        minLength: 2,
        maxLength: 12,
      })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(keySentence, (text) => {
        expect(detectSignals(text)).toEqual(detectSignalsWithoutPrefilter(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('negation stays within its line', () => {
  it('reads a threat on a new line after "not" as a threat', () => {
    const signals = detectSignals('not\nI will cancel my subscription.');
    expect(signals.some((s) => s.kind === 'threat' && s.threat === 'cancel')).toBe(true);
    expect(
      detectSignals("I'm not going to cancel my subscription.").some((s) => s.kind === 'threat'),
    ).toBe(false);
  });
});
