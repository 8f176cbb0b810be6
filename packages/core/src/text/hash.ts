/** Hashes keep 30 bits. */
export const HASH_MASK = 0x3fffffff;

/**
 * FNV-1a hash of a string's UTF-16 code units, cut to 30 bits so that it is a small integer
 * for the JavaScript engine (fast as a map key). The model looks words up by this number,
 * which spares building a string for every word pair of every message.
 *
 * @example hashString("refund") === hashString("refund") // true
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & HASH_MASK;
}

/**
 * The hash of a word pair from the hashes of its words: order matters, and the result is
 * mixed so that pairs and single words do not share a range.
 *
 * @example hashPair(hashString("not"), hashString("working"))
 */
export function hashPair(first: number, second: number): number {
  let h = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h & HASH_MASK;
}

/** The hash of a vocabulary entry as the model file writes it: a word, or two joined by a space. */
export function hashTerm(term: string): number {
  const space = term.indexOf(' ');
  if (space < 0) return hashString(term);
  return hashPair(hashString(term.slice(0, space)), hashString(term.slice(space + 1)));
}
