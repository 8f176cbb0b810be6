import afinn from 'sentiment/languages/en/labels.json' with { type: 'json' };
import emoji from 'sentiment/build/emoji.json' with { type: 'json' };
import negators from 'sentiment/languages/en/negators.json' with { type: 'json' };
import { hashString } from '../text/hash.js';

/**
 * Word valences from the AFINN-165 lexicon and its emoji list, as shipped by the `sentiment`
 * package (-5 very negative to +5 very positive). The model reads them as two dense features,
 * which carries its judgement to words the training data never showed it.
 */
const VALENCE = new Map<number, number>(
  [
    ...Object.entries(afinn as Record<string, number>),
    ...Object.entries(emoji as Record<string, number>),
  ].map(([word, valence]) => [hashString(word), valence]),
);
const NEGATORS = new Set(
  Object.keys(negators as Record<string, number>)
    .concat(['never', 'no', 'nothing', 'nobody'])
    .map(hashString),
);

/** How many words after a negator have their valence flipped ("not good", "never happy"). */
const NEGATION_WINDOW = 3;

/** Sums of the negative and positive valences of the words, negation-aware. */
export interface LexiconScore {
  negative: number;
  positive: number;
}

/**
 * Scores lower-case words, given by `hashString`, against the lexicon. A word within three
 * words after a negator has its valence flipped. `null` breaks the negation window.
 *
 * @example scoreLexicon(["not", "happy"].map(hashString)) // { negative: 3, positive: 0 }
 */
export function scoreLexicon(words: readonly (number | null)[]): LexiconScore {
  let negative = 0;
  let positive = 0;
  let negation = 0;
  for (const w of words) {
    if (w === null) {
      negation = 0;
      continue;
    }
    if (NEGATORS.has(w)) {
      negation = NEGATION_WINDOW;
      continue;
    }
    let v = VALENCE.get(w);
    if (negation > 0) {
      negation--;
      if (v !== undefined) v = -v;
    }
    if (v === undefined) continue;
    if (v < 0) negative -= v;
    else positive += v;
  }
  return { negative, positive };
}
