import type { AppContext } from '../app/app-context.js';
import type { Store, StoreOps } from '../storage/store.js';

/**
 * The outgoing webhook (Slack-compatible): messages queued in the durable outbox inside the
 * transaction of the change they announce, and the record of their deliveries.
 */
export class OutgoingWebhooks {
  private readonly store: Store;
  private readonly webhookUrl: string | undefined;

  constructor(ctx: AppContext) {
    this.store = ctx.store;
    this.webhookUrl = ctx.webhookUrl;
  }

  /** Queues a Slack-compatible message for the outgoing webhook, when one is configured. */
  async notify(
    tx: StoreOps,
    kind: string,
    body: Record<string, unknown>,
    eventId: number,
    now: string,
  ): Promise<void> {
    if (this.webhookUrl === undefined) return;
    await tx.enqueueOutbox(kind, JSON.stringify(body), eventId, now);
  }

  /** The deliveries, oldest first, with their bodies parsed. */
  async listDeliveries(limit: number) {
    return (await this.store.listOutbox(limit)).map((d) => ({
      ...d,
      body: JSON.parse(d.body) as unknown,
    }));
  }
}
