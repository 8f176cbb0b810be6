/*
 * The reply coach's result types, shared by its rule modules and `coachReply`.
 */

/** How bad a finding is: `problem` will make an upset customer angrier; `info` is a nudge. */
export type CoachSeverity = 'info' | 'warning' | 'problem';

/**
 * Words of a customer message a finding refers to: the question the draft leaves open, or the
 * fact it asks for again.
 *
 * @example
 * // { messageIndex: 0, start: 0, end: 25, text: 'Is that price in dollars?' }
 */
export interface CustomerSpan {
  /** Index of the customer's message in the conversation passed to the coach. */
  messageIndex: number;
  /** UTF-16 span in that message: `text === conversation[messageIndex].text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
}

/** A one-click edit of the draft: replace `draft.slice(start, end)` with `replacement`. */
export interface CoachRewrite {
  start: number;
  end: number;
  replacement: string;
}

/**
 * One thing to change in the draft.
 *
 * @example
 * // In "That's our policy." to an angry customer:
 * // { rule: 'blocking-phrase', start: 0, end: 17, text: "That's our policy", severity: 'problem',
 * //   why: 'Hiding behind policy sounds like "no": explain what you can do instead',
 * //   rewrite: { start: 0, end: 17, replacement: 'Let me explain how this works and what I can do' } }
 */
export interface CoachFinding {
  /**
   * Stable id of the rule: 'blocking-phrase', 'conditional-apology', 'blame', 'dismissive',
   * 'handoff', 'sarcasm', 'mirroring-capitals', 'mirroring-exclamations', 'profanity',
   * 'impolite-tone', 'undone-acknowledgement', and the listening rules 'unanswered-question',
   * 'asks-again', 'stall', 'closes-while-open', 'template-reply', 'curt-reply'.
   * `COACH_RULE_WORDS` names each for people.
   */
  rule: string;
  /** UTF-16 span in the draft: `text === draft.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  severity: CoachSeverity;
  /** One line for the agent. */
  why: string;
  /**
   * The edit that fixes it, when one exists; its span may be wider than the finding's, or, for
   * a holding line added at the end, elsewhere.
   */
  rewrite?: CoachRewrite;
  /** The customer's words it is about (listening rules): their open question, or what they gave. */
  customer?: CustomerSpan;
}

/** A step of the practice the draft still needs. */
export type CoachStep = 'acknowledgement' | 'apology' | 'reflection' | 'ownership' | 'next_step';

/**
 * A step missing from the draft.
 *
 * @example
 * // { step: 'reflection', why: 'Restate the problem so they know you understood: the draft does not mention the refund' }
 */
export interface MissingStep {
  step: CoachStep;
  why: string;
}

/**
 * A step the draft takes, or an earlier reply already took: what the agent did well.
 *
 * @example
 * // { step: 'apology', where: 'draft', start: 0, end: 12, text: "I'm so sorry",
 * //   why: 'Apologises sincerely: "I\'m so sorry"' }
 * // { step: 'acknowledgement', where: 'conversation', why: 'Their feelings were acknowledged in an earlier reply' }
 */
export interface DoneStep {
  step: CoachStep;
  /** `draft`: this draft takes it; `conversation`: an earlier agent message did. */
  where: 'draft' | 'conversation';
  /** The words of the draft that take it, when one phrase does. */
  start?: number;
  end?: number;
  text?: string;
  why: string;
}

/**
 * What the coach says about a draft.
 *
 * @example
 * // { score: 25, findings: [{ rule: 'blocking-phrase', ... }], missing: [{ step: 'apology', ... }, ...],
 * //   done: [], empty: false }
 */
export interface CoachReplyResult {
  /** 0 to 100: 100 minus the penalties of the findings and missing steps (see `PENALTIES`). */
  score: number;
  /** Sorted by start. */
  findings: CoachFinding[];
  /** In the order of the practice: acknowledgement, apology, reflection, ownership, next step. */
  missing: MissingStep[];
  /** What the draft does well, and the steps earlier replies already took, in the practice's order. */
  done: DoneStep[];
  /** True when the draft has no words: nothing to coach, and the score is 0. */
  empty: boolean;
}
