/*
 * The words for the engine's ids (the coach's rules and steps, the playbook's steps), without
 * the engine: the subpath @calmdesk/core/words, so the web app's first screen can name them
 * without loading the model.
 */
export { COACH_RULE_WORDS, COACH_STEP_WORDS, coachRuleWord } from './coach/coach-words.js';
export {
  NEXT_ACTION_WORDS,
  nextActionWord,
  PLAYBOOK_STEP_WORDS,
  playbookStepWord,
} from './conversation/playbook-words.js';
