/*
 * Every kind of signal, one record each: what the web app calls it, its colour group, what the
 * model and the temperature make of it, and how the coach, the problem description and goodwill
 * name it. A kind's record is the one place to describe it; `SignalKind` is the catalogue's keys,
 * and every other per-kind table in core is read off it.
 *
 * This module imports nothing, so the web app's first page can read the labels and groups
 * without the model (`@calmdesk/core/signal-catalogue`). A kind that is a problem (group
 * `problem`) also has a record in `problems/problem-catalogue.ts`, checked by the compiler.
 */

/**
 * How the customer writes, what they have been through, or what went wrong.
 *
 * @example const group: SignalGroup = 'intensity'; // shouting, threats, insults...
 */
export type SignalGroup = 'intensity' | 'trigger' | 'problem';

/**
 * Threat sub-kinds, so a supervisor sees at once whether it is legal, financial or public.
 *
 * @example const threat: ThreatKind = 'legal'; // "I'll call my lawyer"
 */
export type ThreatKind =
  'cancel' | 'competitor' | 'legal' | 'chargeback' | 'review' | 'social' | 'regulator';

/**
 * One phrasing of a phrase rule: the key words that must be in the text before it is worth
 * running, and its pattern (see `phrase-rules.ts` for the invariants both must keep).
 *
 * @example const p: Phrasing = { keys: ['thanks'], pattern: String.raw`thanks\s+for\s+nothing` };
 */
export interface Phrasing {
  /** Groups of key words: each group is a space-separated list, and every group must be seen. */
  keys: readonly string[];
  pattern: string;
}

/**
 * A rule that finds a signal by its phrasings, with the one line an agent reads about it.
 *
 * @example
 * const rule: PhraseRule = {
 *   explanation: 'Thanks them for nothing',
 *   phrasings: [{ keys: ['thanks'], pattern: String.raw`thanks\s+for\s+nothing` }],
 * };
 */
export interface PhraseRule {
  explanation: string;
  threat?: ThreatKind;
  /** Skip the match when the word just before it is "not", "never" or ends in "n't". */
  negatable?: boolean;
  /**
   * Keep the match only when the message shows another sign of trouble (any signal but
   * shouting, exclamation marks or another match of such a rule): "Fantastic service as
   * always" is praise on its own and sarcasm beside a complaint.
   */
  withTrouble?: boolean;
  phrasings: readonly Phrasing[];
}

/**
 * How the coach, the problem description and goodwill name a trigger that says what the
 * customer went through (a long wait, a broken promise), as against what went wrong.
 *
 * @example SIGNAL_CATALOGUE.long_wait.experience?.topic.sorry // 'the long wait'
 */
export interface ExperienceWording {
  /** Where it comes when several are named: coach topics, descriptions, goodwill's reasons. */
  rank: number;
  /** The coach's words: "the draft does not mention {label}", "I'm sorry about {sorry}". */
  topic: {
    label: string;
    sorry: string;
    /** Words an agent uses when talking about it. */
    mention: RegExp;
  };
  /** The problem description's words (the playbook's restatement and the hand-off). */
  description: {
    label: string;
    /** After "especially": how it made things worse. */
    especially: string;
    /** After "I'm sorry about ... and": what to apologise for. */
    sorry: string;
    /** A clause restating it. */
    restated: string;
    /** Word stems an agent's message uses when it talks about it. */
    stems: readonly string[];
  };
  /** What it adds to goodwill's severity, and how goodwill's reason names it. */
  goodwill: { weight: number; words: string };
}

/**
 * Everything core knows about one kind of signal.
 *
 * @example SIGNAL_CATALOGUE.threat.heat // 0.35
 */
export interface SignalRecord {
  /** What the web app shows, e.g. "Personal attack". */
  label: string;
  group: SignalGroup;
  /** The model's dense feature for it; the kind itself unless set. */
  feature?: string;
  /** The dense feature counts this of the scan's counts, not the kind's signals. */
  counted?: 'shoutedWords' | 'exclamations';
  /** Training keeps the feature's weight at zero or above. */
  monotone?: boolean;
  /** The words inside its signals are left out of the bag of words: the feature stands for them. */
  masked?: boolean;
  /** The chance it adds to the upset probability on its own (see `signalEvidence`). */
  evidence?: number;
  /** The chance each occurrence adds to the abuse probability (see `combineAbuse`). */
  abuse?: number;
  /** The share of the remaining distance to 100 one occurrence closes in the temperature. */
  heat?: number;
  /** Listed in a message's `triggers`: what the customer went through or what went wrong. */
  trigger?: boolean;
  /** For triggers of experience: how the coach, the description and goodwill name it. */
  experience?: ExperienceWording;
  /**
   * Phrase rules that find it, for a kind whose rules live here; the kinds below have theirs in
   * `phrase-rules.ts`, and shouting, exclamations and question bursts are counted by the scan.
   */
  rules?: readonly PhraseRule[];
}

