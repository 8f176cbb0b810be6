import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import type { Store } from '../storage/store.js';
import { deliverWebhooks } from './deliver-webhooks.js';
import { SIGNATURE_TOLERANCE_SECONDS, sign, verifySignature } from './signature.js';

/*
 * Reference vectors: fixed secrets, bodies and timestamps with the signature an integration
 * partner computes, worked out once with openssl (the command beside each), never with our own
 * sign(). If the signed content ("<unix seconds>.<raw body>"), the hash, the hex encoding or the
 * "sha256=" prefix changes, these fail, as a partner's signatures would. The replay window is
 * checked on both sides of now: too old, too new, and exactly at each edge.
 */

const CHATWOOT_SECRET = 'chatwoot-secret-0123456789';
const INCOMING_SECRET = 'incoming-secret-0123456789';
const OUTGOING_SECRET = 'outgoing-secret-0123456789';

/** 2026-03-02T09:20:00Z, the receiving server's clock in the route tests. */
const NOW_S = 1772443200;
const NOW = new Date(NOW_S * 1000);

/** An event Chatwoot sends that Calmdesk acknowledges and ignores: only the signature matters. */
const CHATWOOT_BODY = '{"event":"conversation_typing_on","id":42}';
/** One message in the ingest shape, for the generic webhook. */
const GENERIC_BODY =
  '{"externalId":"vec-1","contact":{"externalId":"c-vec-1","name":"Maria Lopez"},"conversation":{"externalId":"conv-vec-1","channel":"chat"},"text":"Where is my order? It is two weeks late."}';

interface Vector {
  name: string;
  secret: string;
  timestamp: number;
  body: string;
  signature: string;
}

const VECTORS: readonly Vector[] = [
  {
    name: 'Chatwoot, now',
    secret: CHATWOOT_SECRET,
    timestamp: 1772443200,
    body: CHATWOOT_BODY,
    // printf '%s' '1772443200.{"event":"conversation_typing_on","id":42}' | openssl dgst -sha256 -hmac 'chatwoot-secret-0123456789'
    signature: 'sha256=0ac536b694d3263ceb3127fbc8a91cde580ee9fdcabc32b42039064b65c78158',
  },
  {
    name: 'Chatwoot, 300 s before now',
    secret: CHATWOOT_SECRET,
    timestamp: 1772442900,
    body: CHATWOOT_BODY,
    // printf '%s' '1772442900.{"event":"conversation_typing_on","id":42}' | openssl dgst -sha256 -hmac 'chatwoot-secret-0123456789'
    signature: 'sha256=0abe58ed2312d358efcd8499b232b132eedea4280e40a8746492001c56105ea9',
  },
  {
    name: 'Chatwoot, 300 s after now',
    secret: CHATWOOT_SECRET,
    timestamp: 1772443500,
    body: CHATWOOT_BODY,
    // printf '%s' '1772443500.{"event":"conversation_typing_on","id":42}' | openssl dgst -sha256 -hmac 'chatwoot-secret-0123456789'
    signature: 'sha256=de4753f399b9c1df2fed19015e1fd4349dc16e5bc86e34dcc089ea43321b53bd',
  },
  {
    name: 'Chatwoot, 301 s before now',
    secret: CHATWOOT_SECRET,
    timestamp: 1772442899,
    body: CHATWOOT_BODY,
    // printf '%s' '1772442899.{"event":"conversation_typing_on","id":42}' | openssl dgst -sha256 -hmac 'chatwoot-secret-0123456789'
    signature: 'sha256=aa204691665de9fa86ae0d171fa2defdc7520cba4b7857ac39723bc1678a3d2c',
  },
  {
    name: 'Chatwoot, 301 s after now',
    secret: CHATWOOT_SECRET,
    timestamp: 1772443501,
    body: CHATWOOT_BODY,
    // printf '%s' '1772443501.{"event":"conversation_typing_on","id":42}' | openssl dgst -sha256 -hmac 'chatwoot-secret-0123456789'
    signature: 'sha256=b202342b8f293a83f12efd4a1511e7914cf6e69ebfa4d55065d0895c8ff72a89',
  },
  {
    name: 'generic, now',
    secret: INCOMING_SECRET,
    timestamp: 1772443200,
    body: GENERIC_BODY,
    // printf '%s' "1772443200.$GENERIC_BODY" | openssl dgst -sha256 -hmac 'incoming-secret-0123456789'
    signature: 'sha256=3749b04f92f37132b2d03869df1af93d16f314c45b2db5d6f6cee2afab5ea25e',
  },
  {
    name: 'generic, 300 s before now',
    secret: INCOMING_SECRET,
    timestamp: 1772442900,
    body: GENERIC_BODY,
    // printf '%s' "1772442900.$GENERIC_BODY" | openssl dgst -sha256 -hmac 'incoming-secret-0123456789'
    signature: 'sha256=c6e2a48ea558d698e09d1a057f6a5bf52a1fbedd56e2e2a92f7b3086162083db',
  },
  {
    name: 'generic, 300 s after now',
    secret: INCOMING_SECRET,
    timestamp: 1772443500,
    body: GENERIC_BODY,
    // printf '%s' "1772443500.$GENERIC_BODY" | openssl dgst -sha256 -hmac 'incoming-secret-0123456789'
    signature: 'sha256=fae079e98b0c2a861f6f753add07364942dbf24f87a8d18ca2e0d0516e8e36a1',
  },
  {
    name: 'generic, 301 s before now',
    secret: INCOMING_SECRET,
    timestamp: 1772442899,
    body: GENERIC_BODY,
    // printf '%s' "1772442899.$GENERIC_BODY" | openssl dgst -sha256 -hmac 'incoming-secret-0123456789'
    signature: 'sha256=7bcfd2c8364c3fb4199e134739060f0823f4318034c793db5c79ac24d587577b',
  },
  {
    name: 'generic, 301 s after now',
    secret: INCOMING_SECRET,
    timestamp: 1772443501,
    body: GENERIC_BODY,
    // printf '%s' "1772443501.$GENERIC_BODY" | openssl dgst -sha256 -hmac 'incoming-secret-0123456789'
    signature: 'sha256=35866016ff8cf9f0aea3fbeacaeff5d66620fb2db910ba86356e5d5364cb957f',
  },
  {
    name: 'UTF-8 body: the bytes are signed, not UTF-16 units',
    secret: INCOMING_SECRET,
    timestamp: 1772443200,
    body: '{"text":"Ça ne marche pas — 5 €"}',
    // printf '%s' '1772443200.{"text":"Ça ne marche pas — 5 €"}' | openssl dgst -sha256 -hmac 'incoming-secret-0123456789'
    signature: 'sha256=d798be9f0cb0f54566abaf3ce97ab210cda396a8ab53f2917619a8d5357c6766',
  },
];

