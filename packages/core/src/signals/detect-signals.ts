import { MARK_KEYS, PHRASE_DETECTORS, type PhraseRule } from './phrase-rules.js';
import { PROFANE_WORDS, SLURS } from './profanity.js';
import type { Signal, SignalKind } from './types.js';
import { sortInPlace } from '../util/sort-in-place.js';

/**
 * At most this many signals of one kind are returned, however long the text: an agent needs
 * the evidence, not every repetition of it, and the cap keeps the output of a 1 MB paste small.
 * Counts (`shoutedWords`, `exclamations`) are never capped.
 */
export const MAX_SIGNALS_PER_KIND = 20;

/** What one pass over a message finds: the evidence, and the two counts the model reads. */
export interface SignalScan {
  /** Signs of upset with their evidence, sorted by start (see `detectSignals`). */
  signals: Signal[];
  /** As `countShoutedWords`. */
  shoutedWords: number;
  /** As `countExclamations`. */
  exclamations: number;
}

/**
 * Finds the signs that a customer is upset in one message, and counts shouted words and
 * exclamation marks, in one pass over the text.
 *
 * Runs in time linear in the text and never throws. Spans are UTF-16 offsets into `text`
 * (`signal.text === text.slice(signal.start, signal.end)`), and signals come sorted by start.
 *
 * @example
 * scanSignals('This is the THIRD time I am writing!!! I will call my lawyer.')
 * // → { signals: [shouting "THIRD", repeated_contact "THIRD time", exclamation "!!!",
 * //               threat (legal) "call my lawyer"], shoutedWords: 1, exclamations: 3 }
 */
export function scanSignals(text: string): SignalScan {
  const scan = text.length > 2 * PIECE_LENGTH ? scanPieces(text) : scanWhole(text);
  scan.signals = withTroubleOnly(scan.signals);
  return scan;
}

/**
 * Long texts are scanned in pieces of about PIECE_LENGTH, cut at a line or sentence end where
 * there is one, so that each phrase regex runs only over the pieces holding its key words:
 * a 1 MB paste, which holds every key word somewhere, would otherwise run every regex over
 * all of it. A phrase or a run of capitals cut by a piece boundary may be missed or split;
 * pieces end at line or sentence ends to make that rare.
 */
const PIECE_LENGTH = 256;

function scanPieces(text: string): SignalScan {
  const signals: Signal[] = [];
  const perKind = new Map<SignalKind, number>();
  // Kinds that have their MAX_SIGNALS_PER_KIND: later pieces need not look for them, as what
  // they found would be dropped. Only the counts are read from then on, and they are the same.
  const full = new Set<SignalKind>();
  let shoutedWords = 0;
  let exclamations = 0;
  for (let start = 0; start < text.length;) {
    const end = pieceEnd(text, start);
    const piece = scanWhole(text.slice(start, end), full);
    shoutedWords += piece.shoutedWords;
    exclamations += piece.exclamations;
    for (const s of piece.signals) {
      const count = perKind.get(s.kind) ?? 0;
      if (count >= MAX_SIGNALS_PER_KIND) continue;
      perKind.set(s.kind, count + 1);
      if (count + 1 >= MAX_SIGNALS_PER_KIND) full.add(s.kind);
      signals.push({ ...s, start: s.start + start, end: s.end + start });
    }
    start = end;
  }
  return { signals, shoutedWords, exclamations };
}

/** Where the piece starting at `start` ends: a line end, else a sentence end, else a space. */
function pieceEnd(text: string, start: number): number {
  const limit = start + PIECE_LENGTH;
  if (limit >= text.length) return text.length;
  const floor = start + PIECE_LENGTH / 2;
  // Bounded searches (never past `floor`), so that cutting stays linear in the text.
  for (let i = limit - 1; i >= floor; i--) if (text.charCodeAt(i) === 10) return i + 1;
  for (let i = limit - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && isSpace(text.charCodeAt(i + 1))) return i + 1;
  }
  for (let i = limit - 1; i >= floor; i--) if (isSpace(text.charCodeAt(i))) return i + 1;
  // No space at all: cut anywhere but inside a surrogate pair.
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/** Scans one text, or one piece of a long one; finds no signals of the kinds in `full`. */
function scanWhole(text: string, full: ReadonlySet<SignalKind> = NONE_FULL): SignalScan {
  const signals: Signal[] = [];
  const counts = scanText(text, signals, full);
  const count = activePhrasings();
  if (count > 0) collectAll(text, count, signals, full);
  return {
    signals: withoutNestedThreats(sortInPlace(signals, byPosition)),
    shoutedWords: counts.shoutedWords,
    exclamations: counts.exclamations,
  };
}

/**
 * Finds the signs that a customer is upset in one message, with the evidence for each:
 * `scanSignals(text).signals`.
 *
 * @example
 * detectSignals('This is the THIRD time I am writing!!! I will call my lawyer.')
 * // → shouting "THIRD", repeated_contact "THIRD time", exclamation "!!!", threat (legal) "call my lawyer"
 */
export function detectSignals(text: string): Signal[] {
  return scanSignals(text).signals;
}