const CATALOGUE = {
  // intensity: how the customer writes
  shouting: {
    label: 'Shouting',
    group: 'intensity',
    feature: 'shouted_words',
    counted: 'shoutedWords',
    monotone: true,
  },
  exclamation: {
    label: 'Exclamation marks',
    group: 'intensity',
    feature: 'exclamations',
    counted: 'exclamations',
    monotone: true,
  },
  question_burst: {
    label: 'Burst of questions',
    group: 'intensity',
    monotone: true,
    heat: 0.05,
  },
  profanity: {
    label: 'Swearing',
    group: 'intensity',
    monotone: true,
    masked: true,
    abuse: 0.15,
    heat: 0.12,
  },
  insult: {
    label: 'Personal attack',
    group: 'intensity',
    monotone: true,
    masked: true,
    evidence: 0.5,
    abuse: 0.6,
    heat: 0.35,
  },
  threat: {
    label: 'Threat',
    group: 'intensity',
    monotone: true,
    masked: true,
    evidence: 0.5,
    heat: 0.35,
  },
  manager_demand: {
    label: 'Asks for a manager',
    group: 'intensity',
    monotone: true,
    evidence: 0.4,
    heat: 0.25,
  },
  // triggers from the practice: what the customer has been through
  repeated_contact: {
    label: 'Repeated contact',
    group: 'trigger',
    evidence: 0.35,
    heat: 0.1,
    trigger: true,
    experience: {
      rank: 2,
      topic: {
        label: 'having to contact us again',
        sorry: 'you having to contact us again',
        mention:
          /\b(?:again|(?:several|many|multiple|two|three|four)\s+times|chas\w*|repeat\w*|contact(?:ed|ing)\s+us)\b/i,
      },
      description: {
        label: 'repeated contacts',
        especially: 'after contacting us more than once',
        sorry: 'having to contact us again',
        restated: "you've had to contact us more than once",
        stems: ['conta', 'chase', 'chasi', 'repea', 'times'],
      },
      goodwill: { weight: 0.1, words: 'repeated contact' },
    },
  },
  long_wait: {
    label: 'Long wait',
    group: 'trigger',
    evidence: 0.25,
    trigger: true,
    experience: {
      rank: 3,
      topic: {
        label: 'the long wait',
        sorry: 'the long wait',
        mention: /\b(?:wait\w*|delay\w*|so\s+long|too\s+long|on\s+hold|weeks?|days)\b/i,
      },
      description: {
        label: 'a long wait',
        especially: 'after waiting so long',
        sorry: 'the long wait',
        restated: "you've been waiting far too long",
        stems: ['wait', 'waite', 'waiti', 'delay', 'hold'],
      },
      goodwill: { weight: 0.05, words: 'a long wait' },
    },
  },
  not_heard: {
    label: 'Not heard',
    group: 'trigger',
    evidence: 0.3,
    heat: 0.1,
    trigger: true,
    experience: {
      rank: 4,
      topic: {
        label: 'not being listened to',
        sorry: 'not being listened to',
        mention: /\b(?:listen\w*|heard|ignor\w*|answer\w*|respon\w*|repl(?:y|ied|ies))\b/i,
      },
      description: {
        label: 'not being heard',
        especially: "when you haven't felt listened to",
        sorry: 'not being listened to',
        restated: "you haven't felt listened to",
        stems: ['liste', 'heard', 'ignor', 'answe', 'respo', 'reply'],
      },
      goodwill: { weight: 0.05, words: 'feels unheard' },
    },
  },
  broken_promise: {
    label: 'Broken promise',
    group: 'trigger',
    evidence: 0.35,
    heat: 0.1,
    trigger: true,
    experience: {
      rank: 1,
      topic: {
        label: 'the broken promise',
        sorry: 'the promise we did not keep',
        mention: /\b(?:promis\w*|should\s+have|were\s+told|was\s+told|let\s+you\s+down)\b/i,
      },
      description: {
        label: 'a broken promise',
        especially: 'after a promise that was not kept',
        sorry: 'the promise we did not keep',
        restated: 'a promise to you was not kept',
        stems: ['promi', 'suppo'],
      },
      goodwill: { weight: 0.15, words: 'a broken promise' },
    },
  },
  sarcasm: {
    label: 'Sarcasm',
    group: 'trigger',
    // Sarcasm at a business is a complaint in praise's words: the model would read the praise
    // ("great", "fantastic") as calm, so those words are left to the feature.
    monotone: true,
    masked: true,
    evidence: 0.4,
    heat: 0.1,
  },
  disappointment: {
    label: 'Let down',
    group: 'trigger',
    evidence: 0.35,
    heat: 0.1,
    trigger: true,
  },
  // Emotional harm: a lexicon scores "heartbroken" or "ruined my birthday" as mildly negative,
  // yet a customer who says it is as upset as one who threatens, and needs acknowledgement first.
  distress: {
    label: 'Distress',
    group: 'trigger',
    monotone: true,
    evidence: 0.45,
    heat: 0.15,
    trigger: true,
  },
  // problem triggers: what went wrong; their wording is in the problem catalogue
  faulty_product: { label: 'Faulty product', group: 'problem', trigger: true },
  delivery_problem: { label: 'Delivery problem', group: 'problem', trigger: true },
  billing_problem: { label: 'Billing problem', group: 'problem', trigger: true },
  refund: { label: 'Refund', group: 'problem', trigger: true },
  cancellation: { label: 'Cancellation', group: 'problem', trigger: true },
  policy_dispute: { label: 'Policy dispute', group: 'problem', trigger: true },
} as const satisfies Record<string, SignalRecord>;

