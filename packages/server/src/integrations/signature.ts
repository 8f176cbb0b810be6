import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed request's timestamp may be from our clock, against replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The signature scheme Chatwoot uses for its webhooks, and Calmdesk for its own in and out:
 * `sha256=` + hex HMAC-SHA256 of `"<unix seconds>.<raw body>"`, the seconds sent beside it.
 */
export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  body: string,
  signature: string | undefined,
  timestamp: string | undefined,
  nowMs: number,
): SignatureCheck {
  if (signature === undefined || timestamp === undefined) {
    return { ok: false, reason: 'missing the signature or timestamp header' };
  }
  if (!/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'the timestamp is not unix seconds' };
  const ts = Number(timestamp);
  if (Math.abs(nowMs / 1000 - ts) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      ok: false,
      reason: `the timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s from now`,
    };
  }
  const expected = Buffer.from(sign(secret, ts, body));
  const actual = Buffer.from(signature.trim());
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'the signature does not match the body' };
  }
  return { ok: true };
}
