/**
 * A word of the analysed text: where it is and its normalised form (lower case, curly
 * apostrophes made straight; mentions, links and numbers folded to `<user>`, `<url>`, `<num>`).
 */
export interface Token {
  start: number;
  end: number;
  norm: string;
}

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
  const lower = text.toLowerCase();
  // Lower-casing keeps positions when it keeps the length (true for all but a few letters).
  const aligned = lower.length === text.length;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isWordChar(d)) i++;
        else if (
          (d === APOSTROPHE || d === CURLY_APOSTROPHE) &&
          i + 1 < n &&
          isWordChar(text.charCodeAt(i + 1))
        )
          i += 2;
        else break;
      }
      // Links: skip to the next space and fold.
      if (
        i < n &&
        text.charCodeAt(i) === 0x3a /* : */ &&
        i - start <= 5 &&
        text.startsWith('//', i + 1)
      ) {
        while (i < n && !isSpace(text.charCodeAt(i))) i++;
        tokens.push({ start, end: i, norm: '<url>' });
        continue;
      }
      let norm = aligned ? lower.slice(start, i) : text.slice(start, i).toLowerCase();
      if (norm.includes('\u2019')) norm = norm.replace(/\u2019/g, "'");
      const first = norm.charCodeAt(0);
      if (first >= 0x30 && first <= 0x39 && /^[0-9]+$/.test(norm)) norm = '<num>';
      tokens.push({ start, end: i, norm });
      continue;
    }
    if (c === 0x40 /* @ */ && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
      const start = i;
      i++;
      while (i < n && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 0x5f)) i++;
      tokens.push({ start, end: i, norm: '<user>' });
      continue;
    }
    if (isEmojiHighSurrogate(c) && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        tokens.push({ start: i, end: i + 2, norm: text.slice(i, i + 2) });
        i += 2;
        continue;
      }
    }
    i++;
  }
  return tokens;
}
