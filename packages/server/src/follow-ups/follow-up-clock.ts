import { deliverWebhooks, type DeliveryOptions } from '../integrations/deliver-webhooks.js';
import type { Store } from '../storage/store.js';
import type { FollowUpService } from './follow-up-service.js';

export interface ClockOptions {
  followUps: FollowUpService;
  /** Where the outbox of webhook deliveries is kept. */
  store: Store;
  now: () => Date;
  intervalMs: number;
  /** Outgoing webhook, when configured. */
  delivery?: Omit<DeliveryOptions, 'store' | 'now'> | undefined;
  onError: (error: unknown) => void;
}

/**
 * The service's clock: every interval it runs the follow-up clock (due, missed, snoozed
 * conversations waking) and delivers queued webhooks. A turn never overlaps the previous one;
 * `stop` waits for the turn in flight to finish.
 */
export function startClock(options: ClockOptions): {
  stop: () => Promise<void>;
  tick: () => Promise<void>;
} {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    try {
      await options.followUps.runClock();
      if (options.delivery !== undefined) {
        await deliverWebhooks({
          ...options.delivery,
          store: options.store,
          now: options.now,
        });
      }
    } catch (error) {
      options.onError(error);
    }
  };
  const loop = (): void => {
    if (stopped || running !== undefined) return;
    running = tick().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(loop, options.intervalMs);
  loop();
  return {
    tick: async () => {
      if (running !== undefined) await running;
      await tick();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running !== undefined) await running;
    },
  };
}
