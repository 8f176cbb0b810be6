import type { NextActionKind, PlaybookStepName } from './conversation-analysis.js';

/*
 * The playbook's steps and next actions as people read them, in one place: the CLI and the web
 * app print the same words, never the ids.
 */

/**
 * Each step of the de-escalation playbook, named for an agent.
 *
 * @example
 * PLAYBOOK_STEP_WORDS.asked_fair; // 'Ask what they would consider fair'
 */
export const PLAYBOOK_STEP_WORDS: Readonly<Record<PlaybookStepName, string>> = Object.freeze({
  listened: 'Let them finish venting',
  acknowledged: 'Acknowledge the feelings',
  apologised: 'Apologise sincerely',
  reflected: 'Restate the problem',
  owned: 'Own it personally',
  asked_fair: 'Ask what they would consider fair',
  offered: 'Offer a fix or goodwill',
  committed: 'Commit to a next step with a time',
  kept_follow_up: 'Keep the promised follow-up',
});

/**
 * A playbook step's name as a person reads it; an unknown step by its id.
 *
 * @example
 * playbookStepWord('owned'); // 'Own it personally'
 */
export function playbookStepWord(step: string): string {
  return (PLAYBOOK_STEP_WORDS as Readonly<Record<string, string>>)[step] ?? step;
}

/**
 * Each next action, named for an agent.
 *
 * @example
 * NEXT_ACTION_WORDS.ask_fair; // 'Ask what is fair'
 */
export const NEXT_ACTION_WORDS: Readonly<Record<NextActionKind, string>> = Object.freeze({
  listen: 'Listen',
  acknowledge: 'Acknowledge',
  apologise: 'Apologise',
  reflect: 'Restate the problem',
  own: 'Own it',
  ask_fair: 'Ask what is fair',
  offer: 'Make an offer',
  commit: 'Commit to a next step',
  follow_up: 'Follow up',
  escalate: 'Escalate',
  warn: 'Warn',
  stop: 'Stop the conversation',
  check_back: 'Check back',
  answer: 'Answer them',
  none: 'Nothing needed',
});

/**
 * A next action's name as a person reads it; an unknown action by its id.
 *
 * @example
 * nextActionWord('ask_fair'); // 'Ask what is fair'
 */
export function nextActionWord(action: string): string {
  return (NEXT_ACTION_WORDS as Readonly<Record<string, string>>)[action] ?? action;
}
