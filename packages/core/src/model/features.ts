import type { Signal, SignalKind } from '../signals/types.js';
import { STEM_LENGTH, type TokenBuffer } from '../text/tokenize.js';
import { hashPair } from '../text/hash.js';
import { LexiconCounter } from './lexicon.js';

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
  'disappointment',
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
 * The model's features of one message. Term i < count is a word, a word pair or a stem, by
 * hash (see `hashTerm`) in `keys[i]`, covering `spans[2i]` to `spans[2i + 1]`: typed arrays
 * rather than an object per term, because this runs for every message. The arrays may be
 * longer than `count`.
 */
export interface MessageFeatures {
  count: number;
  keys: Int32Array;
  spans: Int32Array;
  /** The word, "word word" or "stem*" of each term, only when asked for (training writes them). */
  texts?: string[];
  dense: Float64Array;
}

export interface FeatureCounts {
  shoutedWords: number;
  exclamations: number;
}

/**
 * Empty features with room for `terms` terms, to fill with `extractFeatures`.
 *
 * @example const scratch = createFeatures(256); // reused message after message
 */
export function createFeatures(terms = 64): MessageFeatures {
  return {
    count: 0,
    keys: new Int32Array(terms),
    spans: new Int32Array(2 * terms),
    dense: new Float64Array(DENSE_FEATURES.length),
  };
}

/**
 * Turns tokens and signals into the model's features: words, stems and word pairs of the
 * tokens not covered by a masked signal, and the dense counts. Writes into `out` (grown when
 * needed) and returns it; with `withText`, `texts` holds each term's words.
 *
 * @example
 * const tokens = tokenizeInto(text, new TokenBuffer());
 * const { signals, shoutedWords, exclamations } = scanSignals(text);
 * extractFeatures(text, tokens, signals, { shoutedWords, exclamations }).count; // words + stems + pairs
 */
export function extractFeatures(
  text: string,
  tokens: TokenBuffer,
  signals: readonly Signal[],
  counts: FeatureCounts,
  out: MessageFeatures = createFeatures(3 * tokens.count),
  withText = false,
): MessageFeatures {
  const raw = out.dense;
  raw.fill(0);
  raw[0] = counts.shoutedWords;
  raw[1] = counts.exclamations;
  let masks = 0;
  for (const s of signals) {
    const i = DENSE_INDEX.get(s.kind);
    if (i !== undefined && i > 1) raw[i] = (raw[i] ?? 0) + 1;
    if (MASKED_KINDS.has(s.kind)) masks++;
  }
  // At most three terms per token: the word, its stem, the pair with the word before.
  if (out.keys.length < 3 * tokens.count) {
    out.keys = new Int32Array(3 * tokens.count);
    out.spans = new Int32Array(6 * tokens.count);
  }
  const { keys, spans } = out;
  const { starts, ends, hashes, stems } = tokens;
  const texts: string[] | undefined = withText ? [] : undefined;
  const lexicon = new LexiconCounter();
  let count = 0;
  let m = 0;
  let prev = -1;
  for (let t = 0; t < tokens.count; t++) {
    const start = starts[t] as number;
    const end = ends[t] as number;
    // Tokens inside masked signals (sorted by start) are left out.
    if (masks > 0) {
      while (m < signals.length) {
        const s = signals[m] as Signal;
        if (MASKED_KINDS.has(s.kind) && s.end > start) break;
        m++;
      }
      const s = signals[m];
      if (s !== undefined && s.start < end) {
        prev = -1;
        lexicon.interrupt();
        continue;
      }
    }
    const hash = hashes[t] as number;
    lexicon.add(hash);
    keys[count] = hash;
    spans[2 * count] = start;
    spans[2 * count + 1] = end;
    count++;
    const norm = texts === undefined ? '' : tokens.norm(text, t);
    texts?.push(norm);
    const stem = stems[t] as number;
    if (stem >= 0) {
      // The word's first letters, so "disappointing" teaches "disappointed" too.
      keys[count] = stem;
      spans[2 * count] = start;
      spans[2 * count + 1] = end;
      count++;
      texts?.push(`${norm.slice(0, STEM_LENGTH)}*`);
    }
    if (prev >= 0) {
      keys[count] = hashPair(hashes[prev] as number, hash);
      spans[2 * count] = starts[prev] as number;
      spans[2 * count + 1] = end;
      count++;
      texts?.push(`${tokens.norm(text, prev)} ${norm}`);
    }
    prev = t;
  }
  raw[LEXICON_NEGATIVE] = lexicon.negative;
  raw[LEXICON_POSITIVE] = lexicon.positive;
  for (let i = 0; i < raw.length; i++) raw[i] = Math.log1p(raw[i] ?? 0);
  out.count = count;
  if (texts !== undefined) out.texts = texts;
  return out;
}
