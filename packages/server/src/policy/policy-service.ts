import { resolvePolicy, type ConversationPolicy } from '@calmdesk/core';
import type { AppContext } from '../app/app-context.js';
import { iso } from '../app/app-context.js';
import { emitEvent } from '../events/live-event.js';
import type { Store, UserRow } from '../storage/store.js';
import type { TeamPolicyPatch } from '../contract/index.js';
import { applyPolicyPatch, DEFAULT_TEAM_POLICY, type TeamPolicy } from './team-policy.js';

const SETTING_POLICY = 'team_policy';

/** The team's policy: read once and cached, changed by an admin, heard from other instances. */
export class PolicyService {
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly comingDueMinutes: number;
  private policyCache: TeamPolicy | undefined;

  constructor(ctx: AppContext) {
    this.store = ctx.store;
    this.now = ctx.now;
    this.comingDueMinutes = ctx.comingDueMinutes;
    // Another instance may change the policy: its event clears this instance's copy.
    this.store.subscribe((event) => {
      if (event.type === 'policy.updated') this.policyCache = undefined;
    });
  }

  async policy(): Promise<TeamPolicy> {
    if (this.policyCache !== undefined) return this.policyCache;
    const stored = await this.store.getSetting(SETTING_POLICY);
    const policy =
      stored === undefined
        ? DEFAULT_TEAM_POLICY(this.comingDueMinutes)
        : (JSON.parse(stored) as TeamPolicy);
    this.policyCache = policy;
    return policy;
  }

  async conversationPolicy(): Promise<ConversationPolicy> {
    return resolvePolicy((await this.policy()).conversation);
  }

  async savePolicy(policy: TeamPolicy, actor: UserRow): Promise<TeamPolicy> {
    const now = iso(this.now());
    await this.store.transaction(async (tx) => {
      await tx.putSetting(SETTING_POLICY, JSON.stringify(policy), now);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'policy.updated',
        entity: 'policy',
        entityId: null,
        details: JSON.stringify(policy),
      });
      await emitEvent(tx, 'policy.updated', null, {}, now);
    });
    this.policyCache = policy;
    return policy;
  }

  /** Applies an admin's change, every value checked by core's own checks, and saves it. */
  async updatePolicy(patch: TeamPolicyPatch, actor: UserRow): Promise<TeamPolicy> {
    const next = applyPolicyPatch(await this.policy(), patch, (p) => void resolvePolicy(p));
    return this.savePolicy(next, actor);
  }
}
