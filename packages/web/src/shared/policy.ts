import { api } from '../api/client.js';

/** What of the team's policy the pages need. */
export interface PagePolicy {
  /** A customer message at or above this temperature counts as upset (the coach reads it). */
  upsetTemperature?: number;
  /** The goodwill currency, e.g. "USD". */
  currency?: string;
}

let policy: Promise<PagePolicy> | null = null;

/** The team's policy, read once per page load, so the coach reads the customer as the server does. */
export function fetchPolicy(): Promise<PagePolicy> {
  policy ??= api<{
    conversation?: { upsetTemperature?: number };
    goodwill?: { currency?: string };
  }>('GET', '/api/v1/policy').then(
    (p) => {
      const out: PagePolicy = {};
      if (p.conversation?.upsetTemperature !== undefined)
        out.upsetTemperature = p.conversation.upsetTemperature;
      if (p.goodwill?.currency !== undefined) out.currency = p.goodwill.currency;
      return out;
    },
    () => {
      policy = null;
      return {};
    },
  );
  return policy;
}
