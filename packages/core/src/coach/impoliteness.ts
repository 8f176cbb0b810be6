/*
 * A hand-written, rule-based impoliteness score for requests and replies.
 *
 * The rules are the general politeness strategies of the linguistics literature (Brown and
 * Levinson's face-saving strategies, as operationalised by Danescu-Niculescu-Mizil et al. 2013,
 * "A computational approach to politeness"), not words of any one community or topic:
 *
 * - Polite: gratitude ("thanks", "I appreciate"), deference ("good question"), greetings,
 *   apologising ("sorry", "excuse me"), "please" inside the sentence, indirect requests
 *   ("could you", "would you"), the request put as a question ("Can you...?", conventional
 *   indirectness, Blum-Kulka 1987), a yes/no question rather than a "wh" one (Brown and
 *   Levinson's "question, hedge"), hedges ("I think", "perhaps", "maybe", "I wonder"), the
 *   subjunctive ("would", "could"), first-person plural ("we", "let's"), "by the way",
 *   starting with "I" (speaking for oneself).
 * - Impolite: direct questions ("why ...?", "what ...?"), a "why" anywhere in a question,
 *   clipped questions ("What for?"), negative questions that assert ("Don't you think...?",
 *   Heritage 2002), pressing words in a question ("what exactly", "on earth", "really"),
 *   challenging the other's words ("what do you mean", "you claim"), imperatives and "please"
 *   at the start ("Please fix it"), starting with "you" or with "so"/"and"/"but", a scoff
 *   ("wow", "ugh"), factuality and emphasis ("actually", "in fact", "obviously", "seriously",
 *   "really?"), negative words, insults and profanity, repeated question or exclamation marks,
 *   capitals.
 *
 * Two general terms complete them: the negative and positive valence of a general sentiment
 * lexicon (AFINN, shipped with the `sentiment` package), and length (politeness costs words:
 * the shortest requests are the bluntest).
 *
 * Every rule adds a hand-set weight (log-odds); the sum plus a bias goes through a logistic
 * function. Weights are round numbers following the direction and rough order of strength each
 * strategy has in the literature (gratitude and deference strongest, then "by the way",
 * "please", counterfactual modals and greetings; hedges, "we" and "I" weak; "why", direct
 * starts, factuality and "you" first the clearest impolite ones). No weight is fitted to any
 * labelled corpus and no word list is mined from one.
 *
 * Measured, not trained: on the Stanford Politeness Corpus' Stack Exchange requests (top vs
 * bottom quartile, 3,302 requests) the score separates impolite from polite with ROC AUC 0.70
 * (0.70 on each half of the set), against 0.58 for VADER and 0.57 for AFINN used as
 * "negative = impolite". That corpus's licence allows measuring and designing rules with it,
 * so which strategies are here, and how each is spelled as a pattern, was checked against it:
 * the figure is that of a design set, not of unseen data. For scale, a bag-of-words logistic
 * regression trained on half of the same set scores only 0.67 to 0.71 on the other half: the
 * quartiles are far apart in the crowd's score but close in wording, and what is left mostly
 * lies in what a request is about, which rules of form cannot see and this module must not
 * learn.
 */

import { LexiconCounter } from '../model/lexicon.js';
import { TokenBuffer, TokenKind, tokenizeInto } from '../text/tokenize.js';

/** One strategy: where it may apply and what it is worth in log-odds of impoliteness. */
interface Strategy {
  id: string;
  /** What the cue is, for a person: "a blunt \"why\" question". */
  label: string;
  pattern: RegExp;
  /** Positive: impolite; negative: polite. */
  weight: number;
  /** Count every occurrence up to this many (default 1: present or not). */
  cap?: number;
}

const AP = `['’]`;

/** Where a sentence starts: the text's start, or after end punctuation or a line break. */
const START = String.raw`(?:^|[.!?\n]|[:;](?=\s))[\s"'“(\-]*(?:@[\w.-]+[\s,:]*)?`;

