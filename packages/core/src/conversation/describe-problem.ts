import {
  PROBLEM_CATALOGUE,
  PROBLEM_KINDS,
  type ProblemRecord,
} from '../problems/problem-catalogue.js';
import {
  EXPERIENCE_KINDS,
  SIGNAL_CATALOGUE,
  type ProblemKind,
  type SignalKind,
  type SignalRecord,
} from '../signals/signal-catalogue.js';
import { isStopword } from '../text/stopwords.js';
import { clip } from './quote-text.js';
import type { CustomerTurn } from './read-conversation.js';

/*
 * The customer's problem in words an agent can use: for reflecting it back (brief, point 6),
 * for filling suggested replies, and for the supervisor's hand-off. Built from the triggers
 * `analyzeMessage` found, and the customer's own nouns where a trigger names a thing.
 */

type ProblemDescriptionWords = ProblemRecord['description'];
type ExperienceDescription = NonNullable<SignalRecord['experience']>['description'];

/** Problems first by what went wrong, then by the remedy asked for: a refund is often the remedy. */
const PROBLEM_ORDER: readonly ProblemKind[] = [...PROBLEM_KINDS].sort(
  (a, b) => PROBLEM_CATALOGUE[a].description.rank - PROBLEM_CATALOGUE[b].description.rank,
);

function problemWording(kind: ProblemKind): ProblemDescriptionWords {
  return PROBLEM_CATALOGUE[kind].description;
}

/** The wording of a kind in EXPERIENCE_KINDS, which all have one. */
function experienceWording(kind: SignalKind): ExperienceDescription {
  return (SIGNAL_CATALOGUE[kind].experience as NonNullable<SignalRecord['experience']>).description;
}

/** The stems that name each trigger, problems and experiences alike. */
const TRIGGER_STEMS: ReadonlyMap<SignalKind, readonly string[]> = new Map<
  SignalKind,
  readonly string[]
>([
  ...PROBLEM_ORDER.map((k): [SignalKind, readonly string[]] => [k, problemWording(k).stems]),
  ...EXPERIENCE_KINDS.map((k): [SignalKind, readonly string[]] => [k, experienceWording(k).stems]),
]);

/** Words that say how the customer feels or fill a sentence, never what the problem is. */
const GENERIC = new Set(
  (
    'still never nothing nobody anyone someone something anything everything again really ' +
    'please thank thanks help want need like know think said tell told today week month year ' +
    'time times days hours minutes frust annoy angry upset ridic terri horri awful disgu unacc ' +
    'serio worst sorry joke useless pathe stupi idiot fucki fuckin total compl absol literal ' +
    'hello there guys people company service customer support make made getting back give ' +
    'take call send sent even ever first third second last next every where what'
  ).split(' '),
);

