import { extractCommitments } from '../commitments/extract-commitments.js';
import type { ConversationMessage } from '../conversation/types.js';
import { analyzeUpset } from '../message/analyze-message.js';
import { detectReplyMoves } from '../reply/detect-reply-moves.js';
import type { ReplyMove, ReplyMoveKind } from '../reply/types.js';
import type { SignalKind } from '../signals/types.js';
import { isStopword } from '../text/stopwords.js';
import { normalise } from './rewrite-spans.js';
import { PROBLEM_TOPICS, TOPICS, TOPIC_ORDER, type Topic } from './topics.js';
import type { CoachStep, DoneStep, MissingStep } from './types.js';

/*
 * What the draft still needs at this point of the conversation: acknowledgement and apology
 * when the customer is upset; reflection, ownership and a timed next step when they have a
 * problem. A calm customer with no problem needs none of them.
 */

/** Only this many sentences with a time word are read for a promise. */
const MAX_TIME_SENTENCES = 8;
/**
 * Only this much of each customer message goes through the message engine (about a
 * microsecond a character): the end of a pasted log is what the customer said last.
 */
const MAX_ANALYSED = 20_000;

const SENTENCE = /[^.!?\n]+[.!?]*/g;

/** Feelings and fillers: never the topic of a complaint. */
const GENERIC_WORDS = new Set(
  (
    'still never nothing nobody anyone someone something anything everything really please ' +
    'thank thanks help want need like know think said tell told today week month year time ' +
    'times days hours minutes frustrated frustrating annoyed annoying angry upset ridiculous ' +
    'terrible horrible awful disgusting unacceptable seriously worst sorry joke useless pathetic ' +
    'hello guys people company service customer support make made getting give take send sent ' +
    'even ever first third second last next every where what been being would could should ' +
    'again absolutely completely totally literally why fucking damn hell shit this that with ' +
    'your yours have just from they them their there then than when will shall does doing ' +
    'honestly actually basically clearly obviously simply mean right unbelievable'
  ).split(' '),
);
const WORD = /[a-z][a-z'’]*[a-z]/gi;
const STEM = 5;
const MAX_KEY_WORDS = 4;

const TIME_WORD =
  /\b(?:today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|week|month)|next\s+(?:week|month|\w+day)|within|by\s+(?:\d|noon|midday|lunch|the\s+end|end|close|cob|eod|mon|tue|wed|thu|fri|sat|sun)|in\s+(?:\d+|an?|one|two|three|a\s+few|24|48)\s+(?:minutes?|hours?|days?|business|working|weeks?)|hours?|minutes?|\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|asap|shortly|right\s+away|end\s+of\s+(?:the\s+)?(?:day|week)|first\s+thing|\d+\s*-\s*\d+\s+(?:business\s+|working\s+)?days)\b/i;

/**
 * A promise cue: the agent (or the company) saying what will happen. Read with `TIME_WORD` in
 * the same sentence, this is the fast check for a timed next step; `extractCommitments` is the
 * authority on everything else.
 */
const PROMISE_CUE =
  /\b(?:i['’]?ll|i\s+will|we['’]ll|we\s+will|(?:i['’]?m|i\s+am|we['’]re|we\s+are)\s+going\s+to|you(?:['’]ll|\s+will|\s+should)\s+(?:get|receive|hear|see|have)|(?:it|this|that|they|your\s+[\w-]+)\s+(?:will|should|['’]ll)\s+(?:be|arrive|reach|show|appear|go|come|land|get)|expect\s+(?:a|an|it|the|to|them))\b/i;
/** What keeps a sentence with a cue and a time from being a promise. */
const NOT_A_PROMISE =
  /\b(?:can['’]?t|cannot|won['’]?t|will\s+not|not\s+sure|unable|no\s+way|if\s+you\s+(?:want|like|prefer))\b|\?\s*$/i;

/**
 * True when the draft promises something with a time: "I'll call you back within the hour".
 *
 * `extractCommitments` reads times through a date parser, which costs a few hundred
 * microseconds a sentence: more than the whole coach may spend. So a sentence with a promise
 * cue and a time word, and nothing that undoes the promise, counts at once; only sentences
 * with a time word but no clear cue go to `extractCommitments`, which then decides.
 */
function promisesWithTime(draft: string, sentAt: Date, timeZone: string): boolean {
  const unsure: string[] = [];
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(draft); m !== null; m = SENTENCE.exec(draft)) {
    const sentence = m[0];
    if (!TIME_WORD.test(sentence)) continue;
    if (PROMISE_CUE.test(sentence) && !NOT_A_PROMISE.test(sentence)) return true;
    if (unsure.length < MAX_TIME_SENTENCES) unsure.push(sentence);
  }
  for (const sentence of unsure) {
    const found = extractCommitments(sentence, sentAt, { timeZone });
    if (found.some((c) => c.dueKind !== 'default')) return true;
  }
  return false;
}

