import type { ProblemKind } from '../signals/signal-catalogue.js';

/*
 * What went wrong, one record per problem: how the coach names it, how the problem
 * description words it for replies and the hand-off, and which goodwill problem it is. The keys
 * are the signal kinds of group `problem` (see `signals/signal-catalogue.ts`), so the compiler
 * asks for a record here when such a kind is added. Listed in the order the coach names topics.
 */

/**
 * A goodwill problem a problem can be, with the words of goodwill's reason; the first case
 * that applies wins, and a problem none of whose cases applies gives way to the next one.
 *
 * @example
 * const c: GoodwillCase = { problem: 'late_delivery', words: 'late delivery → free shipping or a credit' };
 */
export interface GoodwillCase {
  problem: string;
  words: string;
  /**
   * Whether this case fits, from the evidence of the problem's signals (lower case) and
   * whether the customer subscribes; always when absent.
   */
  applies?: (evidence: readonly string[], subscriber: boolean) => boolean;
}

/**
 * Everything core knows about one problem.
 *
 * @example PROBLEM_CATALOGUE.refund.description.wants // 'their money back'
 */
export interface ProblemRecord {
  /** The coach's words: "the draft does not mention {label}", "I'm sorry about {sorry}". */
  topic: {
    label: string;
    sorry: string;
    /** Words an agent uses when talking about it. */
    mention: RegExp;
  };
  /** The problem description's words, for reflecting it back, replies and the hand-off. */
  description: {
    /** Where it comes among problems: first by what went wrong, then by the remedy asked for. */
    rank: number;
    label: string;
    /** The customer's word for the thing concerned, looked for in their messages... */
    nouns?: RegExp;
    /** ...or this one when they used none. */
    noun: string;
    /** A noun phrase for what went wrong, `{}` standing for the noun. */
    issue: string;
    wants: string;
    question: string;
    /** Word stems an agent's message uses when it talks about this problem. */
    stems: readonly string[];
  };
  /** The goodwill problems it can be; `rank` orders the problems an offer must answer first. */
  goodwill?: { rank: number; cases: readonly GoodwillCase[] };
}

/** Evidence of a faulty product that is a service failing rather than a thing broken. */
const SERVICE_WORDS =
  /outage|down\b|crash|freez|froze|buffer|stream|log\s*in|login|sign\s+in|connect|load|error|glitch|bug|respond|sync/;
/** Evidence of a policy dispute about a return window. */
const WINDOW_WORDS = /window|period|deadline|return/;

