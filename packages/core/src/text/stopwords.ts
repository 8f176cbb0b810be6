/**
 * English function words: they carry weight in the model but explain nothing to a person, so
 * they are never shown as "the words that pushed the score".
 */
const STOPWORDS = new Set(
  (
    'a an the and or but so to of in on at for with from by as is are was were be been being am ' +
    'it its this that these those there here i me my mine we us our you your yours he him his she ' +
    'her they them their what which who whom when where why how if then than too very just also ' +
    'do does did done have has had having will would can could shall should may might must ' +
    'not no nor all any some each every more most other such only own same up down out over ' +
    "again once about into through after before im i'm i've i'll i'd you're it's that's let " +
    'get got go going one now'
  ).split(/\s+/),
);

/** A lower-case word with no curly apostrophe: its own normal form. */
const PLAIN_WORD = /^[a-z']+$/;

/**
 * True when every word of the phrase is a function word ("and the", "my", "it's").
 *
 * @example isStopword("and still") // false; isStopword("and the") // true
 */
export function isStopword(phrase: string): boolean {
  // The common case, one word already in normal form, without making any string.
  if (PLAIN_WORD.test(phrase)) return STOPWORDS.has(phrase);
  for (const word of phrase
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .split(/\s+/)) {
    if (word !== '' && !STOPWORDS.has(word)) return false;
  }
  return true;
}
