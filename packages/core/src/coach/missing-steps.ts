import { extractCommitments } from '../commitments/extract-commitments.js';
import type { ConversationMessage } from '../conversation/types.js';
import { analyzeMessage, type MessageAnalysis } from '../message/analyze-message.js';
import { detectReplyMoves } from '../reply/detect-reply-moves.js';
import type { ReplyMove, ReplyMoveKind } from '../reply/types.js';
import type { SignalKind } from '../signals/types.js';
import { isStopword } from '../text/stopwords.js';
import { normalise } from './rewrite-spans.js';
import { PROBLEM_TOPICS, TOPICS, TOPIC_ORDER, type Topic } from './topics.js';
import type { MissingStep } from './types.js';

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
    'your yours have just from they them their there then than when will shall does doing'
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

/** The customer's key words, by how often they used them, as stems: for reflection without a trigger. */
function keyWords(texts: readonly string[]): { stems: Set<string>; words: string[] } {
  const counts = new Map<string, { word: string; n: number }>();
  for (const text of texts) {
    for (const w of text.slice(0, 4000).match(WORD) ?? []) {
      const word = normalise(w);
      if (word.length < 4 || GENERIC_WORDS.has(word) || isStopword(word)) continue;
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
  /** Problem and experience triggers, in TOPIC_ORDER. */
  topics: SignalKind[];
  texts: string[];
}

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
  const triggers = new Set<SignalKind>();
  for (const text of picked) {
    const a: MessageAnalysis = analyzeMessage(
      text.length > MAX_ANALYSED ? text.slice(text.length - MAX_ANALYSED) : text,
    );
    temperature = Math.max(temperature, a.temperature);
    if (a.signals.some((s) => s.kind === 'shouting' || s.kind === 'exclamation')) shouted = true;
    for (const t of a.triggers) triggers.add(t);
  }
  return {
    upset: picked.length > 0 && temperature >= upsetTemperature,
    temperature,
    shouted,
    topics: TOPIC_ORDER.filter((k) => triggers.has(k)),
    texts: picked,
  };
}

function earlierSincereApology(conversation: readonly ConversationMessage[]): boolean {
  for (const m of conversation) {
    if (m?.role !== 'agent' || typeof m.text !== 'string') continue;
    if (detectReplyMoves(m.text, { kinds: ['apology'] }).length > 0) return true;
  }
  return false;
}

/** The steps of the practice the draft still needs, in the practice's order. */
export function missingSteps(
  draft: string,
  moves: readonly ReplyMove[],
  customer: CustomerState,
  conversation: readonly ConversationMessage[],
  sentAt: Date,
  timeZone: string,
): MissingStep[] {
  const missing: MissingStep[] = [];
  const has = (kind: ReplyMoveKind): boolean => moves.some((m) => m.kind === kind);
  const problem = customer.upset || customer.topics.length > 0;
  if (!problem) return missing;
  const topic = customer.topics[0] === undefined ? undefined : TOPICS[customer.topics[0]];

  if (customer.upset && !has('acknowledgement')) {
    missing.push({
      step: 'acknowledgement',
      why: `The customer is upset (temperature ${customer.temperature}): name the feeling first, e.g. "I understand how frustrating this is"`,
    });
  }
  if (customer.upset && !has('apology') && !earlierSincereApology(conversation)) {
    const example = `"I'm sorry about ${topic?.sorry ?? 'what happened'}"`;
    missing.push({
      step: 'apology',
      why: has('conditional_apology')
        ? `The apology is conditional: apologise sincerely for what went wrong, e.g. ${example}`
        : `No sincere apology yet: apologise for what went wrong, e.g. ${example}`,
    });
  }
  if (customer.topics.length > 0) {
    const unmentioned = customer.topics.filter((k) => !(TOPICS[k] as Topic).mention.test(draft));
    const problems = customer.topics.filter((k) => PROBLEM_TOPICS.has(k));
    // Every problem must be named; experiences (a long wait) only when there is no problem.
    const gaps =
      problems.length > 0
        ? unmentioned.filter((k) => PROBLEM_TOPICS.has(k))
        : unmentioned.length === customer.topics.length
          ? unmentioned
          : [];
    if (gaps.length > 0) {
      missing.push({
        step: 'reflection',
        why: `Restate the problem so they know you understood: the draft does not mention ${listOf(gaps.map((k) => (TOPICS[k] as Topic).label))}`,
      });
    }
  } else {
    const key = keyWords(customer.texts);
    if (key.words.length > 0 && !mentionsKeyWord(draft, key.stems)) {
      missing.push({
        step: 'reflection',
        why: `Restate the problem in your own words: they wrote about ${listOf(key.words.map((w) => `"${w}"`))}`,
      });
    }
  }
  if (!has('ownership')) {
    missing.push({
      step: 'ownership',
      why: 'Say what you will do yourself, e.g. "I\'ll make sure this is fixed"',
    });
  }
  if (!promisesWithTime(draft, sentAt, timeZone)) {
    missing.push({
      step: 'next_step',
      why: 'Give a concrete next step with a time, e.g. "I\'ll call you back by 3pm today"',
    });
  }
  return missing;
}