const CATALOGUE = {
  faulty_product: {
    topic: {
      label: 'the faulty product',
      sorry: 'the fault with your product',
      mention:
        /\b(?:fault\w*|broke\w*|defect\w*|damag\w*|repair\w*|replac\w*|(?:not|stopped)\s+working|crash\w*|errors?|fix\w*|work\s+properly)\b/i,
    },
    description: {
      rank: 2,
      label: 'a faulty product',
      nouns:
        /\b(app|phone|headphones|laptop|device|product|item|tv|router|machine|website|site|printer|camera|charger|speaker|watch|tablet|console|software|system)\b/i,
      noun: 'product',
      issue: 'the fault with your {}',
      wants: 'a working {} or a replacement',
      question: 'Could you tell me what happens when you try to use your {}?',
      stems: ['broke', 'fault', 'defec', 'damag', 'crash', 'error', 'repai', 'repla'],
    },
    goodwill: {
      rank: 2,
      cases: [
        {
          problem: 'service_failure',
          words: 'subscription service failure → a free month',
          applies: (evidence, subscriber) =>
            subscriber && evidence.every((t) => SERVICE_WORDS.test(t)),
        },
        { problem: 'faulty_product', words: 'faulty product → a replacement' },
      ],
    },
  },
  delivery_problem: {
    topic: {
      label: 'the delivery',
      sorry: 'the delay with your delivery',
      mention:
        /\b(?:deliver\w*|parcels?|packages?|ship\w*|couriers?|arriv\w*|track\w*|dispatch\w*|orders?|post(?:ed|al)?|lost|late)\b/i,
    },
    description: {
      rank: 1,
      label: 'a delivery problem',
      nouns: /\b(parcel|package|order|delivery|shipment|item|purchase)\b/i,
      noun: 'order',
      issue: 'the trouble with your {}',
      wants: 'their {} delivered',
      question: 'Could you share your order number, so I can see exactly where your {} is?',
      stems: ['deliv', 'parce', 'packa', 'shipm', 'couri', 'arriv', 'track', 'lost', 'dispa'],
    },
    goodwill: {
      rank: 3,
      cases: [{ problem: 'late_delivery', words: 'late delivery → free shipping or a credit' }],
    },
  },
  billing_problem: {
    topic: {
      label: 'the charge',
      sorry: 'the wrong charge',
      mention:
        /\b(?:charg\w*|bill\w*|invoic\w*|payments?|debit\w*|overcharg\w*|paid|twice|statements?)\b/i,
    },
    description: {
      rank: 3,
      label: 'a billing problem',
      nouns: /\b(card|account|bill|invoice|statement|subscription)\b/i,
      noun: 'account',
      issue: 'the wrong charge on your {}',
      wants: 'the wrong charge put right',
      question: 'Could you tell me the date and amount of the charge, so I can trace it?',
      stems: ['charg', 'bill', 'billi', 'invoi', 'payme', 'debit', 'overc', 'paid', 'twice'],
    },
    goodwill: {
      rank: 1,
      cases: [{ problem: 'billing_error', words: 'billing error → a credit of the overcharge' }],
    },
  },
  refund: {
    topic: {
      label: 'the refund',
      sorry: 'the trouble with your refund',
      mention: /\b(?:refund\w*|money\s+back|reimburs\w*|credit\w*)\b/i,
    },
    description: {
      rank: 4,
      label: 'a refund',
      noun: 'refund',
      issue: 'the trouble with your refund',
      wants: 'their money back',
      question: 'Could you tell me when the refund was agreed, so I can trace it?',
      stems: ['refun', 'money', 'reimb', 'compe', 'repay'],
    },
  },
  cancellation: {
    topic: {
      label: 'the cancellation',
      sorry: 'the trouble cancelling',
      mention: /\bcancel\w*/i,
    },
    description: {
      rank: 5,
      label: 'a cancellation',
      nouns: /\b(subscription|account|membership|contract|plan|order|booking)\b/i,
      noun: 'account',
      issue: 'the trouble cancelling your {}',
      wants: 'to cancel their {}',
      question: 'Could you tell me what happened when you tried to cancel?',
      stems: ['cance'],
    },
  },
  policy_dispute: {
    topic: {
      label: 'the policy',
      sorry: 'how our policy has affected you',
      mention: /\b(?:polic\w*|terms|rules?|conditions)\b/i,
    },
    description: {
      rank: 6,
      label: 'a policy dispute',
      noun: 'policy',
      issue: 'how our policy has affected you',
      wants: 'the policy applied fairly to them',
      question: 'Could you tell me which part of the policy affected you?',
      stems: ['polic', 'terms', 'rule', 'rules', 'condi'],
    },
    goodwill: {
      rank: 4,
      cases: [
        {
          problem: 'return_outside_window',
          words: 'return outside the window → a return-window exception',
          applies: (evidence) => evidence.some((t) => WINDOW_WORDS.test(t)),
        },
      ],
    },
  },
} as const satisfies Record<ProblemKind, ProblemRecord>;

/**
 * A goodwill problem some problem can be (see `GoodwillProblem`, which adds `none`).
 *
 * @example const p: CataloguedGoodwillProblem = 'billing_error';
 */
export type CataloguedGoodwillProblem = {
  [K in ProblemKind]: (typeof CATALOGUE)[K] extends {
    goodwill: { cases: readonly (infer C)[] };
  }
    ? C extends { problem: infer P }
      ? P
      : never
    : never;
}[ProblemKind];

/**
 * Every problem and its record, in the order the coach names topics.
 *
 * @example PROBLEM_CATALOGUE.delivery_problem.topic.label // 'the delivery'
 */
export const PROBLEM_CATALOGUE: Readonly<Record<ProblemKind, Readonly<ProblemRecord>>> = CATALOGUE;

/**
 * Every problem, in the catalogue's order (the coach's).
 *
 * @example PROBLEM_KINDS[0] // 'faulty_product'
 */
export const PROBLEM_KINDS: readonly ProblemKind[] = Object.keys(CATALOGUE) as ProblemKind[];

/**
 * Whether a signal kind is a problem (what went wrong).
 *
 * @example isProblemKind('refund') // true; isProblemKind('long_wait') // false
 */
export function isProblemKind(kind: string): kind is ProblemKind {
  return Object.hasOwn(CATALOGUE, kind);
}
