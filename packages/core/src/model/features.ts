import type { Signal, SignalKind } from '../signals/types.js';
import { STEM_LENGTH, type Token } from '../text/tokenize.js';
import { hashPair } from '../text/hash.js';
import { scoreLexicon } from './lexicon.js';

/**
 * Dense features fed to the linear models beside the words, in a fixed order shared by
 * training and inference. Each value is log(1 + count), or log(1 + valence sum) for the lexicon.
 */
export const DENSE_FEATURES = [
  'shouted_words',
  'exclamations',
  'question_burst',
  'profanity',
  'insult',
  'threat',
  'manager_demand',
  'repeated_contact',
  'long_wait',
  'not_heard',
  'broken_promise',
  'sarcasm',
  'faulty_product',
  'delivery_problem',
  'billing_problem',
  'refund',
  'cancellation',
  'policy_dispute',
  'lexicon_negative',
  'lexicon_positive',
] as const;

export type DenseFeature = (typeof DENSE_FEATURES)[number];

/**
 * Features whose weight training keeps at zero or above. With the words inside these
 * signals' spans left out of the bag of words, adding shouting, exclamation marks, a threat or
 * an insult to a message can only raise its score: the invariant behind the temperature.
 */
export const MONOTONE_FEATURES: ReadonlySet<DenseFeature> = new Set<DenseFeature>([
  'shouted_words',
  'exclamations',
  'question_burst',
  'profanity',
  'insult',
  'threat',
  'manager_demand',
]);

/** Signal kinds whose words are represented by their dense feature only. */
const MASKED_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>([
  'profanity',
  'insult',
  'threat',
]);

const DENSE_INDEX = new Map<string, number>(DENSE_FEATURES.map((name, i) => [name, i]));
const LEXICON_NEGATIVE = DENSE_FEATURES.indexOf('lexicon_negative');
const LEXICON_POSITIVE = DENSE_FEATURES.indexOf('lexicon_positive');

/**
 * The model's features of one message. Term i is a word, a word pair or a stem, by hash (see
 * `hashTerm`) in `keys[i]`, covering `spans[2i]` to `spans[2i + 1]`; plain arrays of small
 * integers rather than an object per term, because this runs for every message.
 */
export interface MessageFeatures {
  keys: number[];
  spans: number[];
  /** The word, "word word" or "stem*" of each term, only when asked for (training writes them). */
  texts?: string[];
  dense: Float64Array;
}

export interface FeatureCounts {
  shoutedWords: number;
  exclamations: number;
}

/**
 * Turns tokens and signals into the model's features: unigrams and bigrams of the tokens not
 * covered by a masked signal, and the dense counts.
 */
export function extractFeatures(
  tokens: readonly Token[],
  signals: readonly Signal[],
  counts: FeatureCounts,
  withText = false,
): MessageFeatures {
  const dense = new Float64Array(DENSE_FEATURES.length);
  const raw = new Float64Array(DENSE_FEATURES.length);
  raw[0] = counts.shoutedWords;
  raw[1] = counts.exclamations;
  for (const s of signals) {
    const i = DENSE_INDEX.get(s.kind);
    if (i !== undefined && i > 1) raw[i] = (raw[i] ?? 0) + 1;
  }

  // Mask tokens inside masked signals (signals are sorted by start).
  const masked: Signal[] = [];
  for (const s of signals) if (MASKED_KINDS.has(s.kind)) masked.push(s);
  const keys: number[] = [];
  const spans: number[] = [];
  const texts: string[] | undefined = withText ? [] : undefined;
  const words: (number | null)[] = [];
  let m = 0;
  let prev: Token | undefined;
  for (const t of tokens) {
    while (m < masked.length && (masked[m] as Signal).end <= t.start) m++;
    const s = masked[m];
    if (s !== undefined && s.start < t.end && t.start < s.end) {
      prev = undefined;
      words.push(null);
      continue;
    }
    words.push(t.hash);
    keys.push(t.hash);
    spans.push(t.start, t.end);
    texts?.push(t.norm);
    if (t.stem >= 0) {
      // The word's first letters, so "disappointing" teaches "disappointed" too.
      keys.push(t.stem);
      spans.push(t.start, t.end);
      texts?.push(`${t.norm.slice(0, STEM_LENGTH)}*`);
    }
    if (prev !== undefined) {
      keys.push(hashPair(prev.hash, t.hash));
      spans.push(prev.start, t.end);
      texts?.push(`${prev.norm} ${t.norm}`);
    }
    prev = t;
  }
  const lexicon = scoreLexicon(words);
  raw[LEXICON_NEGATIVE] = lexicon.negative;
  raw[LEXICON_POSITIVE] = lexicon.positive;
  for (let i = 0; i < raw.length; i++) dense[i] = Math.log1p(raw[i] ?? 0);
  return texts === undefined ? { keys, spans, dense } : { keys, spans, texts, dense };
}
