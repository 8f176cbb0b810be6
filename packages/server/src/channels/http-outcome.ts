import type { SendOutcome } from './outgoing-item.js';

/** The longest wait a channel's Retry-After is taken at; past it, the backoff decides. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Milliseconds a Retry-After header asks for: seconds, or an HTTP date (against `nowMs`).
 * Undefined when absent or unreadable.
 */
export function readRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}

/**
 * What an HTTP answer means for a send: 2xx sent; 408, 425, 429 and 5xx are passing (429 and
 * 503 with their Retry-After); any other 4xx will not get better by trying again.
 */
export function outcomeOfStatus(
  response: Response,
  nowMs: number,
  what: string,
): Exclude<SendOutcome, { kind: 'sent' }> | undefined {
  if (response.ok) return undefined;
  const status = response.status;
  const reason = `${what} answered HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    const retryAfterMs = readRetryAfter(response.headers.get('retry-after'), nowMs);
    return retryAfterMs === undefined
      ? { kind: 'retry', reason }
      : { kind: 'retry', reason, retryAfterMs };
  }
  return { kind: 'failed', reason };
}

/**
 * A network failure as a passing one. fetch says only "fetch failed"; the cause names what
 * happened (ECONNREFUSED, a timeout). A request that timed out or lost its connection may have
 * arrived: it is in doubt. A refused connection never reached the channel.
 */
export function outcomeOfError(
  error: unknown,
  what: string,
): Exclude<SendOutcome, { kind: 'sent' }> {
  const e = error as Error & { cause?: { message?: unknown; code?: unknown } };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
  const detail = timedOut
    ? 'no answer in time'
    : (typeof e.cause?.message === 'string' && e.cause.message) || code || e.message;
  const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return { kind: 'retry', reason: `${what} could not be reached: ${detail}`, inDoubt: !refused };
}