/**
 * How many words are written in capitals as shouting: words of two or more capital letters,
 * not common acronyms, in a run of two or more such words or alone when four letters or longer.
 *
 * Monotone by design: writing more of a text in capitals never lowers the count, so a model
 * can read it as "more shouting".
 *
 * @example
 * countShoutedWords('I WANT MY MONEY back') // → 3 ("I" alone is not a shouted word)
 * countShoutedWords('My PIN for the USA site') // → 0 (acronyms)
 */
export function countShoutedWords(text: string): number {
  return scanText(text, null).shoutedWords;
}

/**
 * How many exclamation marks the text holds ("‼" counts as two, "⁉" and "⁈" as one).
 *
 * @example
 * countExclamations('Fix it!!! Now!') // → 4
 */
export function countExclamations(text: string): number {
  return scanText(text, null).exclamations;
}

/**
 * Runs every phrasing, ignoring the key-word prefilter. For tests: the result must equal
 * `detectSignals`, which shows the prefilter never hides a phrase.
 * @internal
 */
export function detectSignalsWithoutPrefilter(text: string): Signal[] {
  const signals: Signal[] = [];
  scanText(text, signals);
  for (let id = 0; id < PHRASINGS.length; id++) active[id] = id;
  collectAll(text, PHRASINGS.length, signals);
  return withTroubleOnly(withoutNestedThreats(sortInPlace(signals, byPosition)));
}

/** The explanations of the rules kept only beside another sign of trouble (`withTrouble`). */
const WITH_TROUBLE = new Set(
  PHRASE_DETECTORS.flatMap((detector) =>
    detector.rules.filter((rule) => rule.withTrouble === true).map((rule) => rule.explanation),
  ),
);

/**
 * Drops the matches of `withTrouble` rules when nothing else in the message shows trouble:
 * shouting and exclamation marks do not count ("GREAT SERVICE AS ALWAYS!!!" is praise).
 * Keeps the order.
 */
function withTroubleOnly(signals: Signal[]): Signal[] {
  let conditional = false;
  let trouble = false;
  for (const s of signals) {
    if (WITH_TROUBLE.has(s.explanation)) conditional = true;
    else if (s.kind !== 'shouting' && s.kind !== 'exclamation') trouble = true;
  }
  if (!conditional || trouble) return signals;
  return signals.filter((s) => !WITH_TROUBLE.has(s.explanation));
}

/**
 * Drops a threat that lies inside another of the same sub-kind: review sites are found apart
 * from the other threats ("tell everyone on Trustpilot and Twitter" is a threat to go public
 * and a review threat), but "a bad Trustpilot review" is one review threat, not two. Takes
 * and keeps signals sorted by position.
 */
function withoutNestedThreats(signals: Signal[]): Signal[] {
  let nested = false;
  for (let i = 0; i < signals.length && !nested; i++) nested = isNestedThreat(signals, i);
  if (!nested) return signals;
  return signals.filter((_, i) => !isNestedThreat(signals, i));
}

function isNestedThreat(signals: readonly Signal[], i: number): boolean {
  const s = signals[i] as Signal;
  if (s.threat === undefined) return false;
  for (let j = 0; j < signals.length; j++) {
    const o = signals[j] as Signal;
    if (o.start > s.start) break;
    if (j === i || o.threat !== s.threat || o.end < s.end) continue;
    // Two with the same span: the first is kept.
    if (o.start === s.start && o.end === s.end && j > i) continue;
    return true;
  }
  return false;
}