/** Not where `START` (and a "so", "and", "but" or "then" after it) would put a word. */
const NOT_AT_START = String.raw`(?<!(?:^|[.!?\n]|[:;]\s)[\s"'“(\-]*(?:@[\w.-]+[\s,:]*)?(?:(?:so|and|but|then)\s+)?)`;

/** Common verbs in the base form that, first in a sentence, give an order. */
const IMPERATIVE_VERBS =
  'do|don' +
  AP +
  '?t|stop|read|look|check|see|try|go|give|tell|explain|show|fix|make|use|add|remove|' +
  'put|get|take|answer|provide|learn|search|consider|note|keep|leave|post|write|move|change|' +
  'edit|clarify|send|call|stay|wait|calm|relax|listen|be|just|quit|refer|include|describe|ask|' +
  'state|define|specify|format|update|paste|follow|think|imagine|understand|realize|realise';

const rx = (source: string): RegExp => new RegExp(source, 'gi');

const STRATEGIES: readonly Strategy[] = [
  // --- polite strategies -------------------------------------------------------------------
  {
    id: 'gratitude',
    label: 'thanks',
    weight: -1.5,
    pattern: rx(String.raw`\b(?:thanks?|thank\s+you|thx|ty|appreciated?|grateful|cheers)\b`),
  },
  {
    id: 'deference',
    label: 'praise for the other person',
    weight: -1.0,
    pattern: rx(
      String.raw`\b(?:good|great|nice|excellent|interesting|fair|valid)\s+(?:question|point|idea|answer|work|catch|job|suggestion)\b|\byou${AP}re\s+(?:right|correct)\b`,
    ),
  },
  {
    id: 'greeting',
    label: 'a greeting',
    weight: -0.8,
    pattern: rx(
      String.raw`${START}(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|welcome)\b`,
    ),
  },
  {
    id: 'apologising',
    label: 'an apology',
    weight: -0.6,
    pattern: rx(
      String.raw`\b(?:sorry|apologi[sz]e|apologies|excuse\s+me|forgive\s+me|pardon|my\s+bad|i${AP}m\s+afraid)\b`,
    ),
  },
  {
    id: 'please-inside',
    label: '"please"',
    weight: -0.7,
    pattern: rx(String.raw`(?<=\w[\s,]{1,3})please\b`),
  },
  {
    id: 'indirect-request',
    label: 'an indirect request ("could you")',
    weight: -0.7,
    pattern: rx(
      String.raw`(?<!\bwhy\s+)\b(?:could|would|might)\s+(?:you|we|i|it|that|this|one)\b|\bwould\s+you\s+mind\b|\bdo\s+you\s+mind\b|\bif\s+you\s+(?:don${AP}?t|do\s+not)\s+mind\b`,
    ),
  },
  {
    id: 'can-you',
    label: '"can you"',
    weight: -0.3,
    pattern: rx(String.raw`\b(?:can|will)\s+you\b`),
  },
  {
    // Conventional indirectness: the request put as a question about the other's ability or
    // willingness ("Can you...?", "Would you...?") is the politest usual request form.
    id: 'request-as-question',
    label: 'a request put as a question ("Can you...?")',
    weight: -0.4,
    pattern: rx(
      String.raw`${START}(?:can|could|would|will|may|might)\s+(?:you|we|i|someone|anyone|somebody)\b`,
    ),
  },
  {
    // Brown and Levinson's "question, hedge": a yes/no question leaves the other an easy
    // answer, where a "wh" question demands one.
    id: 'yes-no-question',
    label: 'a yes/no question',
    weight: -0.3,
    pattern: rx(
      String.raw`${START}(?:do|does|did|is|are|was|were|have|has|am|should|shall)\s[^.!?\n]*\?`,
    ),
  },
  {
    id: 'hedge',
    label: 'a hedge ("I think", "perhaps")',
    weight: -0.3,
    cap: 2,
    pattern: rx(
      String.raw`\b(?:i\s+(?:think|suppose|guess|believe|assume|suspect|feel|wonder|was\s+wondering|am\s+wondering|${AP}m\s+wondering|imagine)|perhaps|maybe|possibly|probably|presumably|apparently|seems?|seemingly|somewhat|sort\s+of|kind\s+of|a\s+bit|a\s+little|i${AP}m\s+not\s+sure|not\s+sure\s+(?:if|whether)|if\s+i\s+understand|as\s+far\s+as\s+i\s+(?:know|can\s+tell)|in\s+my\s+(?:opinion|view|experience)|i\s+suggest|i\s+would\s+suggest|i${AP}d\s+suggest)\b`,
    ),
  },
  {
    id: 'subjunctive',
    label: '"would" or "could"',
    weight: -0.3,
    pattern: rx(String.raw`(?<!\bwhy\s+)\b(?:would|could|might)\b|\b(?:i|we|you)${AP}d\b`),
  },
  {
    id: 'first-person-plural',
    label: '"we"',
    weight: -0.2,
    pattern: rx(String.raw`\b(?:we|us|our|ours|let${AP}s)\b`),
  },
  {
    id: 'first-person-start',
    label: 'speaking for yourself ("I ...")',
    weight: -0.2,
    pattern: rx(String.raw`${START}i(?:\s|${AP})`),
  },
  {
    id: 'by-the-way',
    label: '"by the way"',
    weight: -0.8,
    pattern: rx(
      String.raw`\b(?:by\s+the\s+way|btw|out\s+of\s+curiosity|just\s+curious|incidentally)\b`,
    ),
  },
  {
    id: 'positive-words',
    label: 'warm words',
    weight: -0.3,
    cap: 2,
    pattern: rx(
      String.raw`\b(?:helpful|kind|kindly|happy|glad|love|lovely|wonderful|awesome|excellent|brilliant|nice|neat|cool|welcome|pleasure|hope|hopefully|appreciate|enjoy)\b`,
    ),
  },
  {
    id: 'smiley',
    label: 'a smiley',
    weight: -0.6,
    pattern: rx(String.raw`(?:^|\s)[:;=]-?[)D]|\(:|🙂|😊|😀|😄|:-?p\b`),
  },

  // --- impolite strategies -----------------------------------------------------------------
  {
    id: 'direct-why',
    label: 'a blunt "why" question',
    weight: 1.5,
    pattern: rx(
      String.raw`${START}(?:so\s+|and\s+|but\s+|then\s+)?why\b|\bwhy\s+(?:on\s+earth|the\s+hell|would\s+(?:you|anyone)|do\s+you|did\s+you|are\s+you|don${AP}?t\s+you|not)\b`,
    ),
  },
  {
    // Asking for reasons puts the other on the defensive even when the "why" comes late
    // ("Any reason why?"); a "why" opening the sentence is `direct-why`.
    id: 'why-question',
    label: 'a "why" question',
    weight: 0.6,
    pattern: rx(String.raw`${NOT_AT_START}\bwhy\b(?=[^.!?\n]{0,200}\?)`),
  },
  {
    id: 'direct-question',
    label: 'a blunt question',
    weight: 0.6,
    pattern: rx(
      String.raw`${START}(?:so\s+|and\s+|but\s+)?(?:what|who|where|which|how|when)\b(?!\s+(?:about|if)\b)`,
    ),
  },
  {
    id: 'what-alone',
    label: 'a bare "what?"',
    weight: 0.8,
    pattern: rx(String.raw`${START}(?:what|huh|eh)\s*\?`),
  },
  {
    // "Downvotes? What for?": a question clipped to a word or two reads as a retort.
    id: 'clipped-question',
    label: 'a clipped question ("What for?")',
    weight: 0.4,
    pattern: rx(String.raw`${START}(?<![\w@.-])[\w'’*-]+(?:[ ,]+[\w'’*-]+)?\s*\?`),
  },
  {
    // Heritage 2002: a negative question ("Don't you think...?") asserts more than it asks.
    id: 'negative-question',
    label: 'a loaded question ("don\'t you...?")',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:don|doesn|didn|isn|aren|can|won|wouldn|shouldn|haven|hasn|wasn)${AP}?t\s+(?:you|anyone|anybody)\b`,
    ),
  },
  {
    id: 'pressing-question',
    label: 'pressing ("what exactly", "on earth")',
    weight: 0.5,
    pattern: rx(
      String.raw`\b(?:on\s+earth|in\s+the\s+world|the\s+hell|the\s+heck|exactly|really|even)\b(?=[^.!?\n]{0,200}\?)`,
    ),
  },
  {
    // Challenging their words ("What do you mean...?", "You claim...") sets up a correction.
    // A plain "You said..." is left alone: restating the other's words is good listening.
    id: 'quoting-back',
    label: 'challenging their words ("what do you mean")',
    weight: 0.4,
    pattern: rx(
      String.raw`\byou\s+(?:claim|claimed|claiming)\b|\bwhat\s+do\s+you\s+mean\b|\bwho\s+(?:said|says)\b`,
    ),
  },
  {
    id: 'you-start',
    label: 'starting with "you"',
    weight: 0.7,
    pattern: rx(String.raw`${START}(?:you|you${AP}re|you${AP}ve|you${AP}ll|you${AP}d|u)\b`),
  },
  {
    id: 'direct-start',
    label: 'starting with "so", "and" or "but"',
    weight: 0.5,
    pattern: rx(String.raw`${START}(?:so|and|but|or|then|well|ok|okay)\b[\s,]`),
  },
  {
    id: 'incredulity',
    label: 'a sigh or a scoff ("wow", "ugh", "hmm")',
    weight: 0.5,
    pattern: rx(String.raw`${START}(?:wow|ugh|huh|meh|geez|jeez|gosh|sheesh|um+|uh+|hmm+)\b`),
  },
  {
    id: 'please-start',
    label: '"please" as an order',
    weight: 0.4,
    pattern: rx(String.raw`${START}please\b`),
  },
  {
    id: 'imperative',
    label: 'an order',
    weight: 0.5,
    pattern: rx(String.raw`${START}(?:${IMPERATIVE_VERBS})\b(?!\s+(?:you|curious)\b)`),
  },
  {
    id: 'factuality',
    label: '"actually", "obviously" or "of course"',
    weight: 0.6,
    pattern: rx(
      String.raw`\b(?:actually|in\s+fact|the\s+fact\s+is|the\s+point\s+is|the\s+reality\s+is|the\s+truth\s+is|obviously|clearly|of\s+course|simply|surely|honestly|frankly|literally|at\s+all|whatsoever)\b`,
    ),
  },
  {
    id: 'emphasis',
    label: '"seriously" or "really?"',
    weight: 1.0,
    pattern: rx(
      String.raw`\breally\s*\?|\b(?:seriously|are\s+you\s+(?:serious|kidding|joking)|you\s+(?:must\s+be|are)\s+kidding|come\s+on|for\s+(?:god|heaven|pete)${AP}?s\s+sake|what\s+the\s+(?:hell|heck|fuck|f)|wtf|omg|ffs|duh|sigh)\b`,
    ),
  },
  {
    id: 'negative-words',
    label: 'negative words',
    weight: 0.5,
    cap: 3,
    pattern: rx(
      String.raw`\b(?:wrong|bad|badly|stupid|dumb|silly|useless|pointless|nonsense|ridiculous|absurd|terrible|awful|horrible|worst|hate|annoying|lazy|crap|crappy|garbage|rubbish|junk|lame|ugly|fail(?:s|ed)?|mess|broken|confusing|unclear|vague|incomplete|unnecessary|unnecessarily|irrelevant|meaningless|waste|wtf|idiot\w*|moron\w*|fool\w*|incompetent|clueless|insane|crazy|sucks?|damn|hell|shit\w*|fuck\w*)\b`,
    ),
  },
  {
    id: 'negation',
    label: 'negations',
    weight: 0.3,
    cap: 2,
    pattern: rx(
      String.raw`\b(?:not|no|never|nobody|nothing|nowhere|isn${AP}?t|aren${AP}?t|wasn${AP}?t|doesn${AP}?t|don${AP}?t|didn${AP}?t|can${AP}?t|cannot|won${AP}?t|haven${AP}?t|shouldn${AP}?t)\b`,
    ),
  },
  {
    id: 'should-must',
    label: '"you should" or "you must"',
    weight: 0.4,
    pattern: rx(
      String.raw`\byou\s+(?:should|must|need\s+to|have\s+to|ought\s+to)\b|\bshould(?:\s+have|${AP}ve)\b`,
    ),
  },
  {
    id: 'question-burst',
    label: '"??" or "?!"',
    weight: 0.8,
    pattern: rx(String.raw`\?\s*\?|\?\s*!|!\s*\?`),
  },
  { id: 'exclamation-burst', label: '"!!"', weight: 0.6, pattern: rx(String.raw`!\s*!`) },
  { id: 'capitals', label: 'capitals', weight: 0.6, pattern: /\b[A-Z]{4,}\b/g },
  {
    id: 'ellipsis-question',
    label: '"...?"',
    weight: 0.4,
    pattern: rx(String.raw`(?:\.{3,}|…)\s*\?|\?\s*(?:\.{3,}|…)`),
  },
  {
    id: 'any-effort',
    label: 'doubting their effort ("did you even")',
    weight: 0.8,
    pattern: rx(
      String.raw`\b(?:any|your\s+own)\s+effort\b|\b(?:did|do|have|can${AP}?t|could\s*n${AP}?t)\s+you\s+(?:even|actually|bother|bothered)\b`,
    ),
  },
];

/** The bias: a request with none of the strategies sits just below the middle. */
const BIAS = 0.2;
/**
 * Politeness costs words (Brown and Levinson): the shortest requests are the bluntest. Up to
 * this many words below `FULL_WORDS`, each missing word adds `PER_MISSING_WORD`.
 */
const FULL_WORDS = 30;
const PER_MISSING_WORD = 0.03;
/** Negative words of a general sentiment lexicon (AFINN), per point of negative valence. */
const NEGATIVE_VALENCE = 0.12;
const NEGATIVE_VALENCE_CAP = 12;
/** Positive words, per point of positive valence. */
const POSITIVE_VALENCE = -0.08;
const POSITIVE_VALENCE_CAP = 10;

// Working buffers, reused: JavaScript runs one call at a time and nothing returned points here.
const scratchTokens = new TokenBuffer();

/** Where the first occurrence of the last pattern counted by `countMatches` lies. */
const firstMatch = { start: 0, end: 0 };

function countMatches(pattern: RegExp, text: string, cap: number): number {
  pattern.lastIndex = 0;
  let n = 0;
  for (let m = pattern.exec(text); m !== null && n < cap; m = pattern.exec(text)) {
    if (n === 0) {
      firstMatch.start = m.index;
      firstMatch.end = m.index + m[0].length;
    }
    n++;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return n;
}

/** What a sentence-start rule takes in before the words: the last sentence's end, "@name:". */
const LEAD_IN = /[.!?\n:;]?[\s"'“(-]*(?:@[\w.-]+[\s,:]*)?/y;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Narrows a match to what a person would underline: the words, without the lead-in a
 * sentence-start rule needs; a match of punctuation only ("??", " :)") keeps its marks.
 */
function underline(text: string, start: number, end: number): [number, number] {
  LEAD_IN.lastIndex = start;
  const lead = LEAD_IN.exec(text);
  let s = start;
  if (lead !== null && HAS_WORD.test(text.slice(start + lead[0].length, end))) {
    s = start + lead[0].length;
  }
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return [s, e];
}

/** Only the first part of a huge text is read: politeness shows in how a message opens and asks. */
const MAX_READ = 4000;

/** A strategy at least this rude is a clear cue on its own (negations alone are not). */
const CLEAR_CUE = 0.5;

/** Every clear impolite strategy in one pattern, for a quick look before a full score. */
const ANY_IMPOLITE = new RegExp(
  STRATEGIES.filter((s) => s.weight >= CLEAR_CUE && s.pattern.flags.includes('i'))
    .map((s) => s.pattern.source)
    .join('|'),
  'i',
);

/**
 * True when the text shows at least one clear impolite strategy (a blunt "why", an order,
 * "you" first, emphasis, negative words...; not capitals, not a mere "not"): a quick test, one
 * pass, before scoring in full.
 *
 * @example
 * hasImpoliteCue('Thanks, I will check.');    // false
 * hasImpoliteCue('Why did you not check?');   // true
 */
export function hasImpoliteCue(text: string): boolean {
  if (typeof text !== 'string') throw new TypeError('hasImpoliteCue expects a string');
  return ANY_IMPOLITE.test(text.length > MAX_READ ? text.slice(0, MAX_READ) : text);
}

/** One strategy found in a text, for explaining a score. */
export interface ImpolitenessCue {
  /** Stable id, e.g. "direct-why". */
  id: string;
  /** For a person, e.g. 'a blunt "why" question'. */
  label: string;
  /** Log-odds added: positive makes the text ruder, negative politer. */
  weight: number;
  /**
   * Where the words of the strategy's first occurrence lie in the text, as UTF-16 offsets
   * (`end` exclusive), without the sentence's lead-in (spaces, a quote, "@name:"); always
   * inside the first 4,000 characters, which are all that is read.
   */
  start: number;
  /** End of the span, exclusive; `end > start`. */
  end: number;
}

/** A score with the strategies behind it. */
export interface ImpolitenessExplanation {
  /** 0 (polite) to 1 (impolite); the same as `impoliteness(text)`. */
  score: number;
  /** The strategies found, strongest first. Length and lexicon terms are not listed. */
  cues: ImpolitenessCue[];
}

/**
 * Scores a text like `impoliteness` and says which strategies moved the score.
 *
 * @example
 * const text = 'Why would you do that? Read the manual.';
 * explainImpoliteness(text).cues.map((c) => [c.id, text.slice(c.start, c.end)]);
 * // [['direct-why', 'Why'], ['imperative', 'Read']]
 */
export function explainImpoliteness(text: string): ImpolitenessExplanation {
  if (typeof text !== 'string') throw new TypeError('explainImpoliteness expects a string');
  const cues: ImpolitenessCue[] = [];
  const score = scoreText(text, cues);
  cues.sort((a, b) => b.weight - a.weight);
  return { score, cues };
}

/**
 * How impolite a request or reply reads, from 0 (polite) to 1 (impolite), by hand-written rules
 * for the politeness strategies of the literature: gratitude, greetings, apologies, "please",
 * indirect requests ("could you"), hedges and first-person plural make it politer; direct
 * "why" questions, orders, starting with "you", emphasis ("seriously", "really?") and negative
 * words make it ruder. Never throws for a string; reads at most the first 4,000 characters.
 *
 * @example
 * impoliteness('Hi, could you please tell me when it ships? Thanks!'); // low, about 0.03
 * impoliteness('Why would you do that? Read the manual.');           // high, about 0.95
 */
export function impoliteness(text: string): number {
  if (typeof text !== 'string') throw new TypeError('impoliteness expects a string');
  return scoreText(text, undefined);
}

function scoreText(text: string, cues: ImpolitenessCue[] | undefined): number {
  const t = text.length > MAX_READ ? text.slice(0, MAX_READ) : text;
  let z = BIAS;
  for (const s of STRATEGIES) {
    const n = countMatches(s.pattern, t, s.cap ?? 1);
    if (n === 0) continue;
    z += s.weight * n;
    if (cues !== undefined) {
      const [start, end] = underline(t, firstMatch.start, firstMatch.end);
      cues.push({ id: s.id, label: s.label, weight: s.weight * n, start, end });
    }
  }
  const tokens = tokenizeInto(t, scratchTokens);
  const lexicon = new LexiconCounter();
  let words = 0;
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kinds[i] === TokenKind.WORD) words++;
    lexicon.add(tokens.hashes[i] as number);
  }
  z += NEGATIVE_VALENCE * Math.min(lexicon.negative, NEGATIVE_VALENCE_CAP);
  z += POSITIVE_VALENCE * Math.min(lexicon.positive, POSITIVE_VALENCE_CAP);
  z += PER_MISSING_WORD * Math.max(0, FULL_WORDS - words);
  return 1 / (1 + Math.exp(-z));
}
