import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from './analyze-message.js';

const CALM = [
  'Hi, could you tell me when my order will ship? Thanks!',
  'Thank you so much, the replacement arrived today and works perfectly.',
  'Lovely to hear from you, everything is sorted now. Have a good weekend!',
];
const UPSET = [
  "This is the third time I'm writing about my refund and still nothing. Absolutely ridiculous.",
  'I was charged twice this month and nobody has answered my emails for a week.',
  'The blender arrived broken and your support keeps ignoring me. Worst service ever.',
];

describe('analyzeMessage: verdicts', () => {
  it('scores upset customers above calm ones', () => {
    const calm = Math.max(...CALM.map((t) => analyzeMessage(t).upset));
    const upset = Math.min(...UPSET.map((t) => analyzeMessage(t).upset));
    expect(upset).toBeGreaterThan(calm);
    for (const t of UPSET) expect(analyzeMessage(t).isUpset).toBe(true);
    for (const t of CALM) expect(analyzeMessage(t).isUpset).toBe(false);
  });

  it('gives a temperature with a word, hot for threats and shouting', () => {
    const hot = analyzeMessage("THIRD TIME I'M WRITING!!! Sort it out or I'm calling my lawyer.");
    expect(hot.temperature).toBeGreaterThanOrEqual(70);
    expect(['angry', 'furious']).toContain(hot.level);
    expect(hot.threats).toContain('legal');
    const calm = analyzeMessage(CALM[0] as string);
    expect(calm.temperature).toBeLessThan(30);
    expect(calm.level).toBe('calm');
  });

  it('does not call a customer upset for a plain question, request or thanks', () => {
    const questions = [
      'What are your opening hours?',
      'Can I change the delivery address for order 5521?',
      'How do I change my password?',
      'Do you ship to Canada?',
      'My package arrived today, thanks for the quick delivery.',
      'I need to change my delivery address please',
    ];
    for (const q of questions) {
      const a = analyzeMessage(q);
      expect(a.isUpset, q).toBe(false);
      expect(a.temperature, q).toBeLessThan(30);
    }
    // The same topics with trouble in them still read as upset.
    for (const q of [
      'Why is my order still not delivered?',
      'Why have I been charged twice for the same order?',
      'My package arrived today, broken.',
      'I need to change my delivery address, the courier keeps failing to deliver.',
    ]) {
      expect(analyzeMessage(q).isUpset, q).toBe(true);
    }
  });

  it('hears a customer who is let down or fed up without an angry word', () => {
    for (const text of [
      'Really let down by this company.',
      'I have been a loyal customer for 10 years and this is how you treat me?',
      'How hard can it be to send a replacement?',
    ]) {
      const a = analyzeMessage(text);
      expect(a.isUpset, text).toBe(true);
      expect(a.triggers, text).toContain('disappointment');
    }
  });

  it('names the triggers behind the upset', () => {
    const a = analyzeMessage('I was charged twice and I want a refund.');
    expect(a.triggers).toEqual(expect.arrayContaining(['billing_problem', 'refund']));
  });

  it('keeps abuse apart from anger at a situation', () => {
    const angry = analyzeMessage(
      'My order is two weeks late and nobody tells me anything. Unacceptable.',
    );
    const abusive = analyzeMessage('You are a useless idiot, do your job you moron.');
    expect(abusive.abuse.score).toBeGreaterThan(angry.abuse.score);
    expect(abusive.abuse.signals.some((s) => s.kind === 'insult')).toBe(true);
    expect(angry.abuse.signals).toEqual([]);
  });

  it('points at the words that pushed the score, with exact spans', () => {
    const text = 'Worst customer service ever, absolutely useless and disappointed.';
    const a = analyzeMessage(text);
    expect(a.topWords.length).toBeGreaterThan(0);
    for (const w of a.topWords) {
      expect(text.slice(w.start, w.end)).toBe(w.text);
      expect(w.weight).toBeGreaterThan(0);
    }
  });

  it('flags a message that is not English instead of scoring it silently', () => {
    const a = analyzeMessage('Mi pedido no ha llegado y nadie me responde desde hace una semana.');
    expect(a.language.english).toBe(false);
    expect(a.language.code).toBe('es');
    expect(analyzeMessage(UPSET[0] as string).language.english).toBe(true);
  });
});

describe('analyzeMessage: robustness', () => {
  const odd = [
    '',
    '   \n\t  ',
    '😡😡😡🙄',
    '\uD800\uDFFF\uDC00 lone \uD83D',
    'nul\u0000bytes\u0000here',
    'مرحبا، لم يصل طلبي',
    'שלום, ההזמנה שלי לא הגיעה',
    '\u202Eright-to-left override\u202C',
  ];
  it.each(odd)('returns a sensible result for %j', (text) => {
    const a = analyzeMessage(text);
    expect(a.upset).toBeGreaterThanOrEqual(0);
    expect(a.upset).toBeLessThanOrEqual(1);
    expect(Number.isInteger(a.temperature)).toBe(true);
    expect(a.temperature).toBeGreaterThanOrEqual(0);
    expect(a.temperature).toBeLessThanOrEqual(100);
  });

  it('handles 1 MB of text', () => {
    const text = 'This is the third time I am writing and my parcel is STILL missing!!! '.repeat(
      15000,
    );
    expect(text.length).toBeGreaterThan(1_000_000);
    const a = analyzeMessage(text);
    expect(a.isUpset).toBe(true);
    expect(a.temperature).toBeGreaterThan(50);
  });

  it('rejects a non-string, a programmer error', () => {
    expect(() => analyzeMessage(42 as unknown as string)).toThrow(TypeError);
  });
});