function countKind(signals: readonly Signal[], kind: SignalKind): number {
  let count = 0;
  for (const signal of signals) if (signal.kind === kind) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Phrasings: compiled once, each its own regex, run only when the scan saw its key words.

interface CompiledPhrasing {
  regex: RegExp;
  rule: PhraseRule;
  /** Ids of its key groups: it runs when the scan saw a word of every one. */
  groups: readonly number[];
}

interface CompiledDetector {
  kind: SignalKind;
  /** Its phrasings are `PHRASINGS[first]` up to, not including, `PHRASINGS[end]`. */
  first: number;
  end: number;
}

const NONE_FULL: ReadonlySet<SignalKind> = new Set();

const PHRASINGS: CompiledPhrasing[] = [];
const COMPILED_DETECTORS: CompiledDetector[] = [];
/** Key word (or mark) → ids of the key groups holding it. */
const GROUPS_OF_KEY = new Map<string, number[]>();
/** Key group id → the phrasing it belongs to. */
const PHRASING_OF_GROUP: number[] = [];

for (const detector of PHRASE_DETECTORS) {
  const first = PHRASINGS.length;
  for (const rule of detector.rules) {
    for (const phrasing of rule.phrasings) {
      const id = PHRASINGS.length;
      const groups: number[] = [];
      for (const group of phrasing.keys) {
        const groupId = PHRASING_OF_GROUP.length;
        PHRASING_OF_GROUP.push(id);
        groups.push(groupId);
        for (const key of group.split(' ')) {
          if (key === '') continue;
          const list = GROUPS_OF_KEY.get(key) ?? [];
          if (!list.includes(groupId)) list.push(groupId);
          GROUPS_OF_KEY.set(key, list);
        }
      }
      PHRASINGS.push({ regex: new RegExp(phrasing.pattern, 'gi'), rule, groups });
    }
  }
  COMPILED_DETECTORS.push({ kind: detector.kind, first, end: PHRASINGS.length });
}

const GROUP_COUNT = PHRASING_OF_GROUP.length;
const PHRASING_WORDS = (PHRASINGS.length + 31) >>> 5;
/** Per key group, the stamp of the last scan that saw one of its words. */
const groupStamp = new Int32Array(GROUP_COUNT);
/** Phrasings with at least one key group seen in the current scan, one bit each. */
const phrasingSeen = new Int32Array(PHRASING_WORDS);
let stamp = 0;

const maxPhrasingsPerDetector = Math.max(
  ...COMPILED_DETECTORS.map((detector) => detector.end - detector.first),
);
/** Key group ids of each phrasing, and the index in `COMPILED_DETECTORS` of its detector. */
const PHRASING_GROUPS: readonly Int32Array[] = PHRASINGS.map((p) => Int32Array.from(p.groups));
const NO_GROUPS = new Int32Array(0);
const DETECTOR_OF = new Int32Array(PHRASINGS.length);
COMPILED_DETECTORS.forEach((detector, index) =>
  DETECTOR_OF.fill(index, detector.first, detector.end),
);
/** Scratch: the phrasings to run; for the detector being run, each one's next match. */
const active = new Int32Array(PHRASINGS.length);
const nextMatch: (RegExpExecArray | null)[] = new Array<RegExpExecArray | null>(
  maxPhrasingsPerDetector,
).fill(null);
/** -1: no match left; otherwise the index `nextMatch` was found at or after. */
const nextFrom = new Int32Array(maxPhrasingsPerDetector);

function seeGroups(groups: Int32Array, start: number, end: number): void {
  for (let j = start; j < end; j++) {
    const group = groups[j] ?? 0;
    if (groupStamp[group] === stamp) continue;
    groupStamp[group] = stamp;
    const phrasing = PHRASING_OF_GROUP[group] ?? 0;
    phrasingSeen[phrasing >>> 5] = (phrasingSeen[phrasing >>> 5] ?? 0) | (1 << (phrasing & 31));
  }
}

/**
 * Fills `active` with the phrasings whose every key group the scan saw, in order; returns how
 * many. Walks only the phrasings with a key group seen, one bit each in `phrasingSeen`.
 */
function activePhrasings(): number {
  let count = 0;
  for (let word = 0; word < PHRASING_WORDS; word++) {
    let bits = phrasingSeen[word] ?? 0;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const id = (word << 5) + 31 - Math.clz32(low);
      const groups = PHRASING_GROUPS[id] ?? NO_GROUPS;
      let seen = true;
      for (let g = 0; g < groups.length; g++) {
        if (groupStamp[groups[g] ?? 0] !== stamp) seen = false;
      }
      if (seen) active[count++] = id;
    }
  }
  return count;
}

/** Runs the `count` phrasings in `active` (in order), one detector at a time. */
function collectAll(
  text: string,
  count: number,
  out: Signal[],
  full: ReadonlySet<SignalKind> = NONE_FULL,
): void {
  let k = 0;
  while (k < count) {
    const detectorIndex = DETECTOR_OF[active[k] ?? 0] ?? 0;
    let m = k + 1;
    while (m < count && DETECTOR_OF[active[m] ?? 0] === detectorIndex) m++;
    const detector = COMPILED_DETECTORS[detectorIndex];
    if (detector !== undefined && !full.has(detector.kind)) {
      // Two detectors may share a kind (the scan's profanity and the phrases', threats and
      // review sites): the cap counts the signals of the kind found so far.
      collectPhraseSignals(text, detector, k, m - k, countKind(out, detector.kind), out);
    }
    k = m;
  }
}

/**
 * Gathers the matches of the `count` phrasings in `active`, as one regex joining them in order
 * would: at each position the first phrasing that matches wins, and the search goes on after
 * the match. Each phrasing's next match is kept until the search passes it, so each regex scans
 * the text once.
 */
function collectPhraseSignals(
  text: string,
  detector: CompiledDetector,
  offset: number,
  count: number,
  already: number,
  out: Signal[],
): void {
  let emitted = already;
  if (emitted >= MAX_SIGNALS_PER_KIND || count === 0) return;
  for (let k = 0; k < count; k++) {
    nextFrom[k] = 0;
    nextMatch[k] = null;
  }
  let from = 0;
  let first = true;
  for (;;) {
    let best = -1;
    let bestIndex = 0;
    for (let k = 0; k < count; k++) {
      if (nextFrom[k] === -1) continue;
      let match = nextMatch[k] ?? null;
      if (first || match === null || match.index < from) {
        // The regexes are shared and stateful (`lastIndex`); JavaScript never interleaves two
        // runs, so sharing them is safe.
        const regex = PHRASINGS[active[offset + k] ?? 0]?.regex;
        if (regex === undefined) continue;
        regex.lastIndex = from;
        match = regex.exec(text);
        nextMatch[k] = match;
        if (match === null) {
          nextFrom[k] = -1;
          continue;
        }
      }
      if (best < 0 || match.index < bestIndex) {
        best = k;
        bestIndex = match.index;
      }
    }
    first = false;
    const match = nextMatch[best] ?? null;
    if (best < 0 || match === null) return;
    let start = match.index;
    let end = start + match[0].length;
    if (end === start) {
      from = start + 1;
      continue;
    }
    from = end;
    const rule = PHRASINGS[active[offset + best] ?? 0]?.rule;
    if (rule === undefined) continue;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start === end) continue;
    if (rule.negatable === true && isNegated(text, start)) continue;
    const signal: Signal = {
      kind: detector.kind,
      start,
      end,
      text: text.slice(start, end),
      explanation: rule.explanation,
    };
    if (rule.threat !== undefined) signal.threat = rule.threat;
    out.push(signal);
    if (++emitted >= MAX_SIGNALS_PER_KIND) return;
  }
}

