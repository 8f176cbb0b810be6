import { sign } from '../integrations/signature.js';
import type { Store } from '../storage/store.js';

export interface DeliveryOptions {
  store: Store;
  url: string;
  /** Signs each delivery when set (X-Calmdesk-Signature). */
  secret?: string | undefined;
  now: () => Date;
  /** The HTTP client; tests and benchmarks may pass their own. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** After this many failed attempts a delivery is marked failed and kept for an admin to see. */
  maxAttempts?: number;
}

/** 5 s, 10 s, 20 s ... doubling, at most an hour between attempts. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempt - 1));
}

/** fetch says only "fetch failed" for any network error; the reason an admin needs is its cause. */
function failureOf(e: unknown): string {
  const error = e as Error & { cause?: { message?: unknown; code?: unknown } };
  const cause = error.cause?.message || error.cause?.code;
  return typeof cause === 'string' && cause.length > 0
    ? `${error.message}: ${cause}`
    : error.message;
}

/** The most deliveries one turn takes. */
const DELIVERIES_PER_TURN = 20;
/** Kept between a request's timeout and the end of its lease, for clocks a little apart. */
const LEASE_MARGIN_MS = 1_000;

/**
 * Delivers queued webhook messages: a turn leases up to 20, so a crash mid-delivery means they
 * are sent again after the lease (at least once, never lost), and an instance never sends one
 * another instance holds. A delivery is sent only while its lease outlasts the request's
 * timeout; those the turn cannot send in time are handed back at once. (Sending the last of a
 * turn's 20 after their lease had run out, to a slow receiver, let another instance send them
 * again: 90 events went out as 110 posts.) Receivers can drop repeats by X-Calmdesk-Delivery.
 */
export async function deliverWebhooks(
  options: DeliveryOptions,
): Promise<{ delivered: number; failed: number }> {
  const { store, url } = options;
  const doFetch = options.fetch ?? fetch;
  const maxAttempts = options.maxAttempts ?? 20;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const start = options.now();
  const leaseEnds = start.getTime() + timeoutMs * 2 + 5_000;
  const batch = await store.claimOutbox(
    start.toISOString(),
    new Date(leaseEnds).toISOString(),
    DELIVERIES_PER_TURN,
  );
  let delivered = 0;
  let failed = 0;
  for (const [i, item] of batch.entries()) {
    if (options.now().getTime() + timeoutMs + LEASE_MARGIN_MS > leaseEnds) {
      // Too late to send within the lease: handed back, for this or another instance's next turn.
      const now = options.now().toISOString();
      for (const rest of batch.slice(i)) await store.updateOutbox(rest.id, { nextAttemptAt: now });
      break;
    }
    const timestamp = Math.floor(options.now().getTime() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Calmdesk-Webhook/1',
      'x-calmdesk-delivery': String(item.id),
      'x-calmdesk-event': item.kind,
      'x-calmdesk-timestamp': String(timestamp),
    };
    if (options.secret !== undefined)
      headers['x-calmdesk-signature'] = sign(options.secret, timestamp, item.body);
    let error: string | null = null;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers,
        body: item.body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      if (!response.ok) error = `HTTP ${response.status}`;
      await response.body?.cancel().catch(() => undefined);
    } catch (e) {
      error = failureOf(e);
    }
    const attempts = item.attempts + 1;
    const at = options.now();
    if (error === null) {
      await store.updateOutbox(item.id, {
        status: 'delivered',
        attempts,
        deliveredAt: at.toISOString(),
        lastError: null,
      });
      delivered += 1;
    } else if (attempts >= maxAttempts) {
      await store.updateOutbox(item.id, { status: 'failed', attempts, lastError: error });
      failed += 1;
    } else {
      await store.updateOutbox(item.id, {
        attempts,
        lastError: error,
        nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)).toISOString(),
      });
      failed += 1;
    }
  }
  return { delivered, failed };
}
