import type { SignalKind } from '../signals/types.js';

/*
 * What a customer complained about, by the triggers `analyzeMessage` finds: for the coach's
 * reflection check and for apologies that name the problem.
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

/** The topics of the triggers `analyzeMessage` finds. */
export const TOPICS: Partial<Record<SignalKind, Topic>> = {
  delivery_problem: {
    label: 'the delivery',
    sorry: 'the delay with your delivery',
    mention:
      /\b(?:deliver\w*|parcels?|packages?|ship\w*|couriers?|arriv\w*|track\w*|dispatch\w*|orders?|post(?:ed|al)?|lost|late)\b/i,
  },
  faulty_product: {
    label: 'the faulty product',
    sorry: 'the fault with your product',
    mention:
      /\b(?:fault\w*|broke\w*|defect\w*|damag\w*|repair\w*|replac\w*|(?:not|stopped)\s+working|crash\w*|errors?|fix\w*|work\s+properly)\b/i,
  },
  billing_problem: {
    label: 'the charge',
    sorry: 'the wrong charge',
    mention:
      /\b(?:charg\w*|bill\w*|invoic\w*|payments?|debit\w*|overcharg\w*|paid|twice|statements?)\b/i,
  },
  refund: {
    label: 'the refund',
    sorry: 'the trouble with your refund',
    mention: /\b(?:refund\w*|money\s+back|reimburs\w*|credit\w*)\b/i,
  },
  cancellation: {
    label: 'the cancellation',
    sorry: 'the trouble cancelling',
    mention: /\bcancel\w*/i,
  },
  policy_dispute: {
    label: 'the policy',
    sorry: 'how our policy has affected you',
    mention: /\b(?:polic\w*|terms|rules?|conditions)\b/i,
  },
  long_wait: {
    label: 'the long wait',
    sorry: 'the long wait',
    mention: /\b(?:wait\w*|delay\w*|so\s+long|too\s+long|on\s+hold|weeks?|days)\b/i,
  },
  repeated_contact: {
    label: 'having to contact us again',
    sorry: 'you having to contact us again',
    mention:
      /\b(?:again|(?:several|many|multiple|two|three|four)\s+times|chas\w*|repeat\w*|contact(?:ed|ing)\s+us)\b/i,
  },
  broken_promise: {
    label: 'the broken promise',
    sorry: 'the promise we did not keep',
    mention: /\b(?:promis\w*|should\s+have|were\s+told|was\s+told|let\s+you\s+down)\b/i,
  },
  not_heard: {
    label: 'not being listened to',
    sorry: 'not being listened to',
    mention: /\b(?:listen\w*|heard|ignor\w*|answer\w*|respon\w*|repl(?:y|ied|ies))\b/i,
  },
};

/** The order topics are named in. Problems before experiences: what went wrong matters more than how long it took. */
export const TOPIC_ORDER: readonly SignalKind[] = [
  'faulty_product',
  'delivery_problem',
  'billing_problem',
  'refund',
  'cancellation',
  'policy_dispute',
  'broken_promise',
  'repeated_contact',
  'long_wait',
  'not_heard',
];
/** What went wrong, as against how it went (a long wait, not being heard). */
export const PROBLEM_TOPICS: ReadonlySet<SignalKind> = new Set(TOPIC_ORDER.slice(0, 6));