const NEGATIONS = new Set([
  'not',
  'never',
  'cannot',
  'dont',
  'wont',
  'cant',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'doesnt',
  'havent',
  'hasnt',
  'shouldnt',
  'wouldnt',
  'couldnt',
]);

/** "You" as customers write it: the business doing it is no threat ("y'all should sue them"). */
const SECOND_PERSON = new Set(['you', 'u', 'yall', "y'all", 'ya', 'ye']);

/** Words a negation or a "you" may stand behind: "not going to be posting", "you should post". */
const NEGATION_GAP = new Set([
  'be',
  'going',
  'to',
  'gonna',
  'ever',
  'really',
  'actually',
  'even',
  // "you should post the fix on Twitter": the business asked to do it
  'should',
  'could',
  'can',
  'would',
  'will',
  'must',
  'might',
  'may',
]);

/**
 * Whether the words right before `start` take the threat back: a negation ("not going to
 * cancel", "won't be posting reviews", "I'm not going to be posting") or another person doing
 * it ("Can you post the update on Twitter?"), looking past up to three words such as "be",
 * "going", "to".
 */
function isNegated(text: string, start: number): boolean {
  let at = start;
  for (let hop = 0; hop <= 3; hop++) {
    let i = at - 1;
    while (i >= 0 && isSpace(text.charCodeAt(i))) {
      // A negation does not reach across a line break: "not\nI will cancel" is a threat.
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
      i--;
    }
    if (i === at - 1) return false;
    const end = i + 1;
    while (i >= 0 && end - i <= 9 && isAsciiWordChar(text.charCodeAt(i))) i--;
    const word = text
      .slice(i + 1, end)
      .toLowerCase()
      .replace('’', "'");
    if (NEGATIONS.has(word) || word.endsWith("n't")) return true;
    if (SECOND_PERSON.has(word)) return !isObjectOfThreat(text, i + 1);
    if (!NEGATION_GAP.has(word)) return false;
    at = i + 1;
  }
  return false;
}

/** Verbs whose object is the business: "reporting you to Ofcom", "I'll take you to court". */
const THREAT_VERBS = new Set([
  'report',
  'reporting',
  'reported',
  'take',
  'taking',
  'drag',
  'dragging',
  'expose',
  'exposing',
  'name',
  'naming',
  'sue',
  'suing',
]);

/**
 * Whether the "you" that starts at `start` is the object of a threat verb ("I'm reporting you
 * to trading standards"), not the one asked to act ("Can you report this to Ofcom?").
 */
function isObjectOfThreat(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i === start - 1) return false;
  const verbEnd = i + 1;
  while (i >= 0 && verbEnd - i <= 10 && isAsciiWordChar(text.charCodeAt(i))) i--;
  return THREAT_VERBS.has(text.slice(i + 1, verbEnd).toLowerCase());
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}

function isAsciiWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 39 ||
    c === 0x2019
  );
}

function byPosition(a: Signal, b: Signal): number {
  return a.start - b.start || a.end - b.end;
}

// ---------------------------------------------------------------------------------------------
// Key-word table. The scan's tokens are runs of ASCII letters; a token is hashed on its first
// six letters, lower-cased, and looked up in an open-addressing table of 32-bit hashes, because
// a hash collision costs only a needless regex run (or an exact check), while a Map of strings
// would cost a string per word. Each slot holds a key id (its key groups) and two flags: the
// token may be a profane word, or an acronym.

const KEY_CHARS = 6;
const TABLE_SIZE = 1 << 12;
const TABLE_MASK = TABLE_SIZE - 1;
const FLAG_PROFANE = 1;
const FLAG_ACRONYM = 2;
/**
 * Two Int32s a slot, side by side so a lookup touches one cache line: the hash, then
 * `(key id << 2) | flags`, where key ids start at 1 (so 0 marks an empty slot) and index
 * `keyGroupStart`.
 */
const table = new Int32Array(TABLE_SIZE * 2);

/** The hash the scan computes for a token: its first six letters, lower-cased. */
function hashWord(word: string): number {
  let hash = 0;
  const n = Math.min(word.length, KEY_CHARS);
  for (let i = 0; i < n; i++) hash = (Math.imul(hash, 31) + (word.charCodeAt(i) | 32)) | 0;
  return hash;
}

