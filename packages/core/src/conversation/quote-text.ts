/** Helpers that put people's words into Calmdesk's sentences. */

const DEFAULT_CLIP = 60;

/** A character that ends a sentence: . ! ? or a line break. */
function endsSentence(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 10;
}

/** A character `\s` matches in a regex. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether text has white space to fold: a run of two, white space other than a plain space, or
 * white space at either end (what /\s\s|[^\S ]|^\s|\s$/ finds, in one pass). Text without any
 * is its own folded form, and needs no new string.
 */
function needsFolding(t: string): boolean {
  const n = t.length;
  if (n === 0) return false;
  if (isSpace(t.charCodeAt(0)) || isSpace(t.charCodeAt(n - 1))) return true;
  let previous = false;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    const space = isSpace(c);
    if (space && (previous || c !== 32)) return true;
    previous = space;
  }
  return false;
}

/** Whether a UTF-16 unit is the first half of a surrogate pair (an emoji, say). */
function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** `text` cut at `end` UTF-16 units, one fewer if the cut would split a surrogate pair. */
function cutWhole(text: string, end: number): string {
  return text.slice(0, end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end);
}

/**
 * Whitespace folded and cut to `max` characters with an ellipsis: quotes stay readable. The cut
 * never splits a surrogate pair, so no half of an emoji is ever kept (or stored).
 */
export function clip(text: string, max = DEFAULT_CLIP): string {
  const head = text.length > 4 * max ? cutWhole(text, 4 * max) : text;
  const t = needsFolding(head) ? head.replace(/\s+/g, ' ').trim() : head;
  return t.length > max ? `${cutWhole(t, max - 1)}…` : t;
}

/** The sentence of `text` that holds the span `start`-`end`: the offer itself, not the whole reply. */
export function sentenceAround(text: string, start: number, end: number): string {
  let s = Math.max(0, Math.min(start, text.length));
  while (s > 0 && !endsSentence(text.charCodeAt(s - 1))) s--;
  let e = Math.max(s, Math.min(end, text.length));
  while (e < text.length && !endsSentence(text.charCodeAt(e))) e++;
  return text.slice(s, Math.min(text.length, e + 1)).trim();
}

/** The sentence around a span, clipped and in quotes, for a `why`. */
export function quoteSpan(text: string, span: { start: number; end: number }, max = 100): string {
  return `"${clip(sentenceAround(text, span.start, span.end), max)}"`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