/**
 * Every kind of sign of upset the engine can point at: the catalogue's keys.
 *
 * @example const kind: SignalKind = 'repeated_contact';
 */
export type SignalKind = keyof typeof CATALOGUE;

/**
 * The catalogue's type, each record as written: for types read off the records.
 *
 * @example type ThreatRecord = SignalCatalogue['threat']; // { label: 'Threat', ... }
 */
export type SignalCatalogue = typeof CATALOGUE;

/**
 * The kinds that say what went wrong (group `problem`); each has a record in the problem
 * catalogue.
 *
 * @example const kind: ProblemKind = 'billing_problem';
 */
export type ProblemKind = {
  [K in SignalKind]: (typeof CATALOGUE)[K]['group'] extends 'problem' ? K : never;
}[SignalKind];

/**
 * Every kind of signal and its record, in a fixed order: the order of the model's dense
 * features (changing it changes the trained model's feature names).
 *
 * @example SIGNAL_CATALOGUE.insult.label // 'Personal attack'
 */
export const SIGNAL_CATALOGUE: Readonly<Record<SignalKind, Readonly<SignalRecord>>> = CATALOGUE;

/**
 * Every kind of signal, in the catalogue's order.
 *
 * @example SIGNAL_KINDS[0] // 'shouting'
 */
export const SIGNAL_KINDS: readonly SignalKind[] = Object.keys(CATALOGUE) as SignalKind[];

/**
 * Whether a string names a kind of signal this version knows.
 *
 * @example isSignalKind('threat') // true
 */
export function isSignalKind(kind: string): kind is SignalKind {
  return Object.hasOwn(CATALOGUE, kind);
}

/**
 * What the web app calls a kind of signal; a kind this version does not know is shown as its
 * id with spaces.
 *
 * @example signalLabel('insult') // 'Personal attack'
 */
export function signalLabel(kind: string): string {
  return isSignalKind(kind) ? CATALOGUE[kind].label : kind.replace(/_/g, ' ');
}

/**
 * The group of every kind of signal.
 *
 * @example SIGNAL_GROUPS.threat // 'intensity'
 */
export const SIGNAL_GROUPS: Readonly<Record<SignalKind, SignalGroup>> = Object.fromEntries(
  SIGNAL_KINDS.map((kind) => [kind, CATALOGUE[kind].group]),
) as Record<SignalKind, SignalGroup>;

/**
 * The group of a signal kind; a kind this version does not know counts as a problem.
 *
 * @example signalGroup('threat') // 'intensity'
 */
export function signalGroup(kind: string): SignalGroup {
  return isSignalKind(kind) ? CATALOGUE[kind].group : 'problem';
}

/**
 * The triggers of experience (what the customer went through), in the order they are named.
 *
 * @example EXPERIENCE_KINDS // ['broken_promise', 'repeated_contact', 'long_wait', 'not_heard']
 */
export const EXPERIENCE_KINDS: readonly SignalKind[] = SIGNAL_KINDS.filter(
  (kind) => SIGNAL_CATALOGUE[kind].experience !== undefined,
).sort(
  (a, b) =>
    (SIGNAL_CATALOGUE[a].experience?.rank ?? 0) - (SIGNAL_CATALOGUE[b].experience?.rank ?? 0),
);