const WORDS = [
  'my',
  'order',
  'the',
  'refund',
  'still',
  'never',
  'arrived',
  'thanks',
  'please',
  'help',
  'account',
  'you',
  'great',
  'service',
  'waiting',
  'charged',
  'not',
  'working',
  'app',
  'today',
  'love',
  'hate',
  'why',
  'again',
  'is',
  'late',
  'ok',
  'fine',
  'card',
  'email',
];
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 25 })
  .map((w) => w.join(' '));
const anyText = fc.oneof(
  sentence,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);
const THREATS = [
  "I'm calling my lawyer.",
  'I will cancel my subscription.',
  'I am going to leave a one star review.',
  'I will dispute the charge with my bank.',
  'I will report you to the BBB.',
];
const INSULTS = ['You are useless.', 'Are you stupid?', 'You people are idiots.'];
// The threat or insult is added as a sentence of its own: inside another sentence a word before
// it may rightly change its sense ("not ... I will cancel").
const SEPARATORS = ['. ', '\n', '! ', '.\n\n'];

describe('analyzeMessage: properties', () => {
  it('puts every span inside the text, with its text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const a = analyzeMessage(text);
        for (const s of [...a.signals, ...a.topWords, ...a.abuse.topWords]) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThan(s.end);
          expect(s.text).toBe(text.slice(s.start, s.end));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the temperature for added shouting', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        expect(analyzeMessage(text.toUpperCase()).temperature).toBeGreaterThanOrEqual(
          analyzeMessage(text).temperature,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the temperature for more exclamation marks', () => {
    fc.assert(
      fc.property(sentence, fc.integer({ min: 1, max: 6 }), (text, n) => {
        expect(analyzeMessage(text + '!'.repeat(n)).temperature).toBeGreaterThanOrEqual(
          analyzeMessage(text).temperature,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the temperature for an added threat or insult', () => {
    fc.assert(
      fc.property(
        sentence,
        fc.constantFrom(...THREATS, ...INSULTS),
        fc.constantFrom(...SEPARATORS),
        (text, added, sep) => {
          const before = analyzeMessage(text).temperature;
          expect(analyzeMessage(text + sep + added).temperature).toBeGreaterThanOrEqual(before);
          expect(analyzeMessage(added + sep + text).temperature).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('analyzeMessage: missed signs and false alarms (issue 12)', () => {
  it('keeps the abuse score near zero for harmless text in any language', () => {
    for (const text of [
      'Vielen Dank, passt alles',
      'No problem at all, whenever suits you',
      'Cheers, that sorted it!',
      'Merci beaucoup, bonne journée',
      "Okay thanks, I'll wait for the email.",
      'Appreciate it, have a lovely evening',
    ]) {
      const a = analyzeMessage(text);
      expect(a.abuse.score, text).toBeLessThan(0.05);
      expect(a.abuse.abusive, text).toBe(false);
    }
  });

  it('reads an insult at the agent, with its intensifiers, as abuse', () => {
    for (const text of [
      'Frankly you are the most clueless idiot I have ever had to deal with',
      'You are seriously the stupidest person working there',
    ]) {
      const a = analyzeMessage(text);
      expect(a.abuse.abusive, text).toBe(true);
      expect(
        a.abuse.signals.map((s) => s.kind),
        text,
      ).toContain('insult');
    }
  });

  it('reads sarcasm, distress and threats in other words as upset, and says why', () => {
    for (const [text, kind] of [
      [
        'Marvellous, just marvellous. Another "we are escalating it" email. Superb support as ever.',
        'sarcasm',
      ],
      ["Oh sure, no hurry, it's only been six weeks with no broadband.", 'sarcasm'],
      ["The blender you sent ruined my wife's birthday dinner. I am devastated.", 'distress'],
      ["I'm reporting you to the ombudsman and sharing this all over Facebook.", 'threat'],
    ] as const) {
      const a = analyzeMessage(text);
      expect(
        a.signals.map((s) => s.kind),
        text,
      ).toContain(kind);
      expect(a.isUpset, text).toBe(true);
      expect(a.temperature, text).toBeGreaterThanOrEqual(40);
    }
  });

  it('finds no legal threat in a calm mention of a lawyer or a contract', () => {
    for (const text of [
      "I'm a solicitor, could you change the phone number on my account?",
      'My brother is a lawyer and suggested I ask for the contract, could you send it?',
    ]) {
      const a = analyzeMessage(text);
      expect(a.threats, text).toEqual([]);
      expect(a.isUpset, text).toBe(false);
    }
  });
});
