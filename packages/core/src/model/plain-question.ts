import type { Signal } from '../signals/types.js';

/**
 * How much of the complaint probability a plain question keeps. The complaint model learned
 * from tweets to companies, where words such as "hours", "delivery" or "order" often come in
 * complaints; a customer who only asks "What are your opening hours?" is not complaining.
 * Measured with `npx calmdesk train`: plain questions are 130 of the 2,751 complaint-set rows,
 * and 17 % of them are complaints against 37 % of all rows.
 */
export const PLAIN_QUESTION_COMPLAINT_SHARE = 0.5;

/** Words that put trouble into a question: negation, insistence, "why", failure. */
const TROUBLE =
  /\b(?:not|no|never|nothing|nobody|none|cannot|can['’]?t|won['’]?t|don['’]?t|doesn['’]?t|didn['’]?t|isn['’]?t|aren['’]?t|wasn['’]?t|weren['’]?t|hasn['’]?t|haven['’]?t|hadn['’]?t|shouldn['’]?t|wouldn['’]?t|couldn['’]?t|still|again|yet|why|wrong|broke|broken|late|missing|lost|problem|issue|error|fail\w*|worst|bad|terrible|awful|ridiculous|seriously)\b/i;

/** Longer than this, a message is more than a question, whatever its last character. */
const MAX_QUESTION_LENGTH = 400;

/**
 * Whether a message is a plain question: short, ending with a question mark, with no sign of
 * upset (no signal at all, no shouting, no exclamation mark), no negative word of the sentiment
 * lexicon and no word of trouble. Adding shouting, an exclamation mark, a threat or an insult
 * always makes it not plain, so the damping never breaks the temperature's monotonicity.
 *
 * @example isPlainQuestion('What are your opening hours?', [], 0, 0, 0) // true
 * @example isPlainQuestion('Why is my order still not here?', [], 0, 0, 0) // false
 */
export function isPlainQuestion(
  text: string,
  signals: readonly Signal[],
  shoutedWords: number,
  exclamations: number,
  negativeLexicon: number,
): boolean {
  if (signals.length > 0 || shoutedWords > 0 || exclamations > 0 || negativeLexicon > 0) {
    return false;
  }
  if (text.length > MAX_QUESTION_LENGTH) return false;
  let end = text.length - 1;
  while (end >= 0 && /\s/.test(text[end] as string)) end--;
  if (text[end] !== '?') return false;
  return !TROUBLE.test(text);
}
