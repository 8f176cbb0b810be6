import { describe, expect, it } from 'vitest';
import { outcomeOfError, outcomeOfStatus, readRetryAfter } from './http-outcome.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');

describe('what a channel answer means for a send', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    expect(readRetryAfter('120', NOW)).toBe(120_000);
    expect(readRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(readRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW)).toBe(0);
    expect(readRetryAfter('soon', NOW)).toBeUndefined();
    expect(readRetryAfter(null, NOW)).toBeUndefined();
    // A channel asking for a day is tried again within the hour.
    expect(readRetryAfter('86400', NOW)).toBe(3_600_000);
  });

  it('retries 408, 429 and 5xx (with their Retry-After), fails other 4xx, and passes 2xx', () => {
    const answer = (status: number, headers: Record<string, string> = {}) =>
      outcomeOfStatus(new Response(null, { status, headers }), NOW, 'Chatwoot');
    expect(answer(200)).toBeUndefined();
    expect(answer(429, { 'retry-after': '7' })).toMatchObject({
      kind: 'retry',
      retryAfterMs: 7_000,
    });
    expect(answer(503)).toMatchObject({ kind: 'retry', reason: 'Chatwoot answered HTTP 503' });
    expect(answer(408)).toMatchObject({ kind: 'retry' });
    expect(answer(401)).toMatchObject({ kind: 'failed', reason: 'Chatwoot answered HTTP 401' });
    expect(answer(404)).toMatchObject({ kind: 'failed' });
  });

  it('counts a timeout as in doubt (it may have arrived), a refused connection not', () => {
    const timeout = new DOMException('The operation timed out.', 'TimeoutError');
    expect(outcomeOfError(timeout, 'Chatwoot')).toEqual({
      kind: 'retry',
      reason: 'Chatwoot could not be reached: no answer in time',
      inDoubt: true,
    });
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' },
    });
    expect(outcomeOfError(refused, 'Chatwoot')).toMatchObject({ kind: 'retry', inDoubt: false });
    expect(outcomeOfError(refused, 'Chatwoot').reason).toContain('ECONNREFUSED');
  });
});
