import { readFileSync } from 'node:fs';
import * as chrono from 'chrono-node/en';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../commitments/business-calendar.js';
import {
  cueRegexes,
  findCues,
  findCuesWithoutPrefilter,
  splitSentences,
} from '../commitments/promise-cues.js';
import {
  chronoResults,
  findTimeExpressions,
  findTimeExpressionsWithoutPrefilter,
  timeRuleRegexes,
  type ResolveContext,
} from '../commitments/time-expressions.js';
import { AnchorScanner, RegexPrefilter, anchorsOf, requiredAnchors, type Need } from './anchors.js';
import {
  detectReplyMoves,
  detectReplyMovesWithoutPrefilter,
  replyMovePrefilter,
} from './detect-reply-moves.js';
import type { ReplyMoveKind } from './types.js';

import { seededRandom } from '../random/seeded-random.js';
import { SPOTIFY, itWithData, readTexts } from '../shared-data.test-helper.js';

/** The string literals of a test file: the replies its cases are about. */
function literalsOf(file: string): string[] {
  const source = readFileSync(new URL(file, import.meta.url), 'utf8');
  const out: string[] = [];
  const re = /'((?:[^'\\\n]|\\.){10,})'|"((?:[^"\\\n]|\\.){10,})"/g;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    out.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  return out;
}

/** White space of every kind `\s` reads, to check that the scan folds all of them. */
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', ' \r\n '];
const WORDS = ['order', 'it', 'x', 'refund', 'my', 'team', 'a', 'Now', '42', 'really'];

/**
 * Writes random strings that the regex `source` (the syntax of the reply phrasings) can match:
 * one branch of each alternation, a few repeats of each quantifier, random letter case and
 * random white space. Negative lookarounds are skipped, so a string may still fail them:
 * callers only rely on strings the regex does match.
 */
class Writer {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly rand: () => number,
  ) {}

  write(): string {
    this.i = 0;
    return this.alternation();
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)] as T;
  }

  private alternation(): string {
    const branches: number[] = [this.i];
    // Find the top-level branches first, then write one.
    let depth = 0;
    let j = this.i;
    for (; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === '\\') j++;
      else if (c === '[') {
        j++;
        while (this.src[j] !== ']') j += this.src[j] === '\\' ? 2 : 1;
      } else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === '|' && depth === 0) branches.push(j + 1);
    }
    const end = j;
    this.i = this.pick(branches);
    const out = this.sequence();
    this.i = end;
    return out;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const start = this.i;
      const first = this.atom();
      const [min, max] = this.quantifier();
      const after = this.i;
      const count = min + Math.floor(this.rand() * (Math.min(max, min + 3) - min + 1));
      let piece = count > 0 ? first : '';
      for (let k = 1; k < count; k++) {
        this.i = start;
        piece += this.atom();
      }
      this.i = after;
      out += piece;
    }
    return out;
  }

  private quantifier(): [number, number] {
    const c = this.src[this.i];
    let q: [number, number] = [1, 1];
    if (c === '?') q = [0, 1];
    else if (c === '*') q = [0, 4];
    else if (c === '+') q = [1, 4];
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i)) as RegExpExecArray;
      const min = Number(m[1]);
      q = [min, m[2] === undefined ? min : m[3] === '' ? min + 3 : Number(m[3])];
      this.i += m[0].length - 1;
    } else return q;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return q;
  }

  private atom(): string {
    const c = this.src[this.i++] as string;
    if (c === '(') {
      let skip = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i))) {
        // A positive lookaround is written out (what it asks for is there); a negative one
        // is left out.
        const behind = this.src[this.i + 1] === '<';
        skip = this.src[this.i + (behind ? 2 : 1)] === '!';
        this.i += behind ? 3 : 2;
      }
      const inner = this.alternation();
      this.i++; // ")"
      return skip ? '' : inner;
    }
    if (c === '[') {
      const options: string[] = [];
      while (this.src[this.i] !== ']') {
        const d = this.src[this.i++] as string;
        if (d === '\\') options.push(this.escape(this.src[this.i++] as string));
        else options.push(d);
      }
      this.i++;
      return this.pick(options);
    }
    if (c === '\\') return this.escape(this.src[this.i++] as string);
    if (c === '^' || c === '$') return '';
    return this.rand() < 0.2 ? c.toUpperCase() : c;
  }

  private escape(c: string): string {
    if (c === 'b' || c === 'B') return '';
    if (c === 's') return this.pick(SPACES);
    if (c === 'w') return this.pick(['a', 'Z', '7', '_']);
    if (c === 'd') return this.pick(['0', '5']);
    if (c === 'n') return '\n';
    return c;
  }
}

