/*
 * The reply coach's result types, shared by its rule modules and `coachReply`.
 */

/** How bad a finding is: `problem` will make an upset customer angrier; `info` is a nudge. */
export type CoachSeverity = 'info' | 'warning' | 'problem';

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
   * 'impolite-tone'.
   */
  rule: string;
  /** UTF-16 span in the draft: `text === draft.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  severity: CoachSeverity;
  /** One line for the agent. */
  why: string;
  /** The edit that fixes it, when one exists; its span may be wider than the finding's. */
  rewrite?: CoachRewrite;
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
 * What the coach says about a draft.
 *
 * @example
 * // { score: 25, findings: [{ rule: 'blocking-phrase', ... }], missing: [{ step: 'apology', ... }, ...] }
 */
export interface CoachReplyResult {
  /** 0 to 100: 100 minus the penalties of the findings and missing steps (see `PENALTIES`). */
  score: number;
  /** Sorted by start. */
  findings: CoachFinding[];
  /** In the order of the practice: acknowledgement, apology, reflection, ownership, next step. */
  missing: MissingStep[];
}