function tableSlot(hash: number): number {
  return (hash ^ (hash >>> 13)) & TABLE_MASK;
}

/** The slot of `hash`, claimed for it if it is new. */
function claimSlot(hash: number): number {
  let slot = tableSlot(hash);
  while (table[2 * slot + 1] !== 0 && table[2 * slot] !== hash) slot = (slot + 1) & TABLE_MASK;
  if (table[2 * slot + 1] === 0) {
    table[2 * slot] = hash;
    table[2 * slot + 1] = ++keySlots << 2;
    groupsOfSlot.push([]);
  }
  return slot;
}
let keySlots = 0;
const groupsOfSlot: number[][] = [];

function addFlag(word: string, flag: number): void {
  const slot = claimSlot(hashWord(word));
  table[2 * slot + 1] = (table[2 * slot + 1] ?? 0) | flag;
}

const MARK_GROUPS = new Map<string, number[]>();
for (const [key, groups] of GROUPS_OF_KEY) {
  if (key.startsWith('#')) {
    MARK_GROUPS.set(key, groups);
    continue;
  }
  const list = groupsOfSlot[((table[2 * claimSlot(hashWord(key)) + 1] ?? 4) >>> 2) - 1];
  for (const group of groups) if (list !== undefined && !list.includes(group)) list.push(group);
}
for (const word of PROFANE_WORDS) addFlag(word, FLAG_PROFANE);

/** CSR lists: the key groups of key id `k` are `keyGroups[keyGroupStart[k] .. keyGroupStart[k + 1]]`. */
const keyGroupStart = new Int32Array(keySlots + 2);
const keyGroups = new Int32Array(groupsOfSlot.reduce((sum, list) => sum + list.length, 0));
{
  let at = 0;
  groupsOfSlot.forEach((list, k) => {
    keyGroupStart[k + 1] = at;
    for (const group of list) keyGroups[at++] = group;
    keyGroupStart[k + 2] = at;
  });
}

/** The key groups of one mark, as a list for `seeGroups`. */
function markGroups(mark: (typeof MARK_KEYS)[number]): Int32Array {
  return Int32Array.from(MARK_GROUPS.get(mark) ?? []);
}
const AMP_MARKS = markGroups('#amp');
const SARCASM_MARKS = markGroups('#mark');
const SLASH_MARKS = markGroups('#slash');
const MASK_MARKS = markGroups('#mask');

// ---------------------------------------------------------------------------------------------
// Acronyms: written in capitals without shouting.

const ACRONYMS = new Set([
  'USA',
  'UK',
  'EU',
  'UN',
  'UAE',
  'NYC',
  'LA',
  'SF',
  'ID',
  'PIN',
  'TV',
  'PC',
  'OK',
  'FAQ',
  'UPS',
  'DHL',
  'USPS',
  'TNT',
  'DPD',
  'ETA',
  'ASAP',
  'API',
  'URL',
  'SMS',
  'MMS',
  'PDF',
  'IT',
  'CEO',
  'HR',
  'GPS',
  'USB',
  'HDMI',
  'LED',
  'LCD',
  'OLED',
  'GB',
  'MB',
  'KB',
  'TB',
  'HD',
  'UHD',
  'NFC',
  'SIM',
  'ISP',
  'VPN',
  'DNS',
  'IP',
  'WIFI',
  'ATM',
  'VAT',
  'GST',
  'AM',
  'PM',
  'PS',
  'NB',
  'FYI',
  'BTW',
  'TBH',
  'IMO',
  'IMHO',
  'DM',
  'PR',
  'QR',
  'AI',
  'CD',
  'DVD',
  'AC',
  'DC',
  'NHS',
  'BBC',
  'CNN',
  'FBI',
  'BBB',
  'FTC',
  'FCC',
  'CFPB',
  'UTC',
  'GMT',
  'EST',
  'PST',
  'CST',
  'BST',
  'CET',
  'RSVP',
  'COD',
  'RMA',
  'SKU',
  'UPC',
  'IMEI',
  'OTP',
  'CVV',
  'CVC',
  'SSN',
  'DOB',
  'TOS',
  'XL',
  'XXL',
  'XS',
  'LOL',
  'II',
  'III',
  'IV',
  'VI',
  'VII',
  'VIII',
  'IX',
  'XI',
  'XII',
  'MR',
  'MRS',
  'MS',
  'DR',
  'ST',
  'JR',
  'SR',
  'EE',
  'BT',
  'HBO',
  'ESPN',
  'BMW',
  'KFC',
  'IKEA',
  'ASOS',
  'AT',
  'NA',
  'TBC',
  'TBD',
  'UX',
  'UI',
  'IOS',
  'OS',
  'CPU',
  'GPU',
  'RAM',
  'SSD',
  'HDD',
  'AWS',
  'SQL',
  'HTML',
  'CSS',
  'JSON',
  'CSV',
  'XML',
  'PDT',
  'EDT',
  'CDT',
  'MDT',
  'AEST',
  'IST',
  'NZ',
  'AU',
  'CA',
  'NY',
  'TX',
  'FL',
]);
// Acronyms get slots after the key lists were laid out: their ids are past `keyGroupStart`'s
// end, which reads as no key groups.
for (const acronym of ACRONYMS) addFlag(acronym, FLAG_ACRONYM);

