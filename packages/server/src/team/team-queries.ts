import type { Expression, SqlBool } from 'kysely';
import type { ConversationRow, UserRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';
/** The thresholds the supervisor's team view counts by (from the conversation policy). */
export interface TeamStatsOptions {
  /** An open or pending conversation at or above this temperature counts as heated. */
  heatedTemperature: number;
  /** A conversation whose peak reached this was one with an upset customer... */
  upsetTemperature: number;
  /** ...and it was de-escalated when its temperature fell at least this far below the peak. */
  minTemperatureFall: number;
  /** How many of each person's hottest open heated conversations to list. */
  hottest: number;
}

/** One person's numbers in the team view, counted over the conversations assigned to them. */
export interface TeamMemberStats {
  user: Pick<UserRow, 'id' | 'name' | 'role'>;
  /** Open or pending conversations at or above the heated temperature. */
  openHeated: number;
  /** The hottest of those, hottest first, at most `hottest` of them. */
  hottest: Pick<ConversationRow, 'id' | 'subject' | 'temperature'>[];
  /** Conversations whose peak reached the upset temperature. */
  upset: number;
  /** Of those, the ones whose temperature has since fallen by at least the minimum fall. */
  calmed: number;
  /** Follow-ups they own, by outcome; pending counts those pending and due. */
  promises: { kept: number; missed: number; pending: number };
}

/** Heated conversations nobody owns yet: in the team view, so none goes unseen. */
export interface UnassignedHeated {
  /** Open or pending unassigned conversations at or above the heated temperature. */
  openHeated: number;
  /** The hottest of those, hottest first, at most `hottest` of them. */
  hottest: Pick<ConversationRow, 'id' | 'subject' | 'temperature'>[];
}

/** The supervisors' team view. */
export interface TeamQueries {
  /** Open or pending conversations with no assignee at or above the heated temperature. */
  unassignedHeated(
    options: Pick<TeamStatsOptions, 'heatedTemperature' | 'hottest'>,
  ): Promise<UnassignedHeated>;
  /**
   * For each enabled agent and supervisor, by name: heated work in hand, de-escalations and
   * promises kept, counted in the database (a few grouped queries, whatever the team's size).
   */
  teamStats(options: TeamStatsOptions): Promise<TeamMemberStats[]>;
}

/** `TeamQueries` in SQL, written once for both drivers. */
export class SqlTeamQueries extends SqlQueries implements TeamQueries {
  async unassignedHeated(
    o: Pick<TeamStatsOptions, 'heatedTemperature' | 'hottest'>,
  ): Promise<UnassignedHeated> {
    const heated = Math.ceil(o.heatedTemperature);
    const unowned = this.db
      .selectFrom('conversations')
      .where('assigneeId', 'is', null)
      .where('status', 'in', ['open', 'pending'])
      .where('temperature', '>=', heated);
    const [count, hottest] = await Promise.all([
      unowned.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      unowned
        .select(['id', 'subject', 'temperature'])
        .orderBy('temperature', 'desc')
        .orderBy('lastMessageAt', 'desc')
        .orderBy('id')
        .limit(o.hottest)
        .execute(),
    ]);
    return { openHeated: Number(count.n), hottest };
  }

  async teamStats(o: TeamStatsOptions): Promise<TeamMemberStats[]> {
    // Temperatures are whole numbers, so rounding the thresholds up keeps every comparison exact
    // and binds integers only (PostgreSQL types the parameters from the integer columns).
    const heated = Math.ceil(o.heatedTemperature);
    const upset = Math.ceil(o.upsetTemperature);
    const fall = Math.ceil(o.minTemperatureFall);
    const inHand = ['open', 'pending'];
    const users = await this.db
      .selectFrom('users')
      .select(['id', 'name', 'role'])
      .where('disabled', '=', 0)
      .where('role', 'in', ['agent', 'supervisor'])
      .orderBy('name')
      .orderBy('id')
      .execute();
    if (users.length === 0) return [];

    // SUM(CASE ...) counts rows matching a condition; literal 1 and 0 (not bound parameters)
    // keep the sums numeric in PostgreSQL. Sums may come back as strings: read with Number().
    const conversations = await this.db
      .selectFrom('conversations')
      .select((eb) => {
        const count = (condition: Expression<SqlBool>) =>
          eb.fn.sum<string | number>(
            eb.case().when(condition).then(eb.lit(1)).else(eb.lit(0)).end(),
          );
        const reachedUpset = eb('peakTemperature', '>=', upset);
        return [
          'assigneeId',
          count(eb.and([eb('status', 'in', inHand), eb('temperature', '>=', heated)])).as(
            'openHeated',
          ),
          count(reachedUpset).as('upset'),
          count(
            eb.and([reachedUpset, eb('temperature', '<=', eb('peakTemperature', '-', fall))]),
          ).as('calmed'),
        ];
      })
      .where('assigneeId', 'is not', null)
      .groupBy('assigneeId')
      .execute();

    const promises = await this.db
      .selectFrom('followUps')
      .select((eb) => {
        const count = (statuses: string[]) =>
          eb.fn.sum<string | number>(
            eb.case().when('status', 'in', statuses).then(eb.lit(1)).else(eb.lit(0)).end(),
          );
        return [
          'ownerId',
          count(['kept']).as('kept'),
          count(['missed']).as('missed'),
          count(['pending', 'due']).as('pending'),
        ];
      })
      .where('ownerId', 'is not', null)
      .groupBy('ownerId')
      .execute();

    // Each person's hottest heated conversations: numbered within each assignee, hottest first.
    const ranked = this.db
      .selectFrom('conversations')
      .select((eb) => [
        'id',
        'subject',
        'temperature',
        'assigneeId',
        eb.fn
          .agg<string | number>('row_number')
          .over((ob) =>
            ob
              .partitionBy('assigneeId')
              .orderBy('temperature', 'desc')
              .orderBy('lastMessageAt', 'desc')
              .orderBy('id'),
          )
          .as('place'),
      ])
      .where('assigneeId', 'is not', null)
      .where('status', 'in', inHand)
      .where('temperature', '>=', heated)
      .as('ranked');
    const hottest = await this.db
      .selectFrom(ranked)
      .selectAll()
      .where('place', '<=', o.hottest)
      .orderBy('assigneeId')
      .orderBy('place')
      .execute();

    const byConversation = new Map(conversations.map((r) => [r.assigneeId, r]));
    const byPromise = new Map(promises.map((r) => [r.ownerId, r]));
    return users.map((u) => {
      const c = byConversation.get(u.id);
      const p = byPromise.get(u.id);
      return {
        user: u,
        openHeated: Number(c?.openHeated ?? 0),
        hottest: hottest
          .filter((h) => h.assigneeId === u.id)
          .map((h) => ({ id: h.id, subject: h.subject, temperature: h.temperature })),
        upset: Number(c?.upset ?? 0),
        calmed: Number(c?.calmed ?? 0),
        promises: {
          kept: Number(p?.kept ?? 0),
          missed: Number(p?.missed ?? 0),
          pending: Number(p?.pending ?? 0),
        },
      };
    });
  }
}
