import type { PlaybookStatus, PlaybookStepName } from '@calmdesk/core';
import {
  SIGNAL_CATALOGUE,
  SIGNAL_KINDS,
  signalGroup,
  signalLabel,
} from '@calmdesk/core/signal-catalogue';
import {
  NEXT_ACTION_WORDS as CORE_NEXT_ACTION_WORDS,
  PLAYBOOK_STEP_WORDS,
} from '@calmdesk/core/words';

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

/** The playbook's steps in core's words, which the CLI prints too. */
export const PLAYBOOK_WORDS: Readonly<Record<PlaybookStepName, string>> = PLAYBOOK_STEP_WORDS;

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
  // A promise read in an imported old reply: on record, never on the clock.
  history: { icon: '–', word: 'history' },
};

export { followUpKind } from '../shared/follow-up-kind.js';

export const ESCALATION_STATUS: Record<string, string> = {
  open: 'open: waiting for a supervisor',
  accepted: 'accepted: a supervisor has taken it over',
  returned: 'returned to the agent',
  resolved: 'resolved',
};

/** The next actions in core's words, which the CLI prints too. */
export const NEXT_ACTION_WORDS: Readonly<Record<string, string>> = CORE_NEXT_ACTION_WORDS;