// ---------------------------------------------------------------------------------------------
// The scan: one pass over the text, char by char, that
// - hashes runs of ASCII letters (tokens) and looks them up in the key-word table,
// - splits words, classifies each as shouted, neutral or lower-case and emits runs of shouting,
// - finds bursts of "!" and "?", counting every "!",
// - emits whole-word profanity.
//
// Words are letters, digits and apostrophes (an apostrophe only after a letter or digit).
// Non-ASCII letters count as letters when they have case; caseless scripts (Arabic, CJK, …)
// separate words. Monotonicity of the shouting count rests on three facts: every character
// that upper-casing changes makes its word lower-case; upper-casing leaves separators as they
// are; and a word's class depends on that word alone. So upper-casing can only turn a
// lower-case word (which breaks a run) into words of any class, which never shortens a run.

/** How one character counts in a word. NEUTRAL: digits, apostrophes and combining marks. */
const SEPARATOR = 0;
const LOWER = 1;
const UPPER = 2;
const NEUTRAL = 3;

/** ASCII character kinds, for the scan's fast path. */
const A_OTHER = 0;
const A_LOWER = 1;
const A_UPPER = 2;
const A_DIGIT = 3;
const A_APOSTROPHE = 4;
const A_BANG = 5;
const A_QUESTION = 6;
const A_SLASH = 7;
const A_AMP = 8;
const A_MASK = 9;
const A_DOT = 10;
const ASCII_KIND = new Uint8Array(128);
for (let c = 97; c <= 122; c++) ASCII_KIND[c] = A_LOWER;
for (let c = 65; c <= 90; c++) ASCII_KIND[c] = A_UPPER;
for (let c = 48; c <= 57; c++) ASCII_KIND[c] = A_DIGIT;
ASCII_KIND[39] = A_APOSTROPHE;
ASCII_KIND[33] = A_BANG;
ASCII_KIND[63] = A_QUESTION;
ASCII_KIND[47] = A_SLASH;
ASCII_KIND[38] = A_AMP;
for (const c of [42, 35, 64, 37, 36]) ASCII_KIND[c] = A_MASK; // * # @ % $
ASCII_KIND[46] = A_DOT;

interface ScanCounts {
  shoutedWords: number;
  exclamations: number;
}

/**
 * Scans `text` once. With `out`, pushes the scan's own signals to it and records the key words
 * seen (in `groupStamp` and `phrasingSeen`); without, only counts.
 */
