import type { SignalKind } from './types.js';

/** How the customer writes, what they have been through, or what went wrong. */
export type SignalGroup = 'intensity' | 'trigger' | 'problem';

/**
 * The group of every kind of signal; a `Record` over `SignalKind`, so a new kind cannot be
 * added without a group. Its own module, so the web app's first page can import it without the
 * model.
 */
export const SIGNAL_GROUPS: Readonly<Record<SignalKind, SignalGroup>> = {
  shouting: 'intensity',
  exclamation: 'intensity',
  question_burst: 'intensity',
  profanity: 'intensity',
  insult: 'intensity',
  threat: 'intensity',
  manager_demand: 'intensity',
  repeated_contact: 'trigger',
  long_wait: 'trigger',
  not_heard: 'trigger',
  broken_promise: 'trigger',
  sarcasm: 'trigger',
  disappointment: 'trigger',
  faulty_product: 'problem',
  delivery_problem: 'problem',
  billing_problem: 'problem',
  refund: 'problem',
  cancellation: 'problem',
  policy_dispute: 'problem',
};

/**
 * The group of a signal kind; a kind this version does not know counts as a problem.
 *
 * @example signalGroup('threat') // 'intensity'
 */
export function signalGroup(kind: string): SignalGroup {
  return Object.hasOwn(SIGNAL_GROUPS, kind) ? SIGNAL_GROUPS[kind as SignalKind] : 'problem';
}
