import { PHRASE_DETECTORS, type PhraseRule } from './phrase-rules.js';
import { PROFANE_WORDS, SLURS } from './profanity.js';
import type { Signal, SignalKind } from './types.js';

/**
 * At most this many signals of one kind are returned, however long the text: an agent needs
 * the evidence, not every repetition of it, and the cap keeps the output of a 1 MB paste small.
 * Counts (`countShoutedWords`, `countExclamations`) are never capped.
 */
export const MAX_SIGNALS_PER_KIND = 20;

/**
 * Finds the signs that a customer is upset in one message, with the evidence for each.
 *
 * Runs in time linear in the text and never throws. Spans are UTF-16 offsets into `text`
 * (`signal.text === text.slice(signal.start, signal.end)`), and signals come sorted by start.
 *
 * @example
 * detectSignals('This is the THIRD time I am writing!!! I will call my lawyer.')
 * // → repeated_contact "THIRD time", exclamation "!!!", threat (legal) "lawyer", …
 */
export function detectSignals(text: string): Signal[] {
  const signals: Signal[] = [];
  const scan = scanText(text, signals);
  for (const detector of COMPILED_DETECTORS) {
    if ((scan.triggers & detector.bit) === 0) continue;
    const already = detector.kind === 'profanity' ? scan.profanitySignals : 0;
    collectPhraseSignals(text, detector, already, signals);
  }
  return signals.sort(byPosition);
}

/**
 * How many words are written in capitals as shouting: words of two or more capital letters,
 * not common acronyms, in a run of two or more such words or alone when four letters or longer.
 *
 * Monotone by design: writing more of a text in capitals never lowers the count, so a model
 * can read it as "more shouting".
 *
 * @example
 * countShoutedWords('I WANT MY MONEY back') // → 4 ("I" alone is not a shouted word)
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
 * Runs every phrase detector, ignoring the key-word prefilter. For tests: the result must
 * equal `detectSignals`, which shows the prefilter never hides a phrase.
 * @internal
 */
export function detectSignalsWithoutPrefilter(text: string): Signal[] {
  const signals: Signal[] = [];
  const scan = scanText(text, signals);
  for (const detector of COMPILED_DETECTORS) {
    const already = detector.kind === 'profanity' ? scan.profanitySignals : 0;
    collectPhraseSignals(text, detector, already, signals);
  }
  return signals.sort(byPosition);
}

// ---------------------------------------------------------------------------------------------
// Phrase detectors: compiled once, run only when the scan saw one of their key words.

interface CompiledDetector {
  kind: SignalKind;
  bit: number;
  regex: RegExp;
  rules: readonly PhraseRule[];
}

const COMPILED_DETECTORS: readonly CompiledDetector[] = PHRASE_DETECTORS.map((detector, i) => ({
  kind: detector.kind,
  bit: 1 << i,
  regex: new RegExp(detector.rules.map((rule) => `(${rule.pattern})`).join('|'), 'gi'),
  rules: detector.rules,
}));

/** The prefilter bit of the first detector of `kind`. */
function bitOf(kind: SignalKind): number {
  return COMPILED_DETECTORS.find((detector) => detector.kind === kind)?.bit ?? 0;
}

const PROFANITY_PHRASE_BIT = bitOf('profanity');
const SARCASM_BIT = bitOf('sarcasm');
const POLICY_BIT = bitOf('policy_dispute');
/** Set on words that may be in `PROFANE_WORDS`: the word is then looked up exactly. */
const PROFANE_WORD_BIT = 1 << 30;

function collectPhraseSignals(
  text: string,
  detector: CompiledDetector,
  already: number,
  out: Signal[],
): void {
  let emitted = already;
  if (emitted >= MAX_SIGNALS_PER_KIND) return;
  // The regexes are shared and stateful (`lastIndex`); every run starts from 0 and runs to
  // the end, and JavaScript never interleaves two runs, so sharing them is safe.
  const regex = detector.regex;
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    let start = match.index;
    let end = start + match[0].length;
    if (end === start) {
      regex.lastIndex = start + 1;
      continue;
    }
    let group = 1;
    while (group < match.length && match[group] === undefined) group++;
    const rule = detector.rules[group - 1];
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
  'not', 'never', 'cannot', 'dont', 'wont', 'cant', 'didnt', 'isnt', 'arent', 'wasnt', 'werent',
  'doesnt', 'havent', 'hasnt', 'shouldnt', 'wouldnt', 'couldnt',
]);