function scanText(
  text: string,
  out: Signal[] | null,
  full: ReadonlySet<SignalKind> = NONE_FULL,
): ScanCounts {
  const n = text.length;
  const keys = out !== null;
  if (keys) {
    stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
    if (stamp === 1) groupStamp.fill(0);
    phrasingSeen.fill(0);
  }
  let shoutedWords = 0;
  let exclamations = 0;
  // A kind already full starts at its cap, so no signal of it is made.
  let shoutSignals = 0;
  let exclamationSignals = 0;
  let questionSignals = 0;
  let profanitySignals = 0;
  if (full.size > 0) {
    if (full.has('shouting')) shoutSignals = MAX_SIGNALS_PER_KIND;
    if (full.has('exclamation')) exclamationSignals = MAX_SIGNALS_PER_KIND;
    if (full.has('question_burst')) questionSignals = MAX_SIGNALS_PER_KIND;
    if (full.has('profanity')) profanitySignals = MAX_SIGNALS_PER_KIND;
  }

  // the current word
  let wordStart = -1;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let ascii = true;
  /** The token (run of ASCII letters) that starts the word: where it ends (-1: none), its hash. */
  let wordTokenEnd = -1;
  let wordTokenHash = 0;
  /** Its table flags; -1 until looked up. */
  let wordFlags = -1;
  // the current run of shouted words
  let runStart = -1;
  let runEnd = -1;
  let runWords = 0;
  let runLongest = 0;
  // the current burst of "!" and "?"
  let burstStart = -1;
  let burstBangs = 0;
  let burstQuestions = 0;

  let i = 0;
  while (i <= n) {
    let c = i < n ? text.charCodeAt(i) : -1;
    let cls = SEPARATOR;
    let width = 1;
    let bangs = 0;
    let questions = 0;
    const folded = c | 32;

    if (folded >= 97 && folded <= 122) {
      // The common case: a run of ASCII letters, one token, consumed here in one go.
      if (wordStart < 0) {
        wordStart = i;
        upper = 0;
        lower = 0;
        digits = 0;
        ascii = true;
        wordTokenEnd = -1;
        wordFlags = -1;
      }
      const tokenStart = i;
      let hash = 0;
      do {
        if (c >= 97) lower++;
        else upper++;
        if (i - tokenStart < KEY_CHARS) hash = (Math.imul(hash, 31) + (c | 32)) | 0;
        i++;
        c = i < n ? text.charCodeAt(i) : -1;
      } while ((c | 32) >= 97 && (c | 32) <= 122);
      let flags = -1;
      if (keys) {
        let slot = tableSlot(hash);
        flags = 0;
        for (;;) {
          const entry = table[2 * slot + 1] ?? 0;
          if (entry === 0) break;
          if (table[2 * slot] === hash) {
            const key = entry >>> 2;
            const start = keyGroupStart[key] ?? 0;
            const end = keyGroupStart[key + 1] ?? 0;
            if (end > start) seeGroups(keyGroups, start, end);
            flags = entry & 3;
            break;
          }
          slot = (slot + 1) & TABLE_MASK;
        }
      }
      if (tokenStart === wordStart) {
        wordTokenEnd = i;
        wordTokenHash = hash;
        wordFlags = flags;
      }
      if (burstStart >= 0) {
        // a burst of "!" and "?" ended where the letters began
        if (keys) {
          if (burstBangs >= 2 && exclamationSignals < MAX_SIGNALS_PER_KIND) {
            out.push(
              burstSignal(
                text,
                'exclamation',
                burstStart,
                tokenStart,
                'Repeated exclamation marks',
              ),
            );
            exclamationSignals++;
          }
          if (burstQuestions >= 2 && questionSignals < MAX_SIGNALS_PER_KIND) {
            out.push(
              burstSignal(
                text,
                'question_burst',
                burstStart,
                tokenStart,
                'Repeated question marks',
              ),
            );
            questionSignals++;
          }
        }
        burstStart = -1;
        burstBangs = 0;
        burstQuestions = 0;
      }
      continue;
    }

    if (c >= 0 && c < 128) {
      const kind = ASCII_KIND[c] ?? A_OTHER;
      if (kind !== A_OTHER) {
        if (kind === A_DIGIT) cls = NEUTRAL;
        else if (kind === A_APOSTROPHE) {
          if (wordStart >= 0) cls = NEUTRAL;
        } else if (kind === A_BANG) bangs = 1;
        else if (kind === A_QUESTION) questions = 1;
        else if (keys) {
          if (kind === A_DOT) {
            if (i + 1 < n && text.charCodeAt(i + 1) === 46)
              seeGroups(SARCASM_MARKS, 0, SARCASM_MARKS.length);
          } else if (kind === A_SLASH) {
            // "/s" marks sarcasm
            const next = i + 1 < n ? text.charCodeAt(i + 1) | 32 : 0;
            if (next === 115) {
              seeGroups(SLASH_MARKS, 0, SLASH_MARKS.length);
              seeGroups(SARCASM_MARKS, 0, SARCASM_MARKS.length);
            }
          } else if (kind === A_AMP) seeGroups(AMP_MARKS, 0, AMP_MARKS.length);
          else if (kind === A_MASK && i > 0) {
            // a symbol right after a letter may mask a swear word ("f*ck", "sh#t")
            const previous = text.charCodeAt(i - 1) | 32;
            if (previous >= 97 && previous <= 122) seeGroups(MASK_MARKS, 0, MASK_MARKS.length);
          }
        }
      }
    } else if (c >= 128) {
      if (c === 0x2019) {
        if (wordStart >= 0) cls = NEUTRAL;
      } else if (c >= 0x300 && c <= 0x36f && c !== 0x345) cls = NEUTRAL;
      else if (c === 0xff01) bangs = 1;
      else if (c === 0xff1f) questions = 1;
      else if (c === 0x203c) bangs = 2;
      else if (c === 0x2047) questions = 2;
      else if (c === 0x2048 || c === 0x2049) {
        bangs = 1;
        questions = 1;
      } else if (c === 0x2026) {
        if (keys) seeGroups(SARCASM_MARKS, 0, SARCASM_MARKS.length);
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low <= 0xdfff) {
          width = 2;
          if (c >= 0xd83c && c <= 0xd83e) {
            // emoji and symbols, none with case
            if (c === 0xd83d && keys) {
              if (low === 0xdc4f || low === 0xde44) {
                seeGroups(SARCASM_MARKS, 0, SARCASM_MARKS.length);
              } else if (low === 0xdd95 && profanitySignals < MAX_SIGNALS_PER_KIND) {
                out.push(profanitySignal(text, i, i + 2, 'Rude gesture (middle finger)'));
                profanitySignals++;
              }
            }
          } else cls = caseOf(text.slice(i, i + 2));
        }
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        // a lone low surrogate: a separator
      } else if (!isCaseless(c)) cls = caseOf(String.fromCharCode(c));
    }

    // bursts of "!" and "?"
    if (bangs !== 0 || questions !== 0) {
      if (burstStart < 0) burstStart = i;
      burstBangs += bangs;
      burstQuestions += questions;
      exclamations += bangs;
    } else if (burstStart >= 0) {
      if (keys) {
        if (burstBangs >= 2 && exclamationSignals < MAX_SIGNALS_PER_KIND) {
          out.push(burstSignal(text, 'exclamation', burstStart, i, 'Repeated exclamation marks'));
          exclamationSignals++;
        }
        if (burstQuestions >= 2 && questionSignals < MAX_SIGNALS_PER_KIND) {
          out.push(burstSignal(text, 'question_burst', burstStart, i, 'Repeated question marks'));
          questionSignals++;
        }
      }
      burstStart = -1;
      burstBangs = 0;
      burstQuestions = 0;
    }

    if (cls !== SEPARATOR) {
      if (wordStart < 0) {
        wordStart = i;
        upper = 0;
        lower = 0;
        digits = 0;
        ascii = true;
        wordTokenEnd = -1;
        wordFlags = -1;
      }
      if (cls === LOWER) lower++;
      else if (cls === UPPER) upper++;
      else if (c >= 48 && c <= 57) digits++;
      if (c >= 128) ascii = false;
      i += width;
      continue;
    }
    i += width;

    if (wordStart < 0) continue;

    // a word ended where this separator began
    const wordEnd = i - width;
    if (keys && wordFlags > 0 && (wordFlags & FLAG_PROFANE) !== 0) {
      if (profanitySignals < MAX_SIGNALS_PER_KIND) {
        const signal = matchProfaneWord(text, wordStart, wordEnd);
        if (signal !== null) {
          out.push(signal);
          profanitySignals++;
        }
      }
    }

    // shouting: lower-case words break a run, neutral words (acronyms, "I", numbers) do not
    if (
      lower > 0 &&
      !(lower === 1 && upper >= 2 && ascii && text.charCodeAt(wordEnd - 1) === 115)
    ) {
      if (runWords > 0) {
        if (runWords >= 2 || runLongest >= 4) {
          shoutedWords += runWords;
          if (keys && shoutSignals < MAX_SIGNALS_PER_KIND) {
            out.push(shoutSignal(text, runStart, runEnd));
            shoutSignals++;
          }
        }
        runWords = 0;
        runLongest = 0;
      }
    } else if (
      lower === 0 &&
      upper >= 2 &&
      digits === 0 &&
      !(wordTokenEnd === wordEnd && isAcronym(text, wordStart, wordEnd, wordFlags, wordTokenHash))
    ) {
      if (runWords === 0) runStart = wordStart;
      runEnd = wordEnd;
      runWords++;
      if (upper > runLongest) runLongest = upper;
    }
    wordStart = -1;
  }

  if (runWords >= 2 || (runWords === 1 && runLongest >= 4)) {
    shoutedWords += runWords;
    if (keys && shoutSignals < MAX_SIGNALS_PER_KIND) out.push(shoutSignal(text, runStart, runEnd));
  }

  return { shoutedWords, exclamations };
}