const PREFILTER = replyMovePrefilter();
const KINDS = [...PREFILTER.keys()];

/** Strings the kind's regex matches, written from its own source. */
function phrasesOf(kind: ReplyMoveKind, count: number, seed: number): string[] {
  const { source } = PREFILTER.get(kind) as { source: string };
  return phrasesOfRegex(new RegExp(source, 'i'), count, seed);
}

/** Strings a regex matches, written from its own source. */
function phrasesOfRegex(re: RegExp, count: number, seed: number): string[] {
  const source = re.source;
  const writer = new Writer(source, seededRandom(seed));
  const regex = new RegExp(source, re.flags.replace(/[gy]/g, ''));
  const out: string[] = [];
  for (let k = 0; k < count * 4 && out.length < count; k++) {
    const s = writer.write();
    if (regex.test(s)) out.push(s);
  }
  return out;
}

/** Sentences around the phrases: before and after other words, mixed with other kinds. */
function sentences(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const pool = KINDS.flatMap((kind, i) => phrasesOf(kind, 60, seed * 31 + i));
  const pick = () => pool[Math.floor(rand() * pool.length)] as string;
  const word = () => WORDS[Math.floor(rand() * WORDS.length)] as string;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const parts = [word(), pick(), rand() < 0.5 ? '.' : ',', pick(), word()];
    out.push(parts.join(rand() < 0.5 ? ' ' : '  '));
  }
  return [...pool, ...out];
}

describe('requiredAnchors', () => {
  it('reads what every match needs', () => {
    const need = requiredAnchors(String.raw`\bi['’]?m\s+sorry\b`) as { any: string[] };
    expect([...need.any].sort()).toEqual(["i'm sorry", 'im sorry', 'i’m sorry']);
    const calm = requiredAnchors(String.raw`\b(?:calm\s+down|relax)\b`) as { any: string[] };
    expect([...calm.any].sort()).toEqual(['calm down', 'relax']);
    // Digits, and a string holding a shorter one is left out: the shorter is found anyway.
    const digits = requiredAnchors(String.raw`(?:\d|[0-9]x)`) as { any: string[] };
    expect([...digits.any].sort()).toEqual([...'0123456789']);
    // Optional parts and zero-width parts require nothing.
    expect(requiredAnchors(String.raw`(?:please\s+)?(?=x)`)).toBe(true);
    // Syntax the analysis does not know requires nothing.
    expect(requiredAnchors(String.raw`(?<name>x)`)).toBe(true);
    expect(requiredAnchors(String.raw`\u0041`)).toBe(true);
  });

  it('keeps, of the parts that must all occur, the rarest', () => {
    const need: Need = { all: ['i', { any: ['sorry', 'apologise'] }] };
    expect(anchorsOf(need)).toEqual(['sorry', 'apologise']);
    expect(anchorsOf(true)).toBeNull();
  });
});

describe('AnchorScanner', () => {
  it('finds anchors in any letter case and across any white space', () => {
    const scanner = new AnchorScanner([['calm down'], ['sorry'], ['i’m']]);
    expect(scanner.scan('CALM\u00a0\t DOWN')).toBe(0b001);
    expect(scanner.scan('So SoRrY')).toBe(0b010);
    expect(scanner.scan('I’M here')).toBe(0b100);
    expect(scanner.scan('calmdown, sorr y')).toBe(0);
    expect(scanner.scan('')).toBe(0);
  });
});