/**
 * The customer's key words, by how often they used them, as stems: for reflection without a
 * trigger. Never their insults or swearing (`abusive`): those name no problem.
 */
function keyWords(
  texts: readonly string[],
  abusive: ReadonlySet<string>,
): { stems: Set<string>; words: string[] } {
  const counts = new Map<string, { word: string; n: number }>();
  for (const text of texts) {
    for (const w of text.slice(0, 4000).match(WORD) ?? []) {
      const word = normalise(w);
      if (word.length < 4 || GENERIC_WORDS.has(word) || isStopword(word)) continue;
      if (abusive.has(word)) continue;
      const stem = word.slice(0, STEM);
      const c = counts.get(stem);
      if (c === undefined) counts.set(stem, { word, n: 1 });
      else c.n++;
    }
  }
  const top = [...counts.entries()].sort((a, b) => b[1].n - a[1].n).slice(0, MAX_KEY_WORDS);
  return { stems: new Set(top.map(([stem]) => stem)), words: top.map(([, c]) => c.word) };
}

function mentionsKeyWord(draft: string, stems: ReadonlySet<string>): boolean {
  for (const w of draft.slice(0, 20_000).match(WORD) ?? []) {
    if (stems.has(normalise(w).slice(0, STEM))) return true;
  }
  return false;
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] as string}`;
}

/** The customer as the latest messages show them. */
export interface CustomerState {
  upset: boolean;
  temperature: number;
  shouted: boolean;
  /** They insult or swear at the agent: the practice warns, and after a warning stops. */
  attacking: boolean;
  /** The words of their insults and swearing, lower case: never the problem's words. */
  abusiveWords: Set<string>;
  /** Problem and experience triggers, in TOPIC_ORDER. */
  topics: SignalKind[];
  texts: string[];
}

/** Someone the abuse is aimed at: "you idiot", "f*** you". */
const AIMED = /\b(?:you|your|you're|youre|u|ur)\b/i;

/**
 * Reads the customer messages the draft answers: those since the last agent message, at most
 * `recent` (or the last one, when the draft follows up an agent message), each analysed once.
 */
export function readCustomer(
  conversation: readonly ConversationMessage[],
  recent: number,
  upsetTemperature: number,
): CustomerState {
  let lastAgent = -1;
  for (let i = conversation.length - 1; i >= 0; i--) {
    if (conversation[i]?.role === 'agent') {
      lastAgent = i;
      break;
    }
  }
  const picked: string[] = [];
  for (let i = conversation.length - 1; i > lastAgent && picked.length < recent; i--) {
    const m = conversation[i];
    if (m?.role === 'customer' && typeof m.text === 'string') picked.push(m.text);
  }
  if (picked.length === 0) {
    // The draft follows up an agent message: the customer's last word is still what it answers.
    for (let i = lastAgent; i >= 0; i--) {
      const m = conversation[i];
      if (m?.role === 'customer' && typeof m.text === 'string') {
        picked.push(m.text);
        break;
      }
    }
  }
  let temperature = 0;
  let shouted = false;
  let attacking = false;
  const abusiveWords = new Set<string>();
  const triggers = new Set<SignalKind>();
  for (const text of picked) {
    const read = text.length > MAX_ANALYSED ? text.slice(text.length - MAX_ANALYSED) : text;
    // No language guess: the coach reads temperature, signs and triggers only.
    const a = analyzeUpset(read);
    temperature = Math.max(temperature, a.temperature);
    if (a.signals.some((s) => s.kind === 'shouting' || s.kind === 'exclamation')) shouted = true;
    for (const t of a.triggers) triggers.add(t);
    for (const s of a.signals) {
      if (s.kind !== 'insult' && s.kind !== 'profanity') continue;
      for (const w of s.text.match(WORD) ?? []) abusiveWords.add(normalise(w));
      if (s.kind === 'insult' || AIMED.test(read)) attacking = true;
    }
  }
  return {
    upset: picked.length > 0 && temperature >= upsetTemperature,
    temperature,
    shouted,
    attacking,
    abusiveWords,
    topics: TOPIC_ORDER.filter((k) => triggers.has(k)),
    texts: picked,
  };
}

/** Only this many of the latest agent messages are read for the steps they already took. */
const MAX_EARLIER_REPLIES = 20;

/**
 * What the agents' earlier messages already did: a step taken once need not be repeated.
 * Read lazily, latest first, and only as far as a question needs: most drafts take the steps
 * themselves, and then no earlier message is read at all. A text search (`some`) only collects
 * the texts; their moves are detected only when `has` asks, since detection costs far more than
 * a search and most searches end without one.
 */
export class EarlierReplies {
  private readonly found = new Set<ReplyMoveKind>();
  private readonly read: string[] = [];
  /** How many of `read` have had their moves detected (always a prefix). */
  private detected = 0;
  private next: number;

  constructor(private readonly conversation: readonly ConversationMessage[]) {
    this.next = conversation.length - 1;
  }

  /** True when an earlier agent message (of the latest `MAX_EARLIER_REPLIES`) made a move of `kind`. */
  has(kind: ReplyMoveKind): boolean {
    while (!this.found.has(kind)) {
      if (this.detected >= this.read.length && !this.readOne()) break;
      const text = this.read[this.detected++] as string;
      for (const move of detectReplyMoves(text, { kinds: EARLIER_KINDS })) {
        this.found.add(move.kind);
      }
    }
    return this.found.has(kind);
  }

  /** True when `test` holds for an earlier agent message. */
  some(test: (text: string) => boolean): boolean {
    if (this.read.some(test)) return true;
    for (let from = this.read.length; this.readOne(); from++) {
      if (test(this.read[from] as string)) return true;
    }
    return false;
  }

  private readOne(): boolean {
    while (this.next >= 0 && this.read.length < MAX_EARLIER_REPLIES) {
      const m = this.conversation[this.next--];
      if (m?.role !== 'agent' || typeof m.text !== 'string') continue;
      this.read.push(m.text.slice(0, MAX_ANALYSED));
      return true;
    }
    return false;
  }
}

/** Reads the agents' earlier messages for the steps they took, as the draft needs them. */
export function readEarlierReplies(conversation: readonly ConversationMessage[]): EarlierReplies {
  return new EarlierReplies(conversation);
}

/** The steps an earlier message can take for the draft. */
const EARLIER_KINDS: readonly ReplyMoveKind[] = [
  'acknowledgement',
  'apology',
  'ownership',
  'abuse_warning',
];

/** The practice's words for each step, for what the draft does well. */
const DONE_WORDS: Record<CoachStep, string> = {
  acknowledgement: 'Acknowledges their feelings',
  apology: 'Apologises sincerely',
  reflection: 'Restates the problem',
  ownership: 'Takes ownership',
  next_step: 'Gives a next step with a time',
};

/** The same steps, taken in an earlier message. */
const DONE_EARLIER_WORDS: Record<CoachStep, string> = {
  acknowledgement: 'Their feelings were acknowledged in an earlier reply',
  apology: 'An earlier reply apologised sincerely',
  reflection: 'An earlier reply restated the problem',
  ownership: 'An earlier reply took ownership',
  next_step: 'An earlier reply gave a next step with a time',
};

/** What a draft needs and what it already does well. */
export interface StepsReading {
  missing: MissingStep[];
  done: DoneStep[];
}

/** A closing that ends the conversation ("I'm going to close this chat"), not a plain "goodbye". */
function closesConversation(moves: readonly ReplyMove[]): boolean {
  return moves.some((m) => m.kind === 'closing' && !/^good-?\s?bye$/i.test(m.text));
}

/**
 * The steps of the practice the draft still needs, in the practice's order, and those it (or
 * an earlier reply) took.
 *
 * A step an earlier agent message took counts: the customer has heard it. A boundary (a
 * warning about abuse, closing the conversation) or any reply to a customer who keeps attacking
 * after a warning is judged as the practice's stop (brief, point 12): warn, apologise, close;
 * it owes no restatement, ownership or timed next step. A reply that asks the customer a
 * question leaves the next step with them.
 */
export function readSteps(
  draft: string,
  moves: readonly ReplyMove[],
  customer: CustomerState,
  earlier: EarlierReplies,
  sentAt: Date,
  timeZone: string,
): StepsReading {
  const missing: MissingStep[] = [];
  const done: DoneStep[] = [];
  const first = (kind: ReplyMoveKind): ReplyMove | undefined => moves.find((m) => m.kind === kind);
  const took = (step: CoachStep, move: ReplyMove | undefined): boolean => {
    if (move !== undefined) {
      done.push({
        step,
        where: 'draft',
        start: move.start,
        end: move.end,
        text: move.text,
        why: `${DONE_WORDS[step]}: "${move.text}"`,
      });
      return true;
    }
    return false;
  };
  const tookEarlier = (step: CoachStep, yes: boolean): boolean => {
    if (yes) done.push({ step, where: 'conversation', why: DONE_EARLIER_WORDS[step] });
    return yes;
  };
  const acknowledged = took('acknowledgement', first('acknowledgement'));
  const apologised = took('apology', first('apology'));
  const owned = took('ownership', first('ownership'));

  const problem = customer.upset || customer.topics.length > 0;
  if (!problem) return { missing, done: inOrder(done) };
  const topic = customer.topics[0] === undefined ? undefined : TOPICS[customer.topics[0]];
  const boundary =
    first('abuse_warning') !== undefined ||
    closesConversation(moves) ||
    (customer.attacking && earlier.has('abuse_warning'));

  if (
    customer.upset &&
    !boundary &&
    !acknowledged &&
    !tookEarlier('acknowledgement', earlier.has('acknowledgement'))
  ) {
    missing.push({
      step: 'acknowledgement',
      why: first('undone_acknowledgement')
        ? 'The "but" takes the acknowledgement back: name the feeling and stop there, e.g. "I understand how frustrating this is."'
        : `The customer is upset (temperature ${customer.temperature}): name the feeling first, e.g. "I understand how frustrating this is"`,
    });
  }
  const apologyDue = customer.upset && (!boundary || closesConversation(moves));
  if (apologyDue && !apologised && !tookEarlier('apology', earlier.has('apology'))) {
    const example = `"I'm sorry about ${topic?.sorry ?? 'what happened'}"`;
    missing.push({
      step: 'apology',
      why: first('conditional_apology')
        ? `The apology is conditional: apologise sincerely for what went wrong, e.g. ${example}`
        : `No sincere apology yet: apologise for what went wrong, e.g. ${example}`,
    });
  }
  if (boundary) return { missing, done: inOrder(done) };
  const reflection = reflectionGap(draft, customer, earlier);
  if ('missing' in reflection) {
    missing.push({ step: 'reflection', why: reflection.missing });
  } else if (reflection.restated === 'draft') {
    done.push({ step: 'reflection', where: 'draft', why: DONE_WORDS.reflection });
  } else if (reflection.restated === 'earlier') {
    tookEarlier('reflection', true);
  }
  if (!owned && !tookEarlier('ownership', earlier.has('ownership'))) {
    missing.push({
      step: 'ownership',
      why: 'Say what you will do yourself, e.g. "I\'ll make sure this is fixed"',
    });
  }
  const asks = first('clarifying_question') ?? first('fair_question');
  if (promisesWithTime(draft, sentAt, timeZone)) {
    done.push({ step: 'next_step', where: 'draft', why: DONE_WORDS.next_step });
  } else if (asks === undefined) {
    missing.push({
      step: 'next_step',
      why: 'Give a concrete next step with a time, e.g. "I\'ll call you back by 3pm today"',
    });
  }
  return { missing, done: inOrder(done) };
}

const STEP_ORDER: readonly CoachStep[] = [
  'acknowledgement',
  'apology',
  'reflection',
  'ownership',
  'next_step',
];

function inOrder(done: DoneStep[]): DoneStep[] {
  return done.sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step));
}

/**
 * Whether the problem is restated: 'draft' when the draft names it, 'earlier' when an earlier
 * reply did, 'none' when there is nothing to restate, else why it is missing.
 */
function reflectionGap(
  draft: string,
  customer: CustomerState,
  earlier: EarlierReplies,
): { restated: 'draft' | 'earlier' | 'none' } | { missing: string } {
  if (customer.topics.length > 0) {
    const named = (k: SignalKind, text: string): boolean => (TOPICS[k] as Topic).mention.test(text);
    const problems = customer.topics.filter((k) => PROBLEM_TOPICS.has(k));
    // Every problem must be named; experiences (a long wait) only when there is no problem.
    const needed = problems.length > 0 ? problems : customer.topics;
    const gapsIn = (text: string): SignalKind[] => {
      const unmentioned = needed.filter((k) => !named(k, text));
      return problems.length > 0 || unmentioned.length === needed.length ? unmentioned : [];
    };
    const gaps = gapsIn(draft);
    if (gaps.length === 0) return { restated: 'draft' };
    if (earlier.some((text) => gapsIn(text).length === 0)) return { restated: 'earlier' };
    return {
      missing: `Restate the problem so they know you understood: the draft does not mention ${listOf(gaps.map((k) => (TOPICS[k] as Topic).label))}`,
    };
  }
  const key = keyWords(customer.texts, customer.abusiveWords);
  if (key.words.length === 0) return { restated: 'none' };
  if (mentionsKeyWord(draft, key.stems)) return { restated: 'draft' };
  if (earlier.some((t) => mentionsKeyWord(t, key.stems))) return { restated: 'earlier' };
  return {
    missing: `Restate the problem in your own words: they wrote about ${listOf(key.words.map((w) => `"${w}"`))}`,
  };
}