/** Seconds from NOW of each vector: inside the window (|d| <= 300) or outside it. */
const offset = (v: Vector) => v.timestamp - NOW_S;
const inside = VECTORS.filter((v) => Math.abs(offset(v)) <= 300);
const outside = VECTORS.filter((v) => Math.abs(offset(v)) > 300);

describe('signature reference vectors', () => {
  it('the replay window is five minutes each way', () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    expect(inside).toHaveLength(7);
    expect(outside).toHaveLength(4);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('sign() gives the vector: %s', (_, v) => {
    expect(sign(v.secret, v.timestamp, v.body)).toBe(v.signature);
  });

  it.each(inside.map((v) => [v.name, v] as const))('accepted inside the window: %s', (_, v) => {
    const check = verifySignature(v.secret, v.body, v.signature, String(v.timestamp), NOW_S * 1000);
    expect(check).toEqual({ ok: true });
  });

  it.each(outside.map((v) => [v.name, v] as const))(
    'refused outside the window, though signed right: %s',
    (_, v) => {
      const check = verifySignature(
        v.secret,
        v.body,
        v.signature,
        String(v.timestamp),
        NOW_S * 1000,
      );
      expect(check).toEqual({ ok: false, reason: 'the timestamp is more than 300 s from now' });
    },
  );

  it('the edge is exact to the millisecond: 300.001 s either way is refused', () => {
    const [v] = VECTORS;
    const at = (ms: number) => verifySignature(v!.secret, v!.body, v!.signature, '1772443200', ms);
    expect(at(NOW_S * 1000 + 300_000)).toEqual({ ok: true });
    expect(at(NOW_S * 1000 - 300_000)).toEqual({ ok: true });
    expect(at(NOW_S * 1000 + 300_001).ok).toBe(false);
    expect(at(NOW_S * 1000 - 300_001).ok).toBe(false);
  });

  it('refuses the signature of the body alone, of another timestamp, or with another secret', () => {
    const now = NOW_S * 1000;
    const refuse = { ok: false, reason: 'the signature does not match the body' };
    // printf '%s' '{"event":"conversation_typing_on","id":42}' | openssl dgst -sha256 -hmac 'chatwoot-secret-0123456789'
    const bodyOnly = 'sha256=ebb752c46b12df250aac91c9dc55f7989ff6e63615dccfbdffc4f20516f74239';
    expect(verifySignature(CHATWOOT_SECRET, CHATWOOT_BODY, bodyOnly, '1772443200', now)).toEqual(
      refuse,
    );
    // The signature made for 1772442900, sent with the timestamp 1772443200.
    const other = 'sha256=0abe58ed2312d358efcd8499b232b132eedea4280e40a8746492001c56105ea9';
    expect(verifySignature(CHATWOOT_SECRET, CHATWOOT_BODY, other, '1772443200', now)).toEqual(
      refuse,
    );
    // The Chatwoot vector checked with the generic webhook's secret.
    const chatwoot = 'sha256=0ac536b694d3263ceb3127fbc8a91cde580ee9fdcabc32b42039064b65c78158';
    expect(verifySignature(INCOMING_SECRET, CHATWOOT_BODY, chatwoot, '1772443200', now)).toEqual(
      refuse,
    );
    // Without the prefix, in capitals, or one body byte changed.
    for (const [signature, body] of [
      [chatwoot.slice('sha256='.length), CHATWOOT_BODY],
      [`sha256=${chatwoot.slice(7).toUpperCase()}`, CHATWOOT_BODY],
      [chatwoot, CHATWOOT_BODY.replace('42', '43')],
    ] as const) {
      expect(verifySignature(CHATWOOT_SECRET, body, signature, '1772443200', now)).toEqual(refuse);
    }
    // Surrounding white space in the header is forgiven.
    expect(
      verifySignature(CHATWOOT_SECRET, CHATWOOT_BODY, ` ${chatwoot} `, '1772443200', now),
    ).toEqual({ ok: true });
  });

  it('refuses a missing header, or a timestamp that is not unix seconds', () => {
    const now = NOW_S * 1000;
    const signature = 'sha256=0ac536b694d3263ceb3127fbc8a91cde580ee9fdcabc32b42039064b65c78158';
    const missing = { ok: false, reason: 'missing the signature or timestamp header' };
    expect(verifySignature(CHATWOOT_SECRET, CHATWOOT_BODY, undefined, '1772443200', now)).toEqual(
      missing,
    );
    expect(verifySignature(CHATWOOT_SECRET, CHATWOOT_BODY, signature, undefined, now)).toEqual(
      missing,
    );
    for (const timestamp of ['1772443200.0', '1772443200000000', '-1', ' 1772443200', '', '1e9']) {
      expect(
        verifySignature(CHATWOOT_SECRET, CHATWOOT_BODY, signature, timestamp, now),
        timestamp,
      ).toEqual({ ok: false, reason: 'the timestamp is not unix seconds' });
    }
  });
});

const silent = { info: () => undefined, error: () => undefined };
const open: Calmdesk[] = [];
afterEach(async () => {
  for (const calmdesk of open.splice(0)) await calmdesk.store.close();
});

async function start(): Promise<Calmdesk> {
  const config = loadConfig(
    {},
    {
      dataDir: ':memory:',
      logLevel: 'silent',
      chatwootSecret: CHATWOOT_SECRET,
      incomingWebhookSecret: INCOMING_SECRET,
    },
  );
  const calmdesk = await createCalmdesk(config, { now: () => NOW, log: silent });
  open.push(calmdesk);
  return calmdesk;
}

const ROUTES = [
  { path: '/api/v1/webhooks/chatwoot', prefix: 'x-chatwoot', secret: CHATWOOT_SECRET, ok: '202' },
  { path: '/api/v1/webhooks/generic', prefix: 'x-calmdesk', secret: INCOMING_SECRET, ok: '201' },
] as const;

describe('the webhook routes take a partner’s signatures, within the window only', () => {
  it.each(ROUTES.map((r) => [r.path, r] as const))(
    '%s: the reference vectors in the window pass, those outside are refused',
    async (_, r) => {
      const calmdesk = await start();
      const post = (v: Vector) =>
        calmdesk.app.request(r.path, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [`${r.prefix}-signature`]: v.signature,
            [`${r.prefix}-timestamp`]: String(v.timestamp),
          },
          body: v.body,
        });
      const mine = VECTORS.filter((v) => v.secret === r.secret && v.body !== VECTORS[10]!.body);
      expect(mine).toHaveLength(5);
      const statuses: Record<number, string> = {};
      for (const v of mine) {
        const response = await post(v);
        const text = await response.text();
        statuses[offset(v)] =
          `${response.status}${text.includes('300 s from now') ? ' too far' : ''}`;
      }
      const tooFar = '401 too far';
      expect(statuses).toEqual({ [-301]: tooFar, [-300]: r.ok, 0: r.ok, 300: r.ok, 301: tooFar });
    },
  );
});