describe('the reply-move prefilter', () => {
  it('has anchors for every kind', () => {
    for (const [kind, p] of PREFILTER) {
      expect(p.need, kind).not.toBe(true);
      expect(p.anchors, kind).not.toBeNull();
    }
  });

  it("sees a kind's anchors in every phrase its regex matches", () => {
    const all = [...PREFILTER.values()].map((p) => p.anchors ?? []);
    const scanner = new AnchorScanner(all);
    KINDS.forEach((kind, bit) => {
      const phrases = phrasesOf(kind, 400, bit + 1);
      expect(phrases.length, kind).toBeGreaterThan(100);
      for (const phrase of phrases) {
        expect((scanner.scan(phrase) >> bit) & 1, `${kind}: ${JSON.stringify(phrase)}`).toBe(1);
      }
    });
  });

  it('never changes what detectReplyMoves finds: generated sentences', () => {
    for (const text of sentences(7, 3000)) {
      expect(detectReplyMoves(text), text).toEqual(detectReplyMovesWithoutPrefilter(text));
    }
  });

  // Comparing the two versions alone would pass a rule broken in both: these replies' moves are
  // written by hand, what an agent reading them sees.
  it.each([
    [
      "I'm so sorry you've had to chase us. I understand how frustrating it is. Could you tell me your order number?",
      ['apology', 'acknowledgement', 'clarifying_question'],
    ],
    [
      "Thank you. Your refund was never sent, that's our mistake. I'll make sure it goes out today and I'll email you by 3pm.",
      ['apology', 'ownership'],
    ],
    ["I'm sorry if you feel that way, but that's our policy.", ['conditional_apology', 'blocking']],
    [
      'I can offer you a full refund plus a voucher. What would you consider fair?',
      ['solution', 'fair_question'],
    ],
    ["I'll call you back within the hour with an update.", ['ownership']],
    ['CALM DOWN, there is nothing I can do about the bank!!!', ['dismissive', 'blocking']],
    ['If the language continues I will have to end this chat.', ['abuse_warning']],
    ["You'll need to contact our billing team.", ['handoff']],
  ] as const)(
    'finds the moves a reader sees, with and without the prefilter: %s',
    (text, kinds) => {
      const found = new Set(detectReplyMoves(text).map((m) => m.kind));
      const unfiltered = new Set(detectReplyMovesWithoutPrefilter(text).map((m) => m.kind));
      for (const kind of kinds) {
        expect(found, kind).toContain(kind);
        expect(unfiltered, kind).toContain(kind);
      }
    },
  );

  it('never changes what detectReplyMoves finds: the replies of the other tests', () => {
    const texts = [
      "I'm so sorry you've had to chase us. I understand how frustrating it is. Could you tell me your order number?",
      "Thank you. Your refund was never sent, that's our mistake. I'll make sure it goes out today and I'll email you by 3pm.",
      "I'm sorry if you feel that way, but that's our policy.",
      'I can offer you a full refund plus a voucher. What would you consider fair?',
      "I'll call you back within the hour with an update.",
      'CALM DOWN, there is nothing I can do about the bank!!!',
      'If the language continues I will have to end this chat.',
      "You'll need to contact our billing team.",
    ];
    for (const text of texts) {
      expect(detectReplyMoves(text), text).toEqual(detectReplyMovesWithoutPrefilter(text));
      const upper = text.toUpperCase();
      expect(detectReplyMoves(upper), upper).toEqual(detectReplyMovesWithoutPrefilter(upper));
    }
  });

  itWithData([SPOTIFY], 'never changes what detectReplyMoves finds: real support tweets', () => {
    const texts = readTexts(SPOTIFY);
    expect(texts.length).toBeGreaterThan(1000);
    let withMoves = 0;
    for (const text of texts) {
      const moves = detectReplyMoves(text);
      if (moves.length > 0) withMoves++;
      expect(moves, text).toEqual(detectReplyMovesWithoutPrefilter(text));
    }
    expect(withMoves).toBeGreaterThan(100);
  });

  it('holds with only some kinds asked for', () => {
    const texts = sentences(11, 300);
    for (const kind of KINDS) {
      for (const text of texts) {
        expect(detectReplyMoves(text, { kinds: [kind] })).toEqual(
          detectReplyMovesWithoutPrefilter(text, { kinds: [kind] }),
        );
      }
    }
  });
});

