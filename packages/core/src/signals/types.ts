/** A half-open range of UTF-16 code units in the analysed text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** Every kind of sign of upset the engine can point at. */
export type SignalKind =
  // intensity: how the customer writes
  | 'shouting'
  | 'exclamation'
  | 'question_burst'
  | 'profanity'
  | 'insult'
  | 'threat'
  | 'manager_demand'
  // triggers from the practice: what the customer has been through
  | 'repeated_contact'
  | 'long_wait'
  | 'not_heard'
  | 'broken_promise'
  | 'sarcasm'
  | 'disappointment'
  // problem triggers: what went wrong
  | 'faulty_product'
  | 'delivery_problem'
  | 'billing_problem'
  | 'refund'
  | 'cancellation'
  | 'policy_dispute';

/** Threat sub-kinds, so a supervisor sees at once whether it is legal, financial or public. */
export type ThreatKind =
  'cancel' | 'competitor' | 'legal' | 'chargeback' | 'review' | 'social' | 'regulator';

/** One piece of evidence: what was seen, where, and why it matters, in one line. */
export interface Signal extends Span {
  kind: SignalKind;
  /** The evidence as written: `text.slice(start, end)`. */
  text: string;
  /** One line a support agent can read, e.g. "Threatens legal action". */
  explanation: string;
  /** Only for `threat`. */
  threat?: ThreatKind;
}
