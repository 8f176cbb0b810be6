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

/** The most deliveries one turn sends. */
const DELIVERIES_PER_TURN = 20;

/**
 * Delivers queued webhook messages: each is leased just before it is sent, for longer than its
 * request may take, so a crash mid-delivery means it is sent again after the lease (at least
 * once, never lost), and an instance never sends one another instance holds, however slow the
 * receiver. (Leasing a turn's 20 at once let the lease of the last run out while the first were
 * still being sent to a slow receiver, and another instance sent them again.) Receivers can drop
 * repeats by X-Calmdesk-Delivery.
 */
export async function deliverWebhooks(
  options: DeliveryOptions,
): Promise<{ delivered: number; failed: number }> {
  const { store, url } = options;
  const doFetch = options.fetch ?? fetch;
  const maxAttempts = options.maxAttempts ?? 20;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let delivered = 0;
  let failed = 0;
  for (let turn = 0; turn < DELIVERIES_PER_TURN; turn += 1) {
    const claimedAt = options.now();
    const lease = new Date(claimedAt.getTime() + timeoutMs * 2 + 5_000).toISOString();
    const [item] = await store.claimOutbox(claimedAt.toISOString(), lease, 1);
    if (item === undefined) break;
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