describe('the commitment prefilters', () => {
  const calendar = new BusinessCalendar({ timeZone: 'Europe/London' });
  const sentAt = Date.UTC(2026, 10, 27, 15, 45);
  const wall = calendar.clock.wall(sentAt);
  const ctx: ResolveContext = {
    sentAt,
    calendar,
    today: wall.day,
    nowMinute: wall.minute,
    littleEndian: true,
  };

  /** Sentences of real tweets, of the commitment tests, and written from each regex. */
  function corpus(regexes: readonly RegExp[], seed: number): string[] {
    const texts = [
      ...readTexts(SPOTIFY),
      ...literalsOf('../commitments/extract-commitments.test.ts'),
      ...literalsOf('./detect-reply-moves.test.ts'),
    ];
    const sentences = texts.flatMap((t) => splitSentences(t).map((s) => t.slice(s.start, s.end)));
    const rand = seededRandom(seed);
    const phrases = regexes.flatMap((re, i) => phrasesOfRegex(re, 150, seed * 101 + i));
    const mixed = phrases.map((p, i) => {
      const other = phrases[Math.floor(rand() * phrases.length)] as string;
      return i % 2 === 0 ? `${p} ${other}` : `Sorry, ${other}, and ${p}`;
    });
    return [...sentences, ...phrases, ...mixed];
  }

  it('have anchors for most regexes', () => {
    const cues = new RegexPrefilter(cueRegexes());
    const rules = new RegexPrefilter(timeRuleRegexes());
    expect(cues.anchors.filter((a) => a === null)).toHaveLength(0);
    expect(rules.anchors.filter((a) => a === null)).toHaveLength(0);
  });

  it("see a regex's anchors in every phrase it matches", () => {
    for (const regexes of [cueRegexes(), timeRuleRegexes()]) {
      const filter = new RegexPrefilter(regexes);
      regexes.forEach((re, bit) => {
        const phrases = phrasesOfRegex(re, 200, bit + 17);
        expect(phrases.length, re.source).toBeGreaterThan(20);
        for (const phrase of phrases) {
          expect((filter.scan(phrase) >> bit) & 1, `${re.source}: ${phrase}`).toBe(1);
        }
      });
    }
  });

  itWithData([SPOTIFY], 'never change the cues found', () => {
    const texts = corpus(cueRegexes(), 3);
    expect(texts.length).toBeGreaterThan(10_000);
    let withCues = 0;
    for (const s of texts) {
      const cues = findCues(s);
      if (cues.length > 0) withCues++;
      expect(cues, s).toEqual(findCuesWithoutPrefilter(s));
    }
    expect(withCues).toBeGreaterThan(1000);
  });

  /** The regexes chrono's parsers run, as readChrono calls it. */
  const chronoPatterns = [chrono.GB, chrono.casual].flatMap((c) =>
    c.parsers.map((p) =>
      p.pattern({ option: { forwardDate: true } } as unknown as Parameters<typeof p.pattern>[0]),
    ),
  );

  it("see a chrono parser's anchors in every phrase its regex matches", () => {
    const filter = new RegexPrefilter(chrono.GB.parsers.map((_, i) => chronoPatterns[i] as RegExp));
    chrono.GB.parsers.forEach((_, bit) => {
      const re = chronoPatterns[bit] as RegExp;
      for (const phrase of phrasesOfRegex(re, 200, bit + 41)) {
        expect((filter.scan(phrase) >> bit) & 1, `${re.source}: ${phrase}`).toBe(1);
      }
    });
  });

  itWithData(
    [SPOTIFY],
    'never change what chrono reads',
    () => {
      const texts = corpus([...timeRuleRegexes(), ...chronoPatterns], 9);
      const show = (results: ReturnType<typeof chronoResults>) =>
        results.map((r) => ({
          index: r.index,
          text: r.text,
          start: r.start.date().getTime(),
          end: r.end?.date().getTime(),
          tags: [...r.tags()].sort(),
          certain: ['day', 'weekday', 'hour', 'minute', 'meridiem', 'timezoneOffset'].map((c) =>
            r.start.isCertain(c as 'day'),
          ),
        }));
      let withResults = 0;
      for (const littleEndian of [true, false]) {
        for (const s of texts) {
          const c = { ...ctx, littleEndian };
          const filtered = show(chronoResults(s, c, false));
          if (filtered.length > 0) withResults++;
          expect(filtered, s).toEqual(show(chronoResults(s, c, true)));
        }
      }
      expect(withResults).toBeGreaterThan(1000);
      // Reads every corpus sentence twice with chrono: about 25 s alone, more beside other suites.
    },
    120_000,
  );

  itWithData([SPOTIFY], 'never change the time expressions found', () => {
    const texts = corpus(timeRuleRegexes(), 5);
    let withTimes = 0;
    for (const s of texts) {
      const times = findTimeExpressions(s, ctx);
      if (times.length > 0) withTimes++;
      expect(times, s).toEqual(findTimeExpressionsWithoutPrefilter(s, ctx));
    }
    expect(withTimes).toBeGreaterThan(1000);
  });
});
