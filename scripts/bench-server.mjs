// Load test of the Calmdesk service over HTTP on 127.0.0.1, with autocannon, bounded in time.
//
//   node scripts/bench-server.mjs [--db sqlite|postgres] [--seconds N] [--json]
//
// Starts `calmdesk start` in a child process on a fresh database (SQLite in a temporary
// directory, or a fresh PostgreSQL database beside CALMDESK_TEST_DATABASE_URL), creates a user
// and an API token, then measures:
//   1. batched ingest: POST /api/v1/messages/batch, 100 new messages a request, as fast as it goes;
//   2. single ingest at a fixed 500 requests/s: p50/p99 latency;
//   3. reading the inbox (GET /api/v1/conversations?sort=urgency) at a fixed 200 requests/s.
// Every message is analysed and committed before its request is answered.
import { startBenchServer } from './bench-start.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const db = opt('db', 'sqlite');
const seconds = Number(opt('seconds', '10'));
const json = args.includes('--json');
if (!['sqlite', 'postgres'].includes(db) || !(seconds > 0 && seconds <= 60)) {
  console.error('usage: bench-server.mjs [--db sqlite|postgres] [--seconds 1-60] [--json]');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-'));
const env = { ...process.env, CALMDESK_LOG_LEVEL: 'error', CALMDESK_DATA_DIR: dir };
let dropDatabase = async () => {};

if (db === 'postgres') {
  const admin =
    process.env.CALMDESK_TEST_DATABASE_URL ??
    'postgres://calmdesk:calmdesk@127.0.0.1:5432/postgres';
  const name = `calmdesk_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

const { base, headers, server } = await startBenchServer(env);

// Messages as support teams receive them: a mix of calm and upset, 2,000 customers.
const TEXTS = [
  'Hi, could you tell me when my order will ship? Thanks!',
  'This is the THIRD time I am writing. Where is my refund?!',
  'You charged me twice for the same order and nobody answers. Unacceptable.',
  'My headphones arrived broken. I want a replacement or my money back.',
  'Thanks for the quick help yesterday, all sorted now.',
  'I have been waiting two hours on the phone. I will cancel my subscription.',
];
let seq = 0;
const message = () => {
  const n = seq++;
  return {
    externalId: `bench-${n}`,
    contact: { externalId: `customer-${n % 2000}` },
    conversation: { externalId: `conversation-${n % 2000}`, channel: 'chat' },
    text: TEXTS[n % TEXTS.length],
  };
};

const run = (opts, duration = seconds) =>
  new Promise((resolve, reject) => {
    autocannon({ url: base, duration, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
// Each phase is measured at steady state: a 2-second warm-up at the same load comes first
// (it lets the JIT and the previous phase's clean-up settle) and is not counted.
const measure = async (opts) => {
  await run(opts, 2);
  return run(opts);
};

const results = {};
try {
  const batchSize = 100;
  const batch = await measure({
    connections: 4,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/messages/batch',
        headers,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ messages: Array.from({ length: batchSize }, message) }),
        }),
      },
    ],
  });
  results.batch = {
    messagesPerSecond: Math.round(
      batch.requests.average * batchSize * (batch['2xx'] / Math.max(1, batch.requests.total)),
    ),
    requests: batch.requests.total,
    non2xx: batch.non2xx,
    p50ms: batch.latency.p50,
    p99ms: batch.latency.p99,
    maxMs: batch.latency.max,
  };

  // Ten connections, as a few integrations posting webhooks would hold open.
  const single = await measure({
    connections: 10,
    overallRate: 500,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/messages',
        headers,
        setupRequest: (req) => ({ ...req, body: JSON.stringify(message()) }),
      },
    ],
  });
  results.single = {
    rate: 500,
    achieved: single.requests.average,
    requests: single.requests.total,
    non2xx: single.non2xx,
    p50ms: single.latency.p50,
    p99ms: single.latency.p99,
    maxMs: single.latency.max,
  };

  const inbox = await measure({
    connections: 10,
    overallRate: 200,
    requests: [{ method: 'GET', path: '/api/v1/conversations?sort=urgency&limit=50', headers }],
  });
  results.inbox = {
    rate: 200,
    achieved: inbox.requests.average,
    requests: inbox.requests.total,
    non2xx: inbox.non2xx,
    p50ms: inbox.latency.p50,
    p99ms: inbox.latency.p99,
    maxMs: inbox.latency.max,
  };
  results.messagesStored = seq;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase();
}

if (json) {
  console.log(JSON.stringify({ db, seconds, ...results }));
} else {
  console.log(`Calmdesk over HTTP on 127.0.0.1, ${db}, ${seconds} s a phase`);
  console.log(
    `  batched ingest (100/request, 4 connections): ${results.batch.messagesPerSecond} msgs/s, p50 ${results.batch.p50ms} ms, p99 ${results.batch.p99ms} ms, non-2xx ${results.batch.non2xx}`,
  );
  console.log(
    `  single ingest at ${results.single.rate} req/s: achieved ${results.single.achieved}/s, p50 ${results.single.p50ms} ms, p99 ${results.single.p99ms} ms, max ${results.single.maxMs} ms, non-2xx ${results.single.non2xx}`,
  );
  console.log(
    `  inbox read at ${results.inbox.rate} req/s: achieved ${results.inbox.achieved}/s, p50 ${results.inbox.p50ms} ms, p99 ${results.inbox.p99ms} ms, max ${results.inbox.maxMs} ms, non-2xx ${results.inbox.non2xx}`,
  );
}
