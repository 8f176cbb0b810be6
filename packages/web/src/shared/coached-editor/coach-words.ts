import { COACH_STEP_WORDS, coachRuleWord } from '@calmdesk/core/words';

/*
 * The words the coached editor shows for the coach's ids: core's, which the CLI prints too.
 * Every state has a word, so nothing is told by colour or an icon alone.
 */

export { COACH_STEP_WORDS };

/** A rule's name as a person reads it; an unknown rule by its id. */
export const ruleWord = coachRuleWord;

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
