/*
 * Anchors: literal strings that every match of a regex must contain, read off the regex's own
 * source, so that a cheap scan for them can tell when running the regex is pointless.
 *
 * The analysis is the one of RE2's prefilter, for the subset of syntax the reply phrasings use:
 * each part of a pattern is either a small set of exact strings (the part matches one of them
 * and nothing else) or a condition on the text (`Need`): strings of which one, or all, must
 * occur. Concatenating exact sets multiplies them ("i" + ['’]? + "m" = "i'm", "i’m", "im");
 * anything else (`\s+`, `\w`, a long alternation) turns into a condition. Every step only
 * ever weakens what is known, never strengthens it, so a text that holds a match of the regex
 * always satisfies the condition. Zero-width parts (`\b`, `^`, lookarounds) and optional parts
 * require nothing; syntax the analysis does not know requires nothing either.
 *
 * Case: the phrasings are matched case-insensitively without the `u` flag, where an ASCII
 * letter matches only its two ASCII cases and a character outside ASCII never matches an ASCII
 * letter. The scan lowercases the text and the anchors keep only ASCII letters and characters
 * that have no other case, so an anchor inside a match is inside the lowercased text as well.
 */

/** A condition on a text: nothing (true), a string it holds, or all / one of several. */
export type Need = true | string | { all: Need[] } | { any: Need[] };

interface Info {
  /** Every string the part can match, when that is a small set; else null. */
  exact: ReadonlySet<string> | null;
  /** What a text must hold for the part to match in it (when `exact` is null). */
  need: Need;
}

/** The largest exact set kept; larger ones become conditions. */
const MAX_EXACT = 16;

const EMPTY: Info = { exact: new Set(['']), need: true };
const ANY: Info = { exact: null, need: true };
/** `\s`: the scan folds every run of white space to one space. */
const SPACE: Info = { exact: new Set([' ']), need: true };
const MAYBE_SPACE: Info = { exact: new Set(['', ' ']), need: true };
/** `\d` and `[0-9]`: an ASCII digit (the flags have no `u`). */
const DIGIT: Info = { exact: new Set('0123456789'), need: true };

class Unsupported extends Error {}

/** A counted repeat, "{2}", "{0,3}", "{1,}", read where it stands. */
const BRACES = /\{(\d+)(?:(,)(\d*))?\}/y;

function allOf(needs: readonly Need[]): Need {
  const flat: Need[] = [];
  for (const n of needs) {
    if (n === true) continue;
    if (typeof n === 'object' && 'all' in n) flat.push(...n.all);
    else flat.push(n);
  }
  if (flat.length === 0) return true;
  return flat.length === 1 ? (flat[0] as Need) : { all: flat };
}

function anyOf(needs: readonly Need[]): Need {
  const strings = new Set<string>();
  const others: Need[] = [];
  for (const n of needs) {
    if (n === true) return true;
    if (typeof n === 'string') strings.add(n);
    else if ('any' in n) {
      for (const m of n.any) {
        if (typeof m === 'string') strings.add(m);
        else others.push(m);
      }
    } else others.push(n);
  }
  // A string that contains another string of the list adds nothing: the shorter one is found
  // wherever the longer one is. Shortest first, so each is checked against those kept.
  const kept: string[] = [];
  for (const s of [...strings].sort((a, b) => a.length - b.length)) {
    if (!kept.some((k) => s.includes(k))) kept.push(s);
  }
  const all: Need[] = [...kept, ...others];
  if (all.length === 0) return true;
  return all.length === 1 ? (all[0] as Need) : { any: all };
}

function needOf(info: Info): Need {
  if (info.exact === null) return info.need;
  // A string of nothing or white space alone tells no text apart: no condition.
  for (const s of info.exact) if (s.trim() === '') return true;
  return anyOf([...info.exact]);
}

/**
 * Two exact strings one after the other. Each already has its white space folded, so only
 * where they meet can two spaces come together: one run of white space, one space.
 */
function join(a: string, b: string): string {
  return a.endsWith(' ') && b.startsWith(' ') ? a + b.slice(1) : a + b;
}