/** Whether the word right before `start` negates what follows ("not going to cancel"). */
function isNegated(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  if (i === start - 1) return false;
  const end = i + 1;
  while (i >= 0 && end - i <= 9 && isAsciiWordChar(text.charCodeAt(i))) i--;
  const word = text.slice(i + 1, end).toLowerCase().replace('’', "'");
  return NEGATIONS.has(word) || word.endsWith("n't");
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}

function isAsciiWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019
  );
}

function byPosition(a: Signal, b: Signal): number {
  return a.start - b.start || a.end - b.end;
}

// ---------------------------------------------------------------------------------------------
// Key-word table: the first six letters of a word, hashed, to the detectors that word can start.
// An open-addressing table of 32-bit hashes, because a hash collision costs only a needless
// regex run, while a Map of strings would cost a string per word.

const KEY_CHARS = 6;
const TABLE_SIZE = 1 << 12;
const TABLE_MASK = TABLE_SIZE - 1;
const tableHashes = new Int32Array(TABLE_SIZE);
const tableBits = new Int32Array(TABLE_SIZE);

/** The hash the scan computes for a word: its first six code units, ASCII lower-cased. */
function hashWord(word: string): number {
  let hash = 0;
  const n = Math.min(word.length, KEY_CHARS);
  for (let i = 0; i < n; i++) hash = (Math.imul(hash, 31) + foldCase(word.charCodeAt(i))) | 0;
  return hash;
}

function foldCase(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  return c === 0x2019 ? 39 : c;
}

function tableSlot(hash: number): number {
  return (hash ^ (hash >>> 13)) & TABLE_MASK;
}

function addKey(word: string, bits: number): void {
  const hash = hashWord(word);
  let slot = tableSlot(hash);
  while (tableBits[slot] !== 0 && tableHashes[slot] !== hash) slot = (slot + 1) & TABLE_MASK;
  tableHashes[slot] = hash;
  tableBits[slot] = (tableBits[slot] ?? 0) | bits;
}

function lookupKey(hash: number): number {
  let slot = tableSlot(hash);
  for (;;) {
    const bits = tableBits[slot] ?? 0;
    if (bits === 0 || tableHashes[slot] === hash) return bits;
    slot = (slot + 1) & TABLE_MASK;
  }
}

for (const detector of PHRASE_DETECTORS) {
  const bit = bitOf(detector.kind);
  for (const key of detector.keys) addKey(key, bit);
}
for (const word of PROFANE_WORDS) addKey(word, PROFANE_WORD_BIT);

// ---------------------------------------------------------------------------------------------
// Acronyms: written in capitals without shouting.

const ACRONYMS = new Set([
  'USA', 'UK', 'EU', 'UN', 'UAE', 'NYC', 'LA', 'SF', 'ID', 'PIN', 'TV', 'PC', 'OK', 'FAQ', 'UPS',
  'DHL', 'USPS', 'TNT', 'DPD', 'ETA', 'ASAP', 'API', 'URL', 'SMS', 'MMS', 'PDF', 'IT', 'CEO', 'HR',
  'GPS', 'USB', 'HDMI', 'LED', 'LCD', 'OLED', 'GB', 'MB', 'KB', 'TB', 'HD', 'UHD', 'NFC', 'SIM',
  'ISP', 'VPN', 'DNS', 'IP', 'WIFI', 'ATM', 'VAT', 'GST', 'AM', 'PM', 'PS', 'NB', 'FYI', 'BTW',
  'TBH', 'IMO', 'IMHO', 'DM', 'PR', 'QR', 'AI', 'CD', 'DVD', 'AC', 'DC', 'NHS', 'BBC', 'CNN',
  'FBI', 'BBB', 'FTC', 'FCC', 'CFPB', 'UTC', 'GMT', 'EST', 'PST', 'CST', 'BST', 'CET', 'RSVP',
  'COD', 'RMA', 'SKU', 'UPC', 'IMEI', 'OTP', 'CVV', 'CVC', 'SSN', 'DOB', 'TOS', 'XL', 'XXL', 'XS',
  'LOL', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII', 'MR', 'MRS', 'MS', 'DR', 'ST',
  'JR', 'SR', 'EE', 'BT', 'HBO', 'ESPN', 'BMW', 'KFC', 'IKEA', 'ASOS', 'AT', 'NA', 'TBC', 'TBD',
  'UX', 'UI', 'IOS', 'OS', 'CPU', 'GPU', 'RAM', 'SSD', 'HDD', 'AWS', 'SQL', 'HTML', 'CSS', 'JSON',
  'CSV', 'XML', 'PDT', 'EDT', 'CDT', 'MDT', 'AEST', 'IST', 'NZ', 'AU', 'CA', 'NY', 'TX', 'FL',
]);
const ACRONYM_HASHES = new Set([...ACRONYMS].map(hashWord));
const MAX_ACRONYM_LENGTH = Math.max(...[...ACRONYMS].map((acronym) => acronym.length));

