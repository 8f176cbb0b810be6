import {
  DEFAULT_CONVERSATION_POLICY,
  DEFAULT_GOODWILL_POLICY,
  validateGoodwillPolicy,
  type ConversationPolicy,
  type GoodwillPolicy,
} from '@calmdesk/core';
import type { TeamPolicyPatch } from '../contract/index.js';
import { CalmdeskError } from '../errors.js';

/** The team's settings, kept in the database and changed by an admin. */
export interface TeamPolicy {
  /** Overrides of core's conversation thresholds. */
  conversation: Partial<ConversationPolicy>;
  /** The goodwill catalogue, limits per role and the month's budget (spentThisMonth is computed). */
  goodwill: GoodwillPolicy;
  /** Minutes before its due time that a follow-up counts as coming due. */
  comingDueMinutes: number;
}

export const DEFAULT_TEAM_POLICY = (comingDueMinutes: number): TeamPolicy => ({
  conversation: {},
  goodwill: DEFAULT_GOODWILL_POLICY,
  comingDueMinutes,
});

const CONVERSATION_KEYS = Object.keys(DEFAULT_CONVERSATION_POLICY) as (keyof ConversationPolicy)[];

/**
 * Applies a patch to the policy, checking every value with core's own checks; throws an
 * invalid_request error naming the wrong setting.
 */
export function applyPolicyPatch(
  current: TeamPolicy,
  patch: TeamPolicyPatch,
  check: (conversation: Partial<ConversationPolicy>) => void,
): TeamPolicy {
  const next: TeamPolicy = { ...current };
  if (patch.conversation !== undefined) {
    const unknown = Object.keys(patch.conversation).filter(
      (k) => !CONVERSATION_KEYS.includes(k as keyof ConversationPolicy),
    );
    if (unknown.length > 0) {
      throw new CalmdeskError(
        'invalid_request',
        `Unknown conversation setting: ${unknown.join(', ')}.`,
        {
          known: CONVERSATION_KEYS,
        },
      );
    }
    const conversation = {
      ...current.conversation,
      ...patch.conversation,
    } as Partial<ConversationPolicy>;
    try {
      check(conversation);
    } catch (error) {
      throw new CalmdeskError('invalid_request', (error as Error).message, undefined, {
        cause: error,
      });
    }
    next.conversation = conversation;
  }
  if (patch.goodwill !== undefined) {
    const result = validateGoodwillPolicy(patch.goodwill);
    if (!result.ok) {
      throw new CalmdeskError(
        'invalid_request',
        'The goodwill policy is not valid.',
        result.errors,
      );
    }
    next.goodwill = result.policy;
  }
  if (patch.comingDueMinutes !== undefined) next.comingDueMinutes = patch.comingDueMinutes;
  return next;
}
