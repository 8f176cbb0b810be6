import type { OutgoingMessageRow, Store } from '../storage/store.js';
import type { ChannelRegistry } from './channel-sender.js';
import { deliveryView, toOutgoingItem } from './outgoing-view.js';
import type { SendOutcome } from './outgoing-item.js';

export interface OutgoingDeliveryOptions {
  store: Store;
  registry: ChannelRegistry;
  now: () => Date;
  /** How long one send may take before it counts as failed (in doubt). */
  timeoutMs?: number;
  /** After this many attempts an item is marked failed, with its last reason. */
  maxAttempts?: number;
  /** The most items one turn takes (they are sent at once: one per conversation). */
  batchSize?: number;
  /** 0 to 1; tests pass a fixed one. */
  random?: () => number;
}

/**
 * The wait before attempt `attempt + 1`: 1 s, 2 s, 4 s ... doubling, at most 10 minutes, with
 * jitter (half to all of it) so items that failed together do not all come back together.
 */
export function outgoingBackoffMs(attempt: number, random: () => number = Math.random): number {
  const full = Math.min(600_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(full * (0.5 + random() / 2));
}

/** Kept between a send's timeout and the end of its lease, for clocks a little apart. */
const LEASE_MARGIN_MS = 5_000;

export interface TurnResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * One turn of the channels' worker: leases what is due (one item per conversation, so each
 * conversation's items go out in order), sends them at once, and records each outcome while
 * its lease still holds. Durable like the webhook outbox: an instance that stops mid-send
 * leaves its items leased, and they are taken again (in doubt) once the lease runs out, so
 * nothing is lost; several instances never hold the same item.
 */
export async function deliverOutgoing(options: OutgoingDeliveryOptions): Promise<TurnResult> {
  const { store, registry } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 15;
  const random = options.random ?? Math.random;
  const start = options.now();
  const leaseUntil = new Date(start.getTime() + timeoutMs + LEASE_MARGIN_MS).toISOString();
  const batch = await store.claimOutgoing(start.toISOString(), leaseUntil, options.batchSize ?? 50);
  const result: TurnResult = { sent: 0, retrying: 0, failed: 0 };
  await Promise.all(
    batch.map(async (row) => {
      const outcome = await sendOne(row, registry, timeoutMs);
      const finished = await record(options, row, leaseUntil, outcome, maxAttempts, random);
      if (finished === undefined) return;
      if (finished.state === 'sent') result.sent += 1;
      else if (finished.state === 'failed') result.failed += 1;
      else result.retrying += 1;
    }),
  );
  return result;
}

async function sendOne(
  row: OutgoingMessageRow,
  registry: ChannelRegistry,
  timeoutMs: number,
): Promise<SendOutcome> {
  const sender = registry.byName(row.channel);
  if (sender === undefined) {
    return {
      kind: 'retry',
      reason: `the ${row.channel} channel is not configured on this instance`,
    };
  }
  try {
    return await sender.send(toOutgoingItem(row), AbortSignal.timeout(timeoutMs));
  } catch (error) {
    // A sender should say what happened, never throw; if one does, the item is kept.
    return {
      kind: 'retry',
      reason: `the ${row.channel} sender failed: ${error instanceof Error ? error.message : String(error)}`,
      inDoubt: true,
    };
  }
}

async function record(
  options: OutgoingDeliveryOptions,
  row: OutgoingMessageRow,
  leaseUntil: string,
  outcome: SendOutcome,
  maxAttempts: number,
  random: () => number,
): Promise<OutgoingMessageRow | undefined> {
  const at = options.now();
  const now = at.toISOString();
  return options.store.transaction(async (tx) => {
    let finished: OutgoingMessageRow | undefined;
    if (outcome.kind === 'sent') {
      const externalId = outcome.externalId ?? null;
      finished = await tx.finishOutgoing(row.id, leaseUntil, {
        state: 'sent',
        externalId,
        lastError: null,
        inDoubt: 0,
        sentAt: now,
        updatedAt: now,
      });
      // The channel's id on the message, in the same transaction: its echo is then the same
      // message, not a second one.
      if (finished !== undefined && externalId !== null && row.messageId !== null)
        await tx.linkMessageExternalId(row.messageId, externalId);
    } else if (outcome.kind === 'failed' || row.attempts >= maxAttempts) {
      const reason =
        outcome.kind === 'failed'
          ? outcome.reason
          : `gave up after ${row.attempts} attempts: ${outcome.reason}`;
      finished = await tx.finishOutgoing(row.id, leaseUntil, {
        state: 'failed',
        lastError: reason,
        updatedAt: now,
      });
    } else {
      const wait = outcome.retryAfterMs ?? outgoingBackoffMs(row.attempts, random);
      finished = await tx.finishOutgoing(row.id, leaseUntil, {
        state: 'queued',
        lastError: outcome.reason,
        inDoubt: outcome.inDoubt === true ? 1 : row.inDoubt,
        nextAttemptAt: new Date(at.getTime() + wait).toISOString(),
        updatedAt: now,
      });
    }
    // Undefined: the lease was lost: another instance took the item, or its echo from the
    // channel proved it sent while we waited for the answer (then it counts as sent here).
    if (finished === undefined) {
      const now = await tx.getOutgoing(row.id);
      return now?.state === 'sent' && outcome.kind === 'sent' ? now : undefined;
    }
    if (finished !== undefined)
      await tx.emit(
        'delivery.updated',
        finished.conversationId,
        { delivery: deliveryView(finished) },
        now,
      );
    return finished;
  });
}

/** Turns one instance runs at once: a slow channel holds one turn, not every conversation. */
const TURNS_AT_ONCE = 4;

/**
 * Runs delivery turns: every `intervalMs`, and soon after `kick` (a reply was just queued). Up
 * to four turns run at once, so a send waiting for its timeout holds back only the items of its
 * own turn; they never take the same item (each claim leases what it takes) and a conversation's
 * next item waits for the one on its way. `stop` waits for the turns in flight.
 */
export class OutgoingWorker {
  private readonly turns = new Set<Promise<void>>();
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: OutgoingDeliveryOptions,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number): this {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.kick();
    return this;
  }

  /** Runs a turn now, or as soon as one of those in flight ends. */
  kick(): void {
    if (this.stopped) return;
    if (this.turns.size >= TURNS_AT_ONCE) {
      this.again = true;
      return;
    }
    this.again = false;
    const turn: Promise<void> = (async () => {
      try {
        const done = await deliverOutgoing(this.options);
        // A full turn may have left more due: go on at once.
        if (done.sent + done.retrying + done.failed >= (this.options.batchSize ?? 50))
          this.again = true;
      } catch (error) {
        this.onError(error);
      }
    })().finally(() => {
      this.turns.delete(turn);
      if (this.again) this.kick();
    });
    this.turns.add(turn);
  }

  /** Waits for the turns in flight (tests). */
  async idle(): Promise<void> {
    while (this.turns.size > 0) await Promise.all([...this.turns]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.idle();
  }
}