const WORDS = /[a-z]+(?:['’][a-z]+)?/g;

/** The stem the checks compare: a word's first five letters. */
function stemOf(word: string): string {
  return word.slice(0, 5);
}

/** The content stems of a text: no function words, no feelings, nothing under four letters. */
function contentStems(text: string, into: Set<string> = new Set()): Set<string> {
  for (const word of text.toLowerCase().match(WORDS) ?? []) {
    if (word.length < 4 || isStopword(word)) continue;
    const stem = stemOf(word);
    if (GENERIC.has(word) || GENERIC.has(stem)) continue;
    into.add(stem);
  }
  return into;
}

/** What the agent's messages are compared with to decide whether the problem was restated. */
export interface ProblemStems {
  /** From the customer's triggers: one of these in the agent's message names the problem. */
  strong: Set<string>;
  /** The customer's other content words: two of these together name it. */
  weak: Set<string>;
}

export function createProblemStems(): ProblemStems {
  return { strong: new Set(), weak: new Set() };
}

/** Adds one customer message's problem words. */
export function addProblemStems(stems: ProblemStems, turn: CustomerTurn): void {
  for (const kind of turn.analysis.triggers) {
    for (const s of TRIGGER_STEMS.get(kind) ?? []) stems.strong.add(s);
  }
  for (const signal of turn.analysis.signals) {
    if (turn.analysis.triggers.includes(signal.kind)) contentStems(signal.text, stems.strong);
  }
  contentStems(turn.text, stems.weak);
}

/** True when the agent's text names the customer's problem: a trigger word, or two of their words. */
export function mentionsProblem(text: string, stems: ProblemStems): boolean {
  let weakHits = 0;
  const seen = new Set<string>();
  for (const word of text.toLowerCase().match(WORDS) ?? []) {
    if (word.length < 3 || isStopword(word)) continue;
    const stem = stemOf(word);
    // Trigger stems are four or five letters: "bill" names "billing", "fault" names "faulty".
    if (stems.strong.has(stem) || stems.strong.has(word.slice(0, 4))) return true;
    if (stems.weak.has(stem) && !seen.has(stem)) {
      seen.add(stem);
      if (++weakHits >= 2) return true;
    }
  }
  return false;
}

/** The customer's problem, worded for replies and for the hand-off. */
export interface ProblemDescription {
  /** Whether any trigger named the problem; when not, the phrasings fall back to "this". */
  known: boolean;
  /** "a delivery problem and repeated contacts" */
  label: string;
  /** "the trouble with your parcel", or undefined when unknown. */
  issue?: string;
  /** What made it worse, worded for "especially ...", "I'm sorry about ... and ...", and a restatement. */
  especially?: string;
  sorry?: string;
  restated?: string;
  /** The customer's own words for it: the evidence of their triggers, without repeats. */
  quotes: string[];
  /** "their money back" */
  wants: string;
  /** A clarifying question about this problem. */
  question: string;
  managerDemanded: boolean;
}

const MAX_QUOTES = 3;
const MAX_QUOTE_LENGTH = 60;

function findNoun(wording: ProblemDescriptionWords, customers: readonly CustomerTurn[]): string {
  if (wording.nouns !== undefined) {
    for (const c of customers) {
      const m = wording.nouns.exec(c.text);
      if (m?.[1] !== undefined) return m[1].toLowerCase();
    }
  }
  return wording.noun;
}

/** "a, b and c" */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Describes the problem the customer's messages (in time order) raise. */
export function describeProblem(customers: readonly CustomerTurn[]): ProblemDescription {
  const kinds = new Set<SignalKind>();
  const quotes: string[] = [];
  let managerDemanded = false;
  for (const c of customers) {
    for (const k of c.analysis.triggers) kinds.add(k);
    for (const s of c.analysis.signals) {
      if (s.kind === 'manager_demand') managerDemanded = true;
      if (!c.analysis.triggers.includes(s.kind) || quotes.length >= MAX_QUOTES) continue;
      const q = clip(s.text, MAX_QUOTE_LENGTH);
      if (!quotes.some((x) => x.toLowerCase() === q.toLowerCase())) quotes.push(q);
    }
  }
  const problem = PROBLEM_ORDER.find((k) => kinds.has(k));
  const experience = EXPERIENCE_KINDS.find((k) => kinds.has(k));
  const labels = [
    ...PROBLEM_ORDER.filter((k) => kinds.has(k)).map((k) => problemWording(k).label),
    ...EXPERIENCE_KINDS.filter((k) => kinds.has(k)).map((k) => experienceWording(k).label),
  ];
  const wording = problem === undefined ? undefined : problemWording(problem);
  const noun = wording === undefined ? '' : findNoun(wording, customers);
  const exp = experience === undefined ? undefined : experienceWording(experience);
  // A refund is the remedy more often than the problem: when both are there, it is what they want.
  const wants = managerDemanded
    ? 'to speak to a manager'
    : kinds.has('refund')
      ? problemWording('refund').wants
      : (wording?.wants.replace('{}', noun) ?? 'the problem fixed');
  return {
    known: wording !== undefined || exp !== undefined,
    label: labels.length > 0 ? joinAnd(labels) : 'a problem not named yet',
    issue: wording?.issue.replace('{}', noun),
    especially: exp?.especially,
    sorry: exp?.sorry,
    restated: exp?.restated,
    quotes,
    wants,
    question:
      wording?.question.replace('{}', noun) ??
      'Could you tell me a bit more about what happened, so I get it right?',
    managerDemanded,
  };
}
