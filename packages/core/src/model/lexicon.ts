import afinn from 'sentiment/languages/en/labels.json' with { type: 'json' };
import emoji from 'sentiment/build/emoji.json' with { type: 'json' };
import negators from 'sentiment/languages/en/negators.json' with { type: 'json' };
import { hashString } from '../text/hash.js';
import { IntTable } from '../text/int-table.js';

/**
 * Word valences from the AFINN-165 lexicon and its emoji list, as shipped by the `sentiment`
 * package (-5 very negative to +5 very positive). The model reads them as two dense features,
 * which carries its judgement to words the training data never showed it.
 */
const VALENCE = new IntTable(
  [
    ...Object.entries(afinn as Record<string, number>),
    ...Object.entries(emoji as Record<string, number>),
  ].map(([word, valence]): [number, number] => [hashString(word), valence]),
);
const NEGATORS = new IntTable(
  Object.keys(negators as Record<string, number>)
    .concat(['never', 'no', 'nothing', 'nobody'])
    .map((word): [number, number] => [hashString(word), 1]),
);

/** How many words after a negator have their valence flipped ("not good", "never happy"). */
const NEGATION_WINDOW = 3;

/**
 * Sums the negative and positive valences of words fed one at a time, negation-aware: a word
 * within three words after a negator has its valence flipped ("not happy" is negative).
 *
 * @example
 * const l = new LexiconCounter();
 * for (const w of ["not", "happy"]) l.add(hashString(w));
 * l.negative; // 3
 */
export class LexiconCounter {
  negative = 0;
  positive = 0;
  private negation = 0;

  /** Adds a word, by `hashString` of its lower-case form. */
  add(hash: number): void {
    if (NEGATORS.get(hash) === 1) {
      this.negation = NEGATION_WINDOW;
      return;
    }
    let v = VALENCE.get(hash);
    if (this.negation > 0) {
      this.negation--;
      v = -v;
    }
    if (v < 0) this.negative -= v;
    else this.positive += v;
  }

  /** Ends a negation window (at a word left out of the features). */
  interrupt(): void {
    this.negation = 0;
  }
}
