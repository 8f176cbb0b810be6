import { HASH_MASK, hashString } from './hash.js';

/**
 * A word of the analysed text: where it is and its normalised form (lower case, curly
 * apostrophes made straight; mentions, links and numbers folded to `<user>`, `<url>`, `<num>`).
 */
export interface Token {
  start: number;
  end: number;
  norm: string;
  /** `hashString(norm)`, computed once for the model's lookups. */
  hash: number;
  /** For words longer than STEM_LENGTH + 1: `hashString(norm.slice(0, STEM_LENGTH) + "*")`; else -1. */
  stem: number;
}

/** Words longer than this plus one also give their first STEM_LENGTH letters as a feature. */
export const STEM_LENGTH = 5;

/** What a token is; its normal form follows from it. */
export const TokenKind = { WORD: 0, URL: 1, USER: 2, NUM: 3, EMOJI: 4 } as const;

function stemOf(norm: string): number {
  return norm.length > STEM_LENGTH + 1 && norm.charCodeAt(0) !== 0x3c
    ? hashString(`${norm.slice(0, STEM_LENGTH)}*`)
    : -1;
}

const URL_HASH = hashString('<url>');
const USER_HASH = hashString('<user>');
const NUM_HASH = hashString('<num>');

const APOSTROPHE = 0x27;
const CURLY_APOSTROPHE = 0x2019;

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) // Latin-1 and Latin Extended letters
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
}

/** True for the high surrogate of a pictographic emoji (U+1F000 to U+1FAFF). */
function isEmojiHighSurrogate(c: number): boolean {
  return c === 0xd83c || c === 0xd83d || c === 0xd83e;
}

/**
 * The tokens of one text in typed arrays, reused from message to message: the engine's hot
 * path makes no object and no string per word. Token i covers `starts[i]` to `ends[i]`.
 */
export class TokenBuffer {
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** `hashString` of the normal form. */
  hashes = new Int32Array(64);
  /** Stem hash or -1 (see `Token.stem`). */
  stems = new Int32Array(64);
  kinds = new Uint8Array(64);

  private grow(): void {
    const size = this.starts.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.starts = copy(this.starts, new Int32Array(size));
    this.ends = copy(this.ends, new Int32Array(size));
    this.hashes = copy(this.hashes, new Int32Array(size));
    this.stems = copy(this.stems, new Int32Array(size));
    this.kinds = copy(this.kinds, new Uint8Array(size));
  }

  push(start: number, end: number, hash: number, stem: number, kind: number): void {
    if (this.count === this.starts.length) this.grow();
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.hashes[i] = hash;
    this.stems[i] = stem;
    this.kinds[i] = kind;
  }

  /** The normal form of token i of `text` (the text the buffer was filled from). */
  norm(text: string, i: number): string {
    switch (this.kinds[i]) {
      case TokenKind.URL:
        return '<url>';
      case TokenKind.USER:
        return '<user>';
      case TokenKind.NUM:
        return '<num>';
      case TokenKind.EMOJI:
        return text.slice(this.starts[i], this.ends[i]);
      default:
        return text
          .slice(this.starts[i], this.ends[i])
          .toLowerCase()
          .replace(/\u2019/g, "'");
    }
  }
}

/**
 * Splits text into tokens into a buffer, in one pass over its code units; linear in the
 * text's length. Words keep inner apostrophes ("don't"); an emoji is a token of its own;
 * `#tag` yields `tag`; mentions, links and numbers are folded.
 */
export function tokenizeInto(text: string, out: TokenBuffer): TokenBuffer {
  out.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      // FNV-1a of the lower-cased word as it is scanned (see hashString); letters beyond
      // ASCII are lower-cased by toLowerCase below instead.
      let h = 0x811c9dc5;
      let stemHash = 0;
      let digitsOnly = true;
      let ascii = true;
      for (;;) {
        const d = text.charCodeAt(i);
        let l = d;
        if (d >= 0x61 && d <= 0x7a) digitsOnly = false;
        else if (d >= 0x41 && d <= 0x5a) {
          l = d + 32;
          digitsOnly = false;
        } else if (d >= 0x30 && d <= 0x39) {
          // a digit
        } else if (d >= 0xc0 && d <= 0x24f && d !== 0xd7 && d !== 0xf7) {
          digitsOnly = false;
          ascii = false;
        } else if (
          (d === APOSTROPHE || d === CURLY_APOSTROPHE) &&
          i + 1 < n &&
          isWordChar(text.charCodeAt(i + 1))
        ) {
          l = APOSTROPHE;
          digitsOnly = false;
        } else break;
        h = Math.imul(h ^ l, 0x01000193);
        i++;
        if (i - start === STEM_LENGTH) stemHash = Math.imul(h ^ 0x2a /* * */, 0x01000193);
        if (i >= n) break;
      }
      // Links: skip to the next space and fold.
      if (
        i < n &&
        text.charCodeAt(i) === 0x3a /* : */ &&
        i - start <= 5 &&
        text.startsWith('//', i + 1)
      ) {
        while (i < n && !isSpace(text.charCodeAt(i))) i++;
        out.push(start, i, URL_HASH, -1, TokenKind.URL);
        continue;
      }
      if (digitsOnly) {
        out.push(start, i, NUM_HASH, -1, TokenKind.NUM);
      } else if (ascii) {
        const stem = i - start > STEM_LENGTH + 1 ? stemHash & HASH_MASK : -1;
        out.push(start, i, h & HASH_MASK, stem, TokenKind.WORD);
      } else {
        const norm = text
          .slice(start, i)
          .toLowerCase()
          .replace(/\u2019/g, "'");
        out.push(start, i, hashString(norm), stemOf(norm), TokenKind.WORD);
      }
      continue;
    }
    if (c === 0x40 /* @ */ && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
      const start = i;
      i++;
      while (i < n && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 0x5f)) i++;
      out.push(start, i, USER_HASH, -1, TokenKind.USER);
      continue;
    }
    if (isEmojiHighSurrogate(c) && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        // hashString of the two code units, without making the string
        const h = Math.imul(Math.imul(0x811c9dc5 ^ c, 0x01000193) ^ low, 0x01000193);
        out.push(i, i + 2, h & HASH_MASK, -1, TokenKind.EMOJI);
        i += 2;
        continue;
      }
    }
    i++;
  }
  return out;
}

/**
 * Splits text into tokens: words with their spans, normal forms and hashes.
 *
 * @example tokenize("Still NOT fixed @acme").map((t) => t.norm) // ["still", "not", "fixed", "<user>"]
 */
export function tokenize(text: string): Token[] {
  const buffer = tokenizeInto(text, new TokenBuffer());
  const tokens: Token[] = [];
  for (let i = 0; i < buffer.count; i++) {
    tokens.push({
      start: buffer.starts[i] as number,
      end: buffer.ends[i] as number,
      norm: buffer.norm(text, i),
      hash: buffer.hashes[i] as number,
      stem: buffer.stems[i] as number,
    });
  }
  return tokens;
}
