import type { CoachRewrite } from './types.js';

/*
 * Span helpers for one-click rewrites: where sentences and clauses start and end, and edits
 * that keep the draft's capitals and punctuation right.
 */

/** Where a sentence starts: nothing but spaces, quotes and brackets since the last . ! ? or line. */
export function atSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x22 || c === 0x28 || c === 0x201c) continue;
    return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x0d;
  }
  return true;
}

/** `replacement` with its first letter in the case the place needs ("I" always capital). */
export function cased(replacement: string, capital: boolean): string {
  if (replacement === '') return replacement;
  if (capital || /^I\b/.test(replacement)) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement.charAt(0).toLowerCase() + replacement.slice(1);
}

/** The end of the clause from `from`: the next . ! ? ; or line break, looking at most 300 ahead. */
export function clauseEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 300);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a || c === 0x0d) return i;
  }
  return limit;
}

/** A ", but" (or "but") right after a clause: the clause can then go, and what follows stays. */
const BUT_AFTER = /^\s*,?\s*(?:but|however,?)\s+/i;

/** Replaces the span, reading the place's case from where it starts. */
export function replaceAt(text: string, start: number, end: number, words: string): CoachRewrite {
  return {
    start,
    end,
    // A capital mid-sentence only carries over from a capitalised word ("That's"), not from
    // "I" or a shouted word ("I CAN'T").
    replacement: cased(
      words,
      atSentenceStart(text, start) || /^[A-Z][a-z]/.test(text.slice(start)),
    ),
  };
}

/**
 * Replaces the whole clause from `start` with `words`; when the clause is followed by ", but",
 * drops the clause and the "but" instead, so "I can't refund it, but I can offer a voucher"
 * becomes "I can offer a voucher".
 */
export function replaceClause(text: string, start: number, words: string): CoachRewrite {
  const end = clauseEnd(text, start);
  const comma = text.slice(start, end).search(/,\s*(?:but|however)\s/i);
  if (comma >= 0) {
    const rest = BUT_AFTER.exec(text.slice(start + comma));
    if (rest !== null) return dropWithCase(text, start, start + comma + rest[0].length);
  }
  return replaceAt(text, start, end, words);
}

/**
 * Removes `text.slice(start, end)` and the spaces after it; at a sentence start, the next
 * word gets a capital, so "Unfortunately, the item..." becomes "The item...". The rewrite then
 * spans that whole word ("Unfortunately, the" → "The"), so it reads as words, never as a
 * stray letter.
 */
export function dropWithCase(text: string, start: number, end: number): CoachRewrite {
  let e = end;
  while (e < text.length && /[\s,]/.test(text.charAt(e))) e++;
  if (atSentenceStart(text, start) && (e >= text.length || /[.!?]/.test(text.charAt(e)))) {
    return dropSentence(text, start, e);
  }
  if (atSentenceStart(text, start) && e < text.length && /[a-z]/.test(text.charAt(e))) {
    let w = e;
    while (w < text.length && /[\w'’-]/.test(text.charAt(w))) w++;
    return { start, end: w, replacement: text.charAt(e).toUpperCase() + text.slice(e + 1, w) };
  }
  if (e >= text.length || /[.!?]/.test(text.charAt(e))) return dropSentenceEnd(text, start, e);
  return { start, end: e, replacement: '' };
}

/**
 * Removes the end of a sentence from `start` to its closing punctuation at `end`, with the
 * comma or "and" that joined it: "It ships today, and unfortunately." → "It ships today."
 */
function dropSentenceEnd(text: string, start: number, end: number): CoachRewrite {
  const joined = CONNECTOR_BEFORE.exec(text.slice(0, start));
  const from = start - (joined?.[0].length ?? 0);
  // Nothing of the sentence is left but its connector: the whole sentence goes.
  if (from < start && atSentenceStart(text, from)) {
    let s = from;
    while (s < start && /\s/.test(text.charAt(s))) s++;
    return dropSentence(text, s, end);
  }
  return { start: from, end, replacement: '' };
}

/**
 * Removes a word or phrase with one of the separators around it: "a damn shame" → "a shame",
 * "a shame, you idiot!" → "a shame!".
 */
export function dropWord(text: string, start: number, end: number): CoachRewrite {
  const after = text.charAt(end);
  if (after === '' || /[.!?,;:)]/.test(after)) {
    let s = start;
    while (s > 0 && /[\s,]/.test(text.charAt(s - 1))) s--;
    return { start: s, end, replacement: '' };
  }
  let e = end;
  while (e < text.length && /\s/.test(text.charAt(e))) e++;
  return { start, end: e, replacement: '' };
}

/** Lower case with straight apostrophes, for matching. */
export function normalise(s: string): string {
  return s.toLowerCase().replace(/’/g, "'");
}

/** Words that only join a clause to the one before: dropped with it. */
const CONNECTOR_BEFORE = /(?:\s*[,;:]?\s*(?:and|so|but|or|which\s+means)?)\s*$/i;

/**
 * Removes a clause or phrase whose words would repeat what the draft already says, keeping the
 * sentence whole: "I can see how upsetting this is. I can see how upsetting this is." loses
 * its second sentence; "..., and let me see what I can do." loses ", and let me see what I can
 * do"; at a sentence start the next word gets a capital.
 */
export function dropRepeat(text: string, start: number, end: number): CoachRewrite {
  let e = end;
  while (e < text.length && /[\s,;]/.test(text.charAt(e))) e++;
  if (atSentenceStart(text, start)) return dropWithCase(text, start, end);
  if (e >= text.length || /[.!?]/.test(text.charAt(e))) return dropSentenceEnd(text, start, e);
  return { start, end: e, replacement: '' };
}

/**
 * Removes a sentence that starts at `start` and has nothing left but its closing punctuation
 * at `end`: with the punctuation and the space after it, or, at the end of the draft, the
 * space before it.
 */
function dropSentence(text: string, start: number, end: number): CoachRewrite {
  let e = end;
  while (e < text.length && /[.!?]/.test(text.charAt(e))) e++;
  while (e < text.length && /\s/.test(text.charAt(e))) e++;
  let s = start;
  if (e >= text.length) while (s > 0 && /\s/.test(text.charAt(s - 1))) s--;
  return { start: s, end: e, replacement: '' };
}