function sequence(items: readonly Info[]): Info {
  const needs: Need[] = [];
  let current: Set<string> | null = null;
  let exact = true;
  for (const item of items) {
    if (item.exact === null) {
      exact = false;
      if (current !== null) needs.push(needOf({ exact: current, need: true }));
      current = null;
      needs.push(item.need);
    } else if (current === null) {
      current = new Set(item.exact);
    } else if (current.size * item.exact.size <= MAX_EXACT) {
      const next = new Set<string>();
      for (const a of current) for (const b of item.exact) next.add(join(a, b));
      current = next;
    } else {
      exact = false;
      needs.push(needOf({ exact: current, need: true }));
      current = new Set(item.exact);
    }
  }
  if (exact) {
    const set = current ?? new Set(['']);
    return { exact: set, need: needOf({ exact: set, need: true }) };
  }
  if (current !== null) needs.push(needOf({ exact: current, need: true }));
  return { exact: null, need: allOf(needs) };
}

function alternation(branches: readonly Info[]): Info {
  if (branches.every((b) => b.exact !== null)) {
    const union = new Set<string>();
    for (const b of branches) for (const s of b.exact as ReadonlySet<string>) union.add(s);
    if (union.size <= MAX_EXACT)
      return { exact: union, need: needOf({ exact: union, need: true }) };
  }
  return { exact: null, need: anyOf(branches.map(needOf)) };
}

function repeated(info: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return info;
  // However many white-space characters: one space in the folded text, or none.
  if (info === SPACE) return min === 0 ? MAYBE_SPACE : SPACE;
  if (min === 0) {
    if (max === 1 && info.exact !== null && info.exact.size < MAX_EXACT) {
      return { exact: new Set(['', ...info.exact]), need: true };
    }
    return ANY;
  }
  // At least one copy: whatever one copy needs.
  return { exact: null, need: needOf(info) };
}

/** One character matched case-insensitively: exact when its lowercase form is all it can be. */
function literal(c: string): Info {
  const code = c.charCodeAt(0);
  if (/\s/.test(c)) return SPACE;
  if (code < 128) return { exact: new Set([c.toLowerCase()]), need: true };
  // Outside ASCII, only characters without case are kept: "’", "—".
  if (c.toLowerCase() === c && c.toUpperCase() === c) return { exact: new Set([c]), need: true };
  return ANY;
}

class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

  read(): Info {
    const info = this.alternation();
    if (this.i !== this.src.length) throw new Unsupported(`unexpected ")" at ${this.i}`);
    return info;
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return alternation(branches);
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return sequence(items);
  }

  private quantified(info: Info): Info {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '{') {
      BRACES.lastIndex = this.i;
      const m = BRACES.exec(this.src);
      if (m === null) throw new Unsupported(`"{" at ${this.i}`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return info;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: the same strings
    return repeated(info, min, max);
  }

  private atom(): Info {
    const c = this.src[this.i++] as string;
    switch (c) {
      case '(': {
        let zeroWidth = false;
        if (this.src.startsWith('?:', this.i)) this.i += 2;
        else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
          this.i += 2;
          zeroWidth = true;
        } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
          this.i += 3;
          zeroWidth = true;
        } else if (this.src[this.i] === '?') throw new Unsupported(`group at ${this.i}`);
        const inner = this.alternation();
        if (this.src[this.i] !== ')') throw new Unsupported(`unclosed group at ${this.i}`);
        this.i++;
        return zeroWidth ? EMPTY : inner;
      }
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '^':
      case '$':
        return EMPTY;
      case '.':
        return ANY;
      case ')':
      case '|':
      case '?':
      case '*':
      case '+':
      case '{':
      case '}':
      case ']':
        throw new Unsupported(`"${c}" at ${this.i - 1}`);
      default:
        return literal(c);
    }
  }

  private escape(): Info {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    if (c === 'b' || c === 'B') return EMPTY;
    if (c === 's') return SPACE;
    if (c === 'd') return DIGIT;
    if (/[SwWDnrtfv]/.test(c)) return ANY;
    if (/[\w]/.test(c)) throw new Unsupported(`escape \\${c}`); // \u, \x, \1, \k, \p, ...
    return literal(c);
  }

  private charClass(): Info {
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars: string[] = [];
    let wide = false;
    let first = true;
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unsupported('unclosed class');
      if (c === ']' && !first) break;
      first = false;
      if (c === '\\') {
        const e = this.src[this.i++];
        if (e === undefined) throw new Unsupported('trailing backslash');
        if (/[\w]/.test(e))
          wide = true; // \s, \w, \d, \n, \u...: more than a few characters
        else chars.push(e);
      } else if (c === '-' && chars.length > 0 && this.src[this.i] !== ']') {
        // A range: kept only between two digits ("0-9"); any other is too wide or has cases.
        const from = chars[chars.length - 1] as string;
        const to = this.src[this.i++] as string;
        if (/^[0-9]$/.test(from) && /^[0-9]$/.test(to) && from <= to) {
          for (let d = from.charCodeAt(0) + 1; d <= to.charCodeAt(0); d++) {
            chars.push(String.fromCharCode(d));
          }
        } else wide = true;
      } else {
        chars.push(c);
      }
    }
    if (negated || wide || chars.length > MAX_EXACT) return ANY;
    const set = new Set<string>();
    for (const c of chars) {
      const info = literal(c);
      if (info.exact === null) return ANY;
      for (const s of info.exact) set.add(s);
    }
    return { exact: set, need: true };
  }
}

