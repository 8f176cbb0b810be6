import {
  SIGNAL_CATALOGUE,
  SIGNAL_KINDS,
  type SignalCatalogue,
} from '../signals/signal-catalogue.js';
import type { Signal, SignalKind } from '../signals/types.js';
import { STEM_LENGTH, type TokenBuffer } from '../text/tokenize.js';
import { hashPair } from '../text/hash.js';
import { LexiconCounter } from './lexicon.js';

/** A kind's dense feature: its record's `feature`, or the kind itself. */
type FeatureOf<K extends SignalKind> = SignalCatalogue[K] extends { feature: infer F } ? F : K;

/**
 * The name of a dense feature: one per kind of signal, then the lexicon's two sums.
 *
 * @example const f: DenseFeature = 'shouted_words';
 */
export type DenseFeature =
  { [K in SignalKind]: FeatureOf<K> }[SignalKind] | 'lexicon_negative' | 'lexicon_positive';

/** A kind's dense feature name. */
function featureOf(kind: SignalKind): DenseFeature {
  return (SIGNAL_CATALOGUE[kind].feature ?? kind) as DenseFeature;
}

/**
 * Dense features fed to the linear models beside the words, in a fixed order shared by
 * training and inference: one per kind of signal, in the signal catalogue's order, then the
 * lexicon. Each value is log(1 + count), or log(1 + valence sum) for the lexicon.
 *
 * @example DENSE_FEATURES[0] // 'shouted_words'
 */
export const DENSE_FEATURES: readonly DenseFeature[] = [
  ...SIGNAL_KINDS.map(featureOf),
  'lexicon_negative',
  'lexicon_positive',
];

/**
 * Features whose weight training keeps at zero or above (each record's `monotone`). With the
 * words inside these signals' spans left out of the bag of words, adding shouting, exclamation
 * marks, a threat or an insult to a message can only raise its score: the invariant behind the
 * temperature.
 *
 * @example MONOTONE_FEATURES.has('threat') // true
 */
export const MONOTONE_FEATURES: ReadonlySet<DenseFeature> = new Set<DenseFeature>(
  SIGNAL_KINDS.filter((kind) => SIGNAL_CATALOGUE[kind].monotone === true).map(featureOf),
);

/** Signal kinds whose words are represented by their dense feature only. */
const MASKED_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>(
  SIGNAL_KINDS.filter((kind) => SIGNAL_CATALOGUE[kind].masked === true),
);

/**
 * The dense feature of each kind counted by its signals; the others count the scan's
 * `counts` (shouted words, exclamation marks), not their signals.
 */
const SIGNAL_FEATURE_INDEX = new Map<SignalKind, number>(
  SIGNAL_KINDS.flatMap((kind, i): [SignalKind, number][] =>
    SIGNAL_CATALOGUE[kind].counted === undefined ? [[kind, i]] : [],
  ),
);
/** The dense features set from the scan's counts, and which count. */
const COUNTED_FEATURES: readonly [number, keyof FeatureCounts][] = SIGNAL_KINDS.flatMap(
  (kind, i): [number, keyof FeatureCounts][] => {
    const counted = SIGNAL_CATALOGUE[kind].counted;
    return counted === undefined ? [] : [[i, counted]];
  },
);
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
  for (const [i, count] of COUNTED_FEATURES) raw[i] = counts[count];
  let masks = 0;
  for (const s of signals) {
    const i = SIGNAL_FEATURE_INDEX.get(s.kind);
    if (i !== undefined) raw[i] = (raw[i] ?? 0) + 1;
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
