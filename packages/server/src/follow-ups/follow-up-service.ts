import { iso, type AppContext } from '../app/app-context.js';
import { conversationView, followUpView } from '../app/views.js';
import type { FollowUp } from '../contract/index.js';
import { emitEvent } from '../events/live-event.js';
import type { OutgoingWebhooks } from '../integrations/outgoing-webhooks.js';
import { slackMessage } from '../integrations/slack-message.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { Store } from '../storage/store.js';

/** Promises on the clock: listed, coming due, missed; and snoozed conversations waking up. */
export class FollowUpService {
  private readonly store: Store;
  private readonly now: () => Date;

  constructor(
    ctx: AppContext,
    private readonly teamPolicy: PolicyService,
    private readonly webhooks: OutgoingWebhooks,
  ) {
    this.store = ctx.store;
    this.now = ctx.now;
  }

  async listFollowUps(query: {
    statuses?: string[] | undefined;
    ownerId?: string | undefined;
    limit: number;
  }): Promise<FollowUp[]> {
    const rows = await this.store.listFollowUps(query);
    // Each promise names the customer it was made to.
    const ids = [...new Set(rows.map((r) => r.contactId))];
    const names = new Map(
      ids.length === 0 ? [] : (await this.store.getContacts(ids)).map((c) => [c.id, c.name]),
    );
    return rows.map((r) => ({ ...followUpView(r), contactName: names.get(r.contactId) ?? null }));
  }

  /**
   * One turn of the follow-up clock: promises within the coming-due window become "due", past
   * their time "missed", each with its event and webhook, in the same transaction as the change
   * of status, so a restart neither loses nor repeats one. With PostgreSQL, rows another
   * instance is handling are skipped (FOR UPDATE SKIP LOCKED): each fires exactly once.
   * Returns how many changed.
   */
  async runClock(batch = 100): Promise<{ due: number; missed: number; woke: number }> {
    const nowDate = this.now();
    const now = iso(nowDate);
    const { comingDueMinutes } = await this.teamPolicy.policy();
    const window = iso(new Date(nowDate.getTime() + comingDueMinutes * 60_000));
    const counts = { due: 0, missed: 0, woke: 0 };
    for (;;) {
      const changed = await this.store.transaction(async (tx) => {
        const rows = await tx.claimFollowUps(['pending'], window, batch);
        const late = await tx.claimFollowUps(['due'], now, batch);
        for (const f of [...rows, ...late]) {
          const status = f.dueAt <= now ? 'missed' : 'due';
          const patch = status === 'missed' ? { status, closedAt: now } : { status };
          await tx.updateFollowUp(f.id, patch);
          const conversation = await tx.getConversation(f.conversationId);
          const contact = conversation && (await tx.getContact(conversation.contactId));
          const owner = f.ownerId === null ? undefined : await tx.getUser(f.ownerId);
          const event = await emitEvent(
            tx,
            `follow_up.${status}`,
            f.conversationId,
            { followUp: followUpView({ ...f, ...patch }) },
            now,
          );
          await this.webhooks.notify(
            tx,
            `follow_up.${status}`,
            slackMessage.followUp({ ...f, ...patch }, contact?.name ?? null, owner?.name ?? null),
            event.id,
            now,
          );
          // A missed promise stays on the conversation until the agent next writes to the
          // customer; the oldest one decides its place in the inbox.
          const oldestMissed = conversation?.oldestMissedAt ?? null;
          const missedAt =
            status === 'missed' && (oldestMissed === null || f.dueAt < oldestMissed)
              ? { oldestMissedAt: f.dueAt }
              : {};
          await tx.updateConversation(f.conversationId, {
            nextDueAt: await tx.nextDueOf(f.conversationId),
            ...missedAt,
          });
          counts[status] += 1;
        }
        return rows.length + late.length;
      });
      if (changed < batch) break;
    }
    counts.woke = await this.wakeSnoozed(now);
    return counts;
  }

  /** Snoozed conversations whose time has come are open again. */
  private async wakeSnoozed(now: string): Promise<number> {
    const snoozed = await this.store.listWokenSnoozed(now, 500);
    let woke = 0;
    for (const c of snoozed) {
      await this.store.transaction(async (tx) => {
        const current = await tx.lockConversation(c.id);
        if (current?.status !== 'snoozed') return;
        await tx.updateConversation(c.id, { status: 'open', snoozedUntil: null, updatedAt: now });
        await emitEvent(
          tx,
          'conversation.updated',
          c.id,
          { conversation: conversationView({ ...current, status: 'open', snoozedUntil: null }) },
          now,
        );
        woke += 1;
      });
    }
    return woke;
  }
}