/**
 * What every match of the regex `source` (flags "i" or "gi", not "u") requires of the
 * lowercased text, or true when nothing can be said (syntax the analysis does not know).
 *
 * @example
 * requiredAnchors(String.raw`\bi['’]?m\s+sorry\b`); // { all: [{ any: ["i'm", "i’m", "im"] }, "sorry"] }
 */
export function requiredAnchors(source: string): Need {
  try {
    return needOf(new Reader(source).read());
  } catch (e) {
    if (e instanceof Unsupported) return true;
    throw e;
  }
}

/** Words too common to tell texts apart: a condition rests on them only when it must. */
const COMMON = new Set(
  'a i we you it is to the this that and of for your my our have be can will not do so me us in on at as if or an no all what how would could are am'.split(
    ' ',
  ),
);

/** A rough chance that a reply holds `word`: common words and short strings are likely. */
function wordLikelihood(word: string): number {
  if (COMMON.has(word)) return 0.5;
  return word.length <= 2 ? 0.3 : word.length === 3 ? 0.1 : word.length === 4 ? 0.05 : 0.02;
}

/** A rough chance that a reply holds one of `anchors`; a phrase is as likely as its words together. */
function likelihood(anchors: readonly string[]): number {
  let sum = 0;
  for (const a of anchors) {
    let p = 1;
    for (const word of a.split(' ')) if (word !== '') p *= wordLikelihood(word);
    sum += p;
  }
  return sum;
}

/**
 * A list of anchors of which any text that satisfies `need` holds at least one, or null when
 * nothing can be said. Of the parts that must all occur, it keeps the one that tells texts
 * apart best: a weaker condition than `need`, but one a single scan checks with no evaluation.
 */
export function anchorsOf(need: Need): string[] | null {
  if (need === true) return null;
  if (typeof need === 'string') return [need];
  if ('any' in need) {
    const out: string[] = [];
    for (const n of need.any) {
      const part = anchorsOf(n);
      if (part === null) return null;
      for (const a of part) if (!out.includes(a)) out.push(a);
    }
    return out;
  }
  let best: string[] | null = null;
  for (const n of need.all) {
    const part = anchorsOf(n);
    if (part !== null && (best === null || likelihood(part) < likelihood(best))) best = part;
  }
  return best;
}

/**
 * Finds which groups of anchors occur in a text, in one pass over its characters, lowercased
 * and with each run of white space folded to one space:
 * group `g` (0-30) is seen when the text holds one of its anchors.
 */
export class AnchorScanner {
  /** Symbols of the characters anchors use: 0 for any other character. */
  private readonly ascii = new Uint8Array(128);
  private readonly wide = new Map<number, number>();
  private readonly width: number;
  /** The trie: `next[node * width + symbol]`, 0 for no child (the root is node 0). */
  private readonly next: Int32Array;
  /** Bit `g` is set at a node that ends an anchor of group `g`. */
  private readonly masks: Int32Array;
  /** The symbol of white space. */
  private readonly space: number;

