import type { PlaybookStatus, PlaybookStepName } from '@calmdesk/core';
import {
  SIGNAL_CATALOGUE,
  SIGNAL_KINDS,
  signalGroup,
  signalLabel,
} from '@calmdesk/core/signal-catalogue';

/*
 * The words the conversation page shows for the engine's ids. Every state has a word, so
 * nothing is told by colour or an icon alone.
 */

/** A sign of upset as an agent names it: the labels of core's signal catalogue. */
export const SIGN_WORDS: Record<string, string> = Object.fromEntries(
  SIGNAL_KINDS.map((kind) => [kind, SIGNAL_CATALOGUE[kind].label]),
);

export const signWord = signalLabel;

/** How the signs group for styling: how they write, what they went through, what went wrong. */
export const signGroup = signalGroup;

export const PLAYBOOK_WORDS: Record<PlaybookStepName, string> = {
  listened: 'Let them finish venting',
  acknowledged: 'Acknowledge the feelings',
  apologised: 'Apologise sincerely',
  reflected: 'Restate the problem',
  owned: 'Own it personally',
  asked_fair: 'Ask what they would consider fair',
  offered: 'Offer a fix or goodwill',
  committed: 'Commit to a next step with a time',
  kept_follow_up: 'Keep the promised follow-up',
};

export const PLAYBOOK_STATUS: Record<PlaybookStatus, { icon: string; word: string }> = {
  done: { icon: '✓', word: 'done' },
  missing: { icon: '✗', word: 'missing' },
  not_yet: { icon: '○', word: 'not yet' },
  not_applicable: { icon: '–', word: 'not applicable' },
};

export const FOLLOW_UP_STATUS: Record<string, { icon: string; word: string }> = {
  pending: { icon: '○', word: 'pending' },
  due: { icon: '●', word: 'due' },
  kept: { icon: '✓', word: 'kept' },
  missed: { icon: '✗', word: 'missed' },
};

export { followUpKind } from '../shared/follow-up-kind.js';

export const ESCALATION_STATUS: Record<string, string> = {
  open: 'open: waiting for a supervisor',
  accepted: 'accepted: a supervisor has taken it over',
  returned: 'returned to the agent',
  resolved: 'resolved',
};

export const NEXT_ACTION_WORDS: Record<string, string> = {
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
  none: 'Nothing needed',
};
