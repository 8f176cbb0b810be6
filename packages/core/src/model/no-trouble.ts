import type { Signal } from '../signals/types.js';

/**
 * How much of the complaint probability a message that shows no trouble keeps. The complaint
 * model learned from 2,751 tweets to companies, where words such as "delivery", "order",
 * "hours" or "please" often come in complaints, so it calls "My package arrived today, thanks
 * for the quick delivery." or "What are your opening hours?" complaints. Measured with
 * `npx calmdesk train` data: of the complaint-set rows with no sign of trouble (see
 * `showsNoTrouble`), 13 % are complaints (118 of 932); of the others, 47 %.
 */
export const NO_TROUBLE_COMPLAINT_SHARE = 0.5;

/** Words that put trouble into a message: negation, insistence, "why", failure. */
const TROUBLE =
  /\b(?:not|no|never|nothing|nobody|none|cannot|can['’]?t|won['’]?t|don['’]?t|doesn['’]?t|didn['’]?t|isn['’]?t|aren['’]?t|wasn['’]?t|weren['’]?t|hasn['’]?t|haven['’]?t|hadn['’]?t|shouldn['’]?t|wouldn['’]?t|couldn['’]?t|still|again|yet|why|wrong|broke|broken|late|missing|lost|problem|issue|error|fail\w*|worst|bad|terrible|awful|ridiculous|seriously)\b/i;

/** Longer than this, a message is read as it is: too much to vouch that no trouble is in it. */
const MAX_LENGTH = 2000;

/**
 * Whether a message shows no trouble at all: no signal (no trigger such as a refund or a late
 * parcel, no threat, no burst), no shouting, no exclamation mark, no negative word of the
 * sentiment lexicon and no word of trouble such as "not", "still", "why" or "wrong". Adding
 * shouting, an exclamation mark, a threat or an insult always makes it troubled, so the damping
 * never breaks the temperature's monotonicity.
 *
 * @example showsNoTrouble('What are your opening hours?', [], 0, 0, 0) // true
 * @example showsNoTrouble('Why is my order still not here?', [], 0, 0, 0) // false
 */
export function showsNoTrouble(
  text: string,
  signals: readonly Signal[],
  shoutedWords: number,
  exclamations: number,
  negativeLexicon: number,
): boolean {
  if (signals.length > 0 || shoutedWords > 0 || exclamations > 0 || negativeLexicon > 0) {
    return false;
  }
  if (text.length > MAX_LENGTH) return false;
  return !TROUBLE.test(text);
}