  constructor(groups: readonly (readonly string[])[]) {
    if (groups.length > 31) throw new RangeError('at most 31 groups of anchors');
    let symbols = 0;
    const symbolOf = (code: number): number => {
      const known = code < 128 ? this.ascii[code] : this.wide.get(code);
      if (known) return known;
      symbols++;
      if (code < 128) this.ascii[code] = symbols;
      else this.wide.set(code, symbols);
      return symbols;
    };
    symbolOf(32); // the space has a symbol whether or not an anchor holds one
    // First pass: the alphabet and the trie, with children in maps.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const ends: number[] = [0];
    groups.forEach((anchors, group) => {
      for (const anchor of anchors) {
        let node = 0;
        for (let i = 0; i < anchor.length; i++) {
          const symbol = symbolOf(anchor.charCodeAt(i));
          let child = (children[node] as Map<number, number>).get(symbol);
          if (child === undefined) {
            child = children.length;
            children.push(new Map());
            ends.push(0);
            (children[node] as Map<number, number>).set(symbol, child);
          }
          node = child;
        }
        ends[node] = (ends[node] as number) | (1 << group);
      }
    });
    this.width = symbols + 1;
    this.next = new Int32Array(children.length * this.width);
    children.forEach((map, node) => {
      for (const [symbol, child] of map) this.next[node * this.width + symbol] = child;
    });
    this.masks = Int32Array.from(ends);
    // ASCII capitals read as their small letters, and white space as the space, so that the
    // scan needs no lowercased or folded copy of the text.
    this.space = this.ascii[32] as number;
    for (let c = 65; c <= 90; c++) this.ascii[c] = this.ascii[c + 32] as number;
    for (const c of [9, 10, 11, 12, 13, 32]) this.ascii[c] = this.space;
  }

  /** Bit `g` is set when the text holds an anchor of group `g` (case-insensitively). */
  scan(text: string): number {
    const { ascii, wide, width, next, masks, space } = this;
    const n = text.length;
    let seen = 0;
    let previousSpace = false;
    for (let i = 0; i < n; i++) {
      const c0 = text.charCodeAt(i);
      const isSpace = c0 < 128 ? ascii[c0] === space : isWideSpace(c0);
      // Inside a run of white space, the walk from its first character saw it all: without
      // this, a long run would be walked from each of its characters, quadratic in its length.
      if (isSpace && previousSpace) continue;
      previousSpace = isSpace;
      let node = 0;
      let j = i;
      while (j < n) {
        const code = text.charCodeAt(j++);
        let symbol: number;
        if (code < 128) {
          symbol = ascii[code] as number;
        } else if (isWideSpace(code)) {
          symbol = space;
        } else {
          symbol = wide.get(code) ?? 0;
        }
        if (symbol === 0) break;
        if (symbol === space) {
          // A run of white space is one space.
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c < 128 ? ascii[c] !== space : !isWideSpace(c)) break;
            j++;
          }
        }
        node = next[node * width + symbol] as number;
        if (node === 0) break;
        seen |= masks[node] as number;
      }
    }
    return seen;
  }
}

/** White space outside ASCII, as `\s` reads it. */
function isWideSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * A prefilter for a family of regexes run over the same texts: `scan(text)` sets bit `i` when
 * regex `i` may match in the text, and leaves it clear only when its anchors prove it cannot.
 * Regexes with the `u` or `v` flag (other case rules) and ones the analysis cannot read always
 * run.
 *
 * @example
 * const filter = new RegexPrefilter([/\bsorry\b/gi, /\bcalm\s+down\b/gi]);
 * filter.scan('So sorry!'); // 0b01
 */
export class RegexPrefilter {
  /** Built on first use: reading the regexes takes milliseconds, and not every caller scans. */
  private built: {
    scanner: AnchorScanner;
    always: number;
    anchors: readonly (readonly string[] | null)[];
  } | null = null;

  constructor(private readonly regexes: readonly RegExp[]) {
    if (regexes.length > 31) throw new RangeError('at most 31 regexes');
  }

  /** The anchors of each regex: null when it always runs. For tests. */
  get anchors(): readonly (readonly string[] | null)[] {
    return this.build().anchors;
  }

  /** Bit `i` is set when regex `i` may match in `text`. */
  scan(text: string): number {
    const built = this.built ?? this.build();
    return built.scanner.scan(text) | built.always;
  }

  private build(): NonNullable<RegexPrefilter['built']> {
    if (this.built !== null) return this.built;
    const anchors = this.regexes.map((re) =>
      /[uv]/.test(re.flags) ? null : anchorsOf(requiredAnchors(re.source)),
    );
    this.built = {
      anchors,
      scanner: new AnchorScanner(anchors.map((a) => a ?? [])),
      always: anchors.reduce((mask, a, i) => (a === null ? mask | (1 << i) : mask), 0),
    };
    return this.built;
  }
}
