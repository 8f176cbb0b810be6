// Replies that reach the customer through Chatwoot (issue 14), measured: Calmdesk (`calmdesk
// start`, SQLite in a fresh directory) sends N replies to a local server that speaks Chatwoot's
// API (packages/server/src/channels/fake-chatwoot.test-helper.ts) and fails about 30 % of the
// calls on purpose (500, 429 with Retry-After, no answer, no answer after taking the message,
// the connection dropped after taking it), echoing every message it takes back as Chatwoot's
// message_created webhook. Calmdesk is killed (SIGKILL) and started again once, mid-run.
// Prints how many replies Chatwoot got once, twice or never, how many Calmdesk stored twice,
// and the time from each reply being sent in Calmdesk to Chatwoot taking it (p50, p99).
//
//   npm run build -w @calmdesk/server (or npx tsc -b packages/core packages/server packages/cli)
//   node scripts/bench-chatwoot-out.mjs [--replies 500] [--conversations 50] [--fail 0.3]
//
// Bounded: it gives up waiting 180 s after the last reply was sent.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { transform } from 'esbuild';
import { startBenchServer } from './bench-start.mjs';

const { values } = parseArgs({
  options: {
    replies: { type: 'string', default: '500' },
    conversations: { type: 'string', default: '50' },
    fail: { type: 'string', default: '0.3' },
  },
});
const REPLIES = Number(values.replies);
const CONVERSATIONS = Number(values.conversations);
const FAIL = Number(values.fail);
const TOKEN = 'bench-chatwoot-token';
const WAIT_MS = 180_000;
const BIN = fileURLToPath(new URL('../packages/cli/bin/calmdesk.js', import.meta.url));

// The fake is TypeScript kept beside the tests; esbuild strips its types (it imports only node's
// own modules), so the benchmark and the tests use the same one.
const helper = fileURLToPath(
  new URL('../packages/server/src/channels/fake-chatwoot.test-helper.ts', import.meta.url),
);
const { code } = await transform(readFileSync(helper, 'utf8'), { loader: 'ts', format: 'esm' });
const { startFakeChatwoot, fakeIncoming } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);

// A seeded random, so a run fails the same calls in the same way.
let seed = 14;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const failures = { status500: 0, status429: 0, hang: 0, hangAfterCreate: 0, dropAfterCreate: 0 };
const plan = (call) => {
  if (call.method !== 'POST') return { kind: 'ok' };
  const r = random();
  if (r >= FAIL) return { kind: 'ok' };
  const share = r / FAIL;
  if (share < 0.35) {
    failures.status500 += 1;
    return { kind: 'status', status: 500 };
  }
  if (share < 0.6) {
    failures.status429 += 1;
    return { kind: 'status', status: 429, retryAfter: '1' };
  }
  if (share < 0.75) {
    failures.hang += 1;
    return { kind: 'hang' };
  }
  if (share < 0.9) {
    failures.hangAfterCreate += 1;
    return { kind: 'hang-after-create' };
  }
  failures.dropAfterCreate += 1;
  return { kind: 'drop-after-create' };
};

const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-chatwoot-'));
let target = { base: '', token: '' };
let echoesRefused = 0;
const fake = await startFakeChatwoot({
  token: TOKEN,
  plan,
  echo: async (payload) => {
    const res = await fetch(`${target.base}/api/v1/webhooks/chatwoot?token=${target.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }).catch(() => undefined);
    if (res === undefined || res.status >= 300) echoesRefused += 1;
    await res?.body?.cancel();
  },
});

const env = {
  ...process.env,
  CALMDESK_DATA_DIR: dataDir,
  CALMDESK_CHATWOOT_URL: fake.url,
  CALMDESK_CHATWOOT_API_TOKEN: TOKEN,
  CALMDESK_CHANNEL_TIMEOUT_MS: '1000',
  CALMDESK_SCHEDULER_INTERVAL_MS: '200',
  CALMDESK_LOGIN_ATTEMPTS: '1000',
};
delete env.DATABASE_URL;

let { base, headers, server } = await startBenchServer(env);
target = { base, token: headers.authorization.slice('Bearer '.length) };

/** Starts `calmdesk start` again on the same data (the admin and the token are kept). */
async function restart() {
  server.kill('SIGKILL');
  await new Promise((resolve) => server.once('exit', resolve));
  server = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
    env: { ...env, CALMDESK_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once('exit', () => reject(new Error(`server exited: ${out}`)));
  });
  target = { ...target, base };
}

async function post(path, body) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// The conversations, as Chatwoot's webhooks bring them.
const conversationIds = [];
for (let c = 1; c <= CONVERSATIONS; c++) {
  const res = await fetch(`${base}/api/v1/webhooks/chatwoot?token=${target.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fakeIncoming(1, c, 100_000 + c, `Order ${c} has not arrived yet.`)),
  });
  conversationIds.push((await res.json()).conversationId);
}

// The replies, round the conversations; Calmdesk is killed and started again halfway.
const sentAt = new Map();
const started = Date.now();
for (let i = 0; i < REPLIES; i++) {
  if (i === Math.floor(REPLIES / 2)) await restart();
  const conversationId = conversationIds[i % CONVERSATIONS];
  const text = `Reply ${i + 1}: I am sorry for the wait; I am looking into it now.`;
  await post(`/api/v1/conversations/${conversationId}/replies`, { text });
  sentAt.set(text, Date.now());
}
const allSent = Date.now();

// Until Chatwoot has every reply, or the bound.
const taken = () => new Set(fake.messages.map((m) => m.content)).size;
while (taken() < REPLIES && Date.now() - allSent < WAIT_MS)
  await new Promise((r) => setTimeout(r, 250));
// A moment more for repeats and late echoes to show.
await new Promise((r) => setTimeout(r, 3_000));

const byText = new Map();
for (const m of fake.messages) byText.set(m.content, [...(byText.get(m.content) ?? []), m]);
let delivered = 0;
let duplicated = 0;
const latencies = [];
for (const [text, at] of sentAt) {
  const copies = byText.get(text) ?? [];
  if (copies.length > 0) {
    delivered += 1;
    latencies.push(copies[0].receivedAtMs - at);
  }
  if (copies.length > 1) duplicated += 1;
}
const lost = REPLIES - delivered;

// Calmdesk's side: each conversation holds its customer message and its replies, once each.
let storedTwice = 0;
const states = {};
for (const id of conversationIds) {
  const res = await fetch(`${base}/api/v1/conversations/${id}`, { headers });
  const detail = await res.json();
  const texts = detail.messages.map((m) => m.text);
  storedTwice += texts.length - new Set(texts).size;
  for (const m of detail.messages)
    if (m.delivery) states[m.delivery.state] = (states[m.delivery.state] ?? 0) + 1;
}

latencies.sort((a, b) => a - b);
const pct = (p) =>
  latencies.length === 0
    ? null
    : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(
  JSON.stringify(
    {
      replies: REPLIES,
      conversations: CONVERSATIONS,
      restarts: 1,
      failedOnPurpose: failures,
      createCalls: fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))
        .length,
      delivered,
      duplicatedInChatwoot: duplicated,
      lost,
      storedTwiceInCalmdesk: storedTwice,
      echoesNotAccepted: echoesRefused,
      deliveryStates: states,
      msToDelivery: { p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1) ?? null },
      sendingSeconds: Math.round((allSent - started) / 100) / 10,
    },
    null,
    2,
  ),
);

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await fake.close();
rmSync(dataDir, { recursive: true, force: true });
