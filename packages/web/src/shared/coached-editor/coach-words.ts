import type { CoachStep } from '@calmdesk/core';

/*
 * The words the coached editor shows for the coach's ids. Every state has a word, so nothing is
 * told by colour or an icon alone.
 */

export const COACH_STEP_WORDS: Record<CoachStep, string> = {
  acknowledgement: 'Acknowledge their feelings',
  apology: 'A sincere apology',
  reflection: 'Restate the problem',
  ownership: 'Take ownership',
  next_step: 'A next step with a time',
};

export const COACH_RULE_WORDS: Record<string, string> = {
  'blocking-phrase': 'Blocking phrase',
  'conditional-apology': 'Conditional apology',
  blame: 'Blames the customer',
  dismissive: 'Dismissive',
  handoff: 'Passes them on',
  sarcasm: 'Sarcasm',
  'mirroring-capitals': 'Shouting back',
  'mirroring-exclamations': 'Exclamation marks back',
  profanity: 'Swearing',
  'impolite-tone': 'Curt tone',
};

/** A rule's name as a person reads it; an unknown rule by its id. */
export function ruleWord(rule: string): string {
  return COACH_RULE_WORDS[rule] ?? rule;
}

/** Rules that mean the draft mirrors an angry customer: Send asks for a second look first. */
export const MIRRORING_RULES = new Set([
  'mirroring-capitals',
  'mirroring-exclamations',
  'profanity',
]);

export function scoreWord(score: number): string {
  if (score >= 85) return 'ready to send';
  if (score >= 65) return 'nearly there';
  if (score >= 40) return 'needs work';
  return 'likely to make it worse';
}