/** Whether the word `text.slice(start, end)`, in capitals, is a known acronym. */
function isAcronym(text: string, start: number, end: number, flags: number, hash: number): boolean {
  if (flags < 0) flags = lookupFlags(hash);
  return (flags & FLAG_ACRONYM) !== 0 && ACRONYMS.has(text.slice(start, end));
}

function lookupFlags(hash: number): number {
  let slot = tableSlot(hash);
  for (;;) {
    const entry = table[2 * slot + 1] ?? 0;
    if (entry === 0) return 0;
    if (table[2 * slot] === hash) return entry & 3;
    slot = (slot + 1) & TABLE_MASK;
  }
}

/** Case of one code point given as a string: LOWER when upper-casing changes it. */
function caseOf(char: string): number {
  if (char.toUpperCase() !== char) return LOWER;
  if (char.toLowerCase() !== char) return UPPER;
  return SEPARATOR;
}

/**
 * Blocks of the BMP with no cased characters, skipped without a case lookup so that long
 * Arabic, Hebrew, Indic, CJK or punctuation-heavy texts stay fast. Only blocks whose every
 * character is unchanged by upper- and lower-casing belong here (a test checks it).
 * @internal
 */
export function isCaseless(c: number): boolean {
  return (
    (c >= 0x0590 && c <= 0x0fff) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x2000 && c <= 0x20cf) ||
    (c >= 0x2190 && c <= 0x245f) ||
    (c >= 0x2500 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xe000 && c <= 0xf8ff) ||
    (c >= 0xfe00 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xff20)
  );
}

function matchProfaneWord(text: string, start: number, end: number): Signal | null {
  let word = text.slice(start, end).toLowerCase().replace(/’/g, "'");
  while (word.endsWith("'")) word = word.slice(0, -1);
  if (!PROFANE_WORDS.has(word) && word.endsWith("'s")) word = word.slice(0, -2);
  if (!PROFANE_WORDS.has(word)) return null;
  const explanation = SLURS.has(word) ? 'Uses a slur' : 'Swearing';
  return profanitySignal(text, start, start + word.length, explanation);
}

function profanitySignal(text: string, start: number, end: number, explanation: string): Signal {
  return { kind: 'profanity', start, end, text: text.slice(start, end), explanation };
}

function burstSignal(
  text: string,
  kind: SignalKind,
  start: number,
  end: number,
  explanation: string,
): Signal {
  return { kind, start, end, text: text.slice(start, end), explanation };
}

function shoutSignal(text: string, start: number, end: number): Signal {
  return {
    kind: 'shouting',
    start,
    end,
    text: text.slice(start, end),
    explanation: 'Writing in capitals (shouting)',
  };
}