describe('outgoing webhooks carry the reference signature of their send time', () => {
  const BODY = '{"event":"conversation.escalated","conversationId":"c-1"}';

  /** A store holding one queued delivery with a fixed body, recording what is written back. */
  function oneDelivery() {
    const updates: unknown[] = [];
    const store = {
      claimOutbox: () =>
        Promise.resolve([{ id: 7, kind: 'conversation.escalated', body: BODY, attempts: 0 }]),
      updateOutbox: (id: number, patch: unknown) => {
        updates.push({ id, patch });
        return Promise.resolve();
      },
    } as unknown as Store;
    return { store, updates };
  }

  it.each([
    // printf '%s' '1772445600.{"event":"conversation.escalated","conversationId":"c-1"}' | openssl dgst -sha256 -hmac 'outgoing-secret-0123456789'
    [
      '2026-03-02T10:00:00.000Z',
      '1772445600',
      'sha256=93528d2da78b2fb32fe59d9ac1d9d1ba6bc1474cd45111b76f81a3fe9f6c279d',
    ],
    // The seconds are cut, not rounded: 10:00:00.999 is still 1772445600.
    [
      '2026-03-02T10:00:00.999Z',
      '1772445600',
      'sha256=93528d2da78b2fb32fe59d9ac1d9d1ba6bc1474cd45111b76f81a3fe9f6c279d',
    ],
    // A retry a minute later is signed again with its own time, so it passes a receiver's window.
    // printf '%s' '1772445660.{"event":"conversation.escalated","conversationId":"c-1"}' | openssl dgst -sha256 -hmac 'outgoing-secret-0123456789'
    [
      '2026-03-02T10:01:00.000Z',
      '1772445660',
      'sha256=d64b22865f57d180a7607a5c94935f931e5bdee4f4a322fed52506375794799f',
    ],
  ])('sent at %s: timestamp %s, signature %s', async (at, timestamp, signature) => {
    const { store } = oneDelivery();
    const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
    const fakeFetch = (url: string, init?: RequestInit) => {
      sent.push({
        url,
        headers: init!.headers as Record<string, string>,
        body: init!.body as string,
      });
      return Promise.resolve(new Response('ok'));
    };
    const result = await deliverWebhooks({
      store,
      url: 'https://hooks.example.com/calmdesk',
      secret: OUTGOING_SECRET,
      now: () => new Date(at),
      fetch: fakeFetch as typeof fetch,
    });
    expect(result).toEqual({ delivered: 1, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://hooks.example.com/calmdesk');
    expect(sent[0]!.body).toBe(BODY);
    expect(sent[0]!.headers['x-calmdesk-timestamp']).toBe(timestamp);
    expect(sent[0]!.headers['x-calmdesk-signature']).toBe(signature);
    expect(sent[0]!.headers['x-calmdesk-delivery']).toBe('7');
    expect(sent[0]!.headers['x-calmdesk-event']).toBe('conversation.escalated');
    // What a receiver does with it: accepted now, refused once more than 300 s have passed.
    const sentMs = Number(timestamp) * 1000;
    expect(verifySignature(OUTGOING_SECRET, BODY, signature, timestamp, sentMs + 300_000)).toEqual({
      ok: true,
    });
    expect(verifySignature(OUTGOING_SECRET, BODY, signature, timestamp, sentMs + 301_000).ok).toBe(
      false,
    );
  });

  it('without a secret a delivery carries no signature, only its timestamp', async () => {
    const { store } = oneDelivery();
    const headers: Record<string, string>[] = [];
    await deliverWebhooks({
      store,
      url: 'https://hooks.example.com/calmdesk',
      now: () => new Date('2026-03-02T10:00:00.000Z'),
      fetch: (_: unknown, init?: RequestInit) => {
        headers.push(init!.headers as Record<string, string>);
        return Promise.resolve(new Response('ok'));
      },
    });
    expect(headers).toHaveLength(1);
    expect(headers[0]!['x-calmdesk-timestamp']).toBe('1772445600');
    expect(Object.keys(headers[0]!)).not.toContain('x-calmdesk-signature');
  });
});