// ---------------------------------------------------------------------------------------------
// The scan: one pass over the text, char by char, that
// - splits words, hashes their first letters and looks them up in the key-word table,
// - classifies each word as shouted, neutral or lower-case and emits runs of shouting,
// - finds bursts of "!" and "?",
// - emits whole-word profanity.
//
// Words are letters, digits and apostrophes (an apostrophe only after a letter or digit).
// Non-ASCII letters count as letters when they have case; caseless scripts (Arabic, CJK, …)
// separate words. Monotonicity of the shouting count rests on three facts: every character
// that upper-casing changes makes its word lower-case; upper-casing leaves separators as they
// are; and a word's class depends on that word alone. So upper-casing can only turn a
// lower-case word (which breaks a run) into words of any class, which never shortens a run.

/** How one character counts in a word. NEUTRAL: digits, apostrophes and combining marks. */
const CharClass = { SEPARATOR: 0, LOWER: 1, UPPER: 2, NEUTRAL: 3 } as const;

interface ScanResult {
  triggers: number;
  shoutedWords: number;
  exclamations: number;
  profanitySignals: number;
}

function scanText(text: string, out: Signal[] | null): ScanResult {
  const n = text.length;
  let triggers = 0;
  let shoutedWords = 0;
  let exclamations = 0;
  let shoutSignals = 0;
  let exclamationSignals = 0;
  let questionSignals = 0;
  let profanitySignals = 0;

  // the current word
  let wordStart = -1;
  let hash = 0;
  let hashed = 0;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let ascii = true;
  // the current run of shouted words
  let runStart = -1;
  let runEnd = -1;
  let runWords = 0;
  let runLongest = 0;
  // the current burst of "!" and "?"
  let burstStart = -1;
  let burstBangs = 0;
  let burstQuestions = 0;

  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    let cls: number = CharClass.SEPARATOR;
    let width = 1;
    let bangs = 0;
    let questions = 0;

    if (c >= 0 && c < 128) {
      if (c >= 97 && c <= 122) cls = CharClass.LOWER;
      else if (c >= 65 && c <= 90) cls = CharClass.UPPER;
      else if (c >= 48 && c <= 57) cls = CharClass.NEUTRAL;
      else if (c === 39) {
        if (wordStart >= 0) cls = CharClass.NEUTRAL;
      } else if (c === 33) bangs = 1;
      else if (c === 63) questions = 1;
      else if (c === 47) {
        // "/s" marks sarcasm
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next === 115 || next === 83) triggers |= SARCASM_BIT;
      } else if (c === 38) triggers |= POLICY_BIT;
      else if (c === 42 || c === 35 || c === 64 || c === 37 || c === 36) {
        // a symbol inside a word may mask a swear word ("f*ck", "sh#t")
        if (wordStart >= 0) triggers |= PROFANITY_PHRASE_BIT;
      }
    } else if (c >= 128) {
      if (c === 0x2019) {
        if (wordStart >= 0) cls = CharClass.NEUTRAL;
      } else if (c >= 0x300 && c <= 0x36f && c !== 0x345) cls = CharClass.NEUTRAL;
      else if (c === 0xff01) bangs = 1;
      else if (c === 0xff1f) questions = 1;
      else if (c === 0x203c) bangs = 2;
      else if (c === 0x2047) questions = 2;
      else if (c === 0x2048 || c === 0x2049) {
        bangs = 1;
        questions = 1;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low <= 0xdfff) {
          width = 2;
          if (c >= 0xd83c && c <= 0xd83e) {
            // emoji and symbols, none with case
            if (c === 0xd83d) {
              if (low === 0xdc4f) triggers |= SARCASM_BIT;
              else if (low === 0xdd95 && out !== null && profanitySignals < MAX_SIGNALS_PER_KIND) {
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
      if (out !== null) {
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

    if (cls !== CharClass.SEPARATOR) {
      if (wordStart < 0) {
        wordStart = i;
        hash = 0;
        hashed = 0;
        upper = 0;
        lower = 0;
        digits = 0;
        ascii = true;
      }
      if (cls === CharClass.LOWER) lower++;
      else if (cls === CharClass.UPPER) upper++;
      else if (c >= 48 && c <= 57) digits++;
      if (c >= 128) ascii = false;
      if (hashed < KEY_CHARS) {
        hash = (Math.imul(hash, 31) + foldCase(c)) | 0;
        hashed++;
      }
      i += width - 1;
      continue;
    }

    if (wordStart < 0) continue;

    // a word ended at i
    const wordEnd = i;
    const length = wordEnd - wordStart;
    if (out !== null && length >= 2) {
      const bits = lookupKey(hash);
      if (bits !== 0) {
        triggers |= bits;
        if ((bits & PROFANE_WORD_BIT) !== 0 && profanitySignals < MAX_SIGNALS_PER_KIND) {
          const signal = matchProfaneWord(text, wordStart, wordEnd);
          if (signal !== null) {
            out.push(signal);
            profanitySignals++;
          }
        }
      }
    }

    // shouting: lower-case words break a run, neutral words (acronyms, "I", numbers) do not
    if (lower > 0 && !(lower === 1 && upper >= 2 && ascii && text.charCodeAt(wordEnd - 1) === 115)) {
      if (runWords > 0) {
        if (runWords >= 2 || runLongest >= 4) {
          shoutedWords += runWords;
          if (out !== null && shoutSignals < MAX_SIGNALS_PER_KIND) {
            out.push(shoutSignal(text, runStart, runEnd));
            shoutSignals++;
          }
        }
        runWords = 0;
        runLongest = 0;
      }
    } else if (lower === 0 && upper >= 2 && digits === 0 && !isAcronym(text, wordStart, wordEnd, hash, ascii)) {
      if (runWords === 0) runStart = wordStart;
      runEnd = wordEnd;
      runWords++;
      if (upper > runLongest) runLongest = upper;
    }
    wordStart = -1;
  }

  if (runWords >= 2 || (runWords === 1 && runLongest >= 4)) {
    shoutedWords += runWords;
    if (out !== null && shoutSignals < MAX_SIGNALS_PER_KIND) out.push(shoutSignal(text, runStart, runEnd));
  }

  return { triggers, shoutedWords, exclamations, profanitySignals };
}

/** Case of one code point given as a string: LOWER when upper-casing changes it. */
function caseOf(char: string): number {
  if (char.toUpperCase() !== char) return CharClass.LOWER;
  if (char.toLowerCase() !== char) return CharClass.UPPER;
  return CharClass.SEPARATOR;
}

/**
 * Blocks of the BMP with no cased characters, skipped without a case lookup so that long
 * Arabic, Hebrew, Indic, CJK or punctuation-heavy texts stay fast. Only blocks whose every
 * character is unchanged by upper- and lower-casing belong here (a test checks it).
 */
function isCaseless(c: number): boolean {
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

function isAcronym(text: string, start: number, end: number, hash: number, ascii: boolean): boolean {
  if (!ascii || end - start > MAX_ACRONYM_LENGTH || !ACRONYM_HASHES.has(hash)) return false;
  return ACRONYMS.has(text.slice(start, end));
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
