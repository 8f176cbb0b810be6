import type { Store } from '../storage/store.js';

/**
 * What every capability shares: the store, the clock and the settings read at start-up. It
 * knows no capability: each capability's service is given this, and the services it needs, where
 * the app is assembled (`services.ts`).
 */
export interface AppContext {
  store: Store;
  /** The clock; tests pass a fake one. */
  now: () => Date;
  /** The team's IANA time zone, for reading promised times. */
  timeZone: string;
  /** Minutes before its due time that a promise counts as coming due, until the policy says. */
  comingDueMinutes: number;
  /** Where escalations and promises coming due or missed are posted; none when unset. */
  webhookUrl: string | undefined;
}

export const iso = (d: Date): string => d.toISOString();
