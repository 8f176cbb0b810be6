import naughtyWords from 'naughty-words/en.json' with { type: 'json' };

/**
 * Swear words and slurs, matched as whole words, lower-case.
 *
 * The base list is the `naughty-words` English list, cut down to what is profanity in a
 * support message: that list is built for filtering adult content, so most of it names sexual
 * acts, body parts or websites, which a customer may mention without swearing ("my nipple
 * shield broke", "summa cum laude"), and several entries are ordinary words ("escort",
 * "butt", "xx"). We keep an entry when it is a single word containing a swearing root, or
 * when it is a slur or a vulgar word we name below.
 */
const SWEARING_ROOTS = [
  'fuck',
  'shit',
  'cunt',
  'bitch',
  'whore',
  'slut',
  'bastard',
  'asshole',
  'arsehole',
  'twat',
  'wank',
  'cock',
  'dick',
  'piss',
  'bollock',
  'tosser',
];

/** Slurs from the package list: they carry the same weight as swearing, and more. */
const SLURS_FROM_LIST = [
  'beaner',
  'beaners',
  'bulldyke',
  'carpetmuncher',
  'coon',
  'coons',
  'darkie',
  'fag',
  'faggot',
  'honkey',
  'jigaboo',
  'jiggaboo',
  'jiggerboo',
  'kike',
  'mong',
  'negro',
  'nigga',
  'nigger',
  'paki',
  'pikey',
  'raghead',
  'shemale',
  'slanteye',
  'spastic',
  'spic',
  'towelhead',
  'tranny',
  'wetback',
];

/** Vulgar words from the package list that hold no swearing root. */
const VULGAR_FROM_LIST = ['ass', 'pussy', 'tits', 'jizz', 'dildo', 'butthole', 'bunghole'];

/**
 * What the package list lacks: inflections, British and mild swearing common in complaints,
 * and chat abbreviations. "hell" is left to a phrase rule ("the hell", "hell no") because on its
 * own it is as often a place name as a curse.
 */
const HAND_LIST = [
  'fucked',
  'fucker',
  'fuckers',
  'fucks',
  'fuckup',
  'fuckups',
  'fuckwit',
  'fuckwits',
  'fuckface',
  'fuckery',
  'motherfucking',
  'motherfuckers',
  'effing',
  'feck',
  'shite',
  'shits',
  'shitting',
  'shithead',
  'shitheads',
  'shitshow',
  'shitstorm',
  'horseshit',
  'dipshit',
  'dipshits',
  'batshit',
  'bullshitting',
  'bitching',
  'bitchy',
  'bastards',
  'assholes',
  'arseholes',
  'asshat',
  'asshats',
  'arse',
  'jackass',
  'jackasses',
  'dumbass',
  'dumbasses',
  'smartass',
  'asswipe',
  'dickhead',
  'dickheads',
  'dicks',
  'prick',
  'pricks',
  'cunts',
  'twats',
  'wanker',
  'wankers',
  'wanking',
  'tossers',
  'bellend',
  'bellends',
  'knobhead',
  'douche',
  'douchebag',
  'douchebags',
  'piss',
  'pissed',
  'pisses',
  'pissy',
  'damn',
  'damned',
  'dammit',
  'damnit',
  'goddamn',
  'goddamned',
  'goddammit',
  'crap',
  'crappy',
  'bloody',
  'bugger',
  'wtf',
  'wth',
  'ffs',
  'stfu',
  'gtfo',
  'fml',
  'omfg',
  'bs',
  'retard',
  'retards',
  'retarded',
  'sluts',
  'whores',
  'faggots',
  'niggers',
];

const SLUR_HAND_LIST = ['retard', 'retards', 'retarded', 'faggots', 'niggers'];

const fromList = (naughtyWords as readonly string[]).filter(
  (word) =>
    /^[a-z]+$/.test(word) &&
    (SWEARING_ROOTS.some((root) => word.includes(root)) ||
      SLURS_FROM_LIST.includes(word) ||
      VULGAR_FROM_LIST.includes(word)),
);

/** Every profane word, lower-case, apostrophes as `'`. */
export const PROFANE_WORDS: ReadonlySet<string> = new Set([...fromList, ...HAND_LIST]);

/** The subset of `PROFANE_WORDS` that are slurs, so the agent sees what kind of abuse it is. */
export const SLURS: ReadonlySet<string> = new Set([
  ...SLURS_FROM_LIST.filter((word) => PROFANE_WORDS.has(word)),
  ...SLUR_HAND_LIST,
]);
