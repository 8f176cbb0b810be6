import { PROBLEM_CATALOGUE, PROBLEM_KINDS } from '../problems/problem-catalogue.js';
import {
  EXPERIENCE_KINDS,
  SIGNAL_CATALOGUE,
  type SignalKind,
} from '../signals/signal-catalogue.js';

/*
 * What a customer complained about, by the triggers `analyzeMessage` finds: for the coach's
 * reflection check and for apologies that name the problem. The words are the problem
 * catalogue's and, for what the customer went through, the signal catalogue's.
 */

/** A complaint topic: how to name it, how to apologise for it, and how to see it mentioned. */
export interface Topic {
  /** For "the draft does not mention ...". */
  label: string;
  /** For "I'm sorry about ...". */
  sorry: string;
  /** Words an agent uses when talking about it. */
  mention: RegExp;
}

/** The order topics are named in. Problems before experiences: what went wrong matters more than how long it took. */
export const TOPIC_ORDER: readonly SignalKind[] = [...PROBLEM_KINDS, ...EXPERIENCE_KINDS];

/** The topics of the triggers `analyzeMessage` finds. */
export const TOPICS: Partial<Record<SignalKind, Topic>> = Object.fromEntries([
  ...PROBLEM_KINDS.map((kind) => [kind, PROBLEM_CATALOGUE[kind].topic]),
  ...EXPERIENCE_KINDS.map((kind) => [kind, SIGNAL_CATALOGUE[kind].experience?.topic]),
]) as Partial<Record<SignalKind, Topic>>;

/** What went wrong, as against how it went (a long wait, not being heard). */
export const PROBLEM_TOPICS: ReadonlySet<SignalKind> = new Set(PROBLEM_KINDS);
