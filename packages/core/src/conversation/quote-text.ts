/** Helpers that put people's words into Calmdesk's sentences. */

const SENTENCE_END = /[.!?\n]/;
const DEFAULT_CLIP = 60;

/**
 * Text with white space to fold: a run of two, white space other than a plain space, or white
 * space at either end. Text without any is its own folded form, and needs no new string.
 */
const NEEDS_FOLDING = /\s\s|[^\S ]|^\s|\s$/;

/** Whitespace folded and cut to `max` characters with an ellipsis: quotes stay readable. */
export function clip(text: string, max = DEFAULT_CLIP): string {
  const head = text.length > 4 * max ? text.slice(0, 4 * max) : text;
  const t = NEEDS_FOLDING.test(head) ? head.replace(/\s+/g, ' ').trim() : head;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The sentence of `text` that holds the span `start`-`end`: the offer itself, not the whole reply. */
export function sentenceAround(text: string, start: number, end: number): string {
  let s = Math.max(0, Math.min(start, text.length));
  while (s > 0 && !SENTENCE_END.test(text.charAt(s - 1))) s--;
  let e = Math.max(s, Math.min(end, text.length));
  while (e < text.length && !SENTENCE_END.test(text.charAt(e))) e++;
  return text.slice(s, Math.min(text.length, e + 1)).trim();
}

/** The sentence around a span, clipped and in quotes, for a `why`. */
export function quoteSpan(text: string, span: { start: number; end: number }, max = 100): string {
  return `"${clip(sentenceAround(text, span.start, span.end), max)}"`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
