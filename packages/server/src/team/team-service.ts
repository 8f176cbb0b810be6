import { teamMemberView } from '../app/views.js';
import type { AppContext } from '../app/app-context.js';
import type { TeamOverview } from '../contract/index.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { Store } from '../storage/store.js';

/** The supervisors' view of the team. */
export class TeamService {
  private readonly store: Store;

  constructor(
    ctx: AppContext,
    private readonly teamPolicy: PolicyService,
  ) {
    this.store = ctx.store;
  }

  /**
   * For supervisors: each agent's and supervisor's heated conversations in hand (the five
   * hottest named), how often their upset customers calmed down, and their promises kept and
   * missed, counted by the team's own thresholds; and the heated conversations nobody owns.
   */
  async teamOverview(): Promise<TeamOverview> {
    const policy = await this.teamPolicy.conversationPolicy();
    const thresholds = {
      heatedTemperature: policy.heatedTemperature,
      upsetTemperature: policy.upsetTemperature,
      minTemperatureFall: policy.minTemperatureFall,
    };
    const [rows, unassigned] = await Promise.all([
      this.store.teamStats({ ...thresholds, hottest: 5 }),
      this.store.unassignedHeated({ heatedTemperature: thresholds.heatedTemperature, hottest: 5 }),
    ]);
    return {
      thresholds,
      team: rows.map(teamMemberView),
      unassigned: {
        openHeated: unassigned.openHeated,
        openHeatedConversations: unassigned.hottest,
      },
    };
  }
}
