import type { CoachStep } from './types.js';

/*
 * The coach's ids as people read them, in one place: the CLI and the web app print the same
 * words.
 */

/**
 * Each step of a good reply, named for an agent.
 *
 * @example
 * COACH_STEP_WORDS.acknowledgement; // 'Acknowledge their feelings'
 */
export const COACH_STEP_WORDS: Readonly<Record<CoachStep, string>> = Object.freeze({
  acknowledgement: 'Acknowledge their feelings',
  apology: 'A sincere apology',
  reflection: 'Restate the problem',
  ownership: 'Take ownership',
  next_step: 'A next step with a time',
});

/**
 * Each rule of the coach, named for an agent.
 *
 * @example
 * COACH_RULE_WORDS['blocking-phrase']; // 'Blocking phrase'
 */
export const COACH_RULE_WORDS: Readonly<Record<string, string>> = Object.freeze({
  'blocking-phrase': 'Blocking phrase',
  'conditional-apology': 'Conditional apology',
  'undone-acknowledgement': 'Acknowledgement taken back by "but"',
  blame: 'Blames the customer',
  dismissive: 'Dismissive',
  handoff: 'Passes them on',
  sarcasm: 'Sarcasm',
  'mirroring-capitals': 'Shouting back',
  'mirroring-exclamations': 'Exclamation marks back',
  profanity: 'Swearing',
  'impolite-tone': 'Curt tone',
  'unanswered-question': 'Leaves their question unanswered',
  'asks-again': 'Asks for what they already gave',
  stall: 'Holding line with nothing after it',
  'closes-while-open': 'Closes while they still need help',
  'template-reply': 'Reads like a template',
  'curt-reply': 'A bare "no"',
});

/**
 * A rule's name as a person reads it; an unknown rule by its id.
 *
 * @example
 * coachRuleWord('blame'); // 'Blames the customer'
 */
export function coachRuleWord(rule: string): string {
  return COACH_RULE_WORDS[rule] ?? rule;
}
