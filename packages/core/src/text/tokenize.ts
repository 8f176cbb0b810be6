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
 * Splits text into tokens in one pass over its code units; linear in the text's length.
 * Words keep inner apostrophes ("don't"); an emoji is a token of its own; `#tag` yields `tag`.
 *
 * @example tokenize("Still NOT fixed @acme").map((t) => t.norm) // ["still", "not", "fixed", "<user>"]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      // FNV-1a of the lower-cased word as it is scanned (see hashString); ASCII is folded
      // here, other letters by toLowerCase below.
      let h = 0x811c9dc5;
      let stemHash = 0;
      let digitsOnly = true;
      let plain = true; // no capitals, no curly apostrophe, no non-ASCII letter
      for (;;) {
        const d = text.charCodeAt(i);
        let l = d;
        if (d >= 0x61 && d <= 0x7a) digitsOnly = false;
        else if (d >= 0x41 && d <= 0x5a) {
          l = d + 32;
          digitsOnly = false;
          plain = false;
        } else if (d >= 0x30 && d <= 0x39) {
          // a digit
        } else if (d >= 0xc0 && d <= 0x24f && d !== 0xd7 && d !== 0xf7) {
          digitsOnly = false;
          plain = false;
        } else if (
          (d === APOSTROPHE || d === CURLY_APOSTROPHE) &&
          i + 1 < n &&
          isWordChar(text.charCodeAt(i + 1))
        ) {
          l = APOSTROPHE;
          digitsOnly = false;
          if (d === CURLY_APOSTROPHE) plain = false;
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
        tokens.push({ start, end: i, norm: '<url>', hash: URL_HASH, stem: -1 });
        continue;
      }
      if (digitsOnly) {
        tokens.push({ start, end: i, norm: '<num>', hash: NUM_HASH, stem: -1 });
        continue;
      }
      if (plain) {
        const stem = i - start > STEM_LENGTH + 1 ? stemHash & HASH_MASK : -1;
        tokens.push({ start, end: i, norm: text.slice(start, i), hash: h & HASH_MASK, stem });
      } else {
        const norm = text
          .slice(start, i)
          .toLowerCase()
          .replace(/\u2019/g, "'");
        tokens.push({ start, end: i, norm, hash: hashString(norm), stem: stemOf(norm) });
      }
      continue;
    }
    if (c === 0x40 /* @ */ && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
      const start = i;
      i++;
      while (i < n && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 0x5f)) i++;
      tokens.push({ start, end: i, norm: '<user>', hash: USER_HASH, stem: -1 });
      continue;
    }
    if (isEmojiHighSurrogate(c) && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const norm = text.slice(i, i + 2);
        tokens.push({ start: i, end: i + 2, norm, hash: hashString(norm), stem: -1 });
        i += 2;
        continue;
      }
    }
    i++;
  }
  return tokens;
}
