// How long /api/health waits while one costly request is in flight, over HTTP on 127.0.0.1.
//
//   node scripts/bench-stall.mjs [--json]
//
// Starts `calmdesk start` in a child process on a fresh SQLite database, creates a user and an
// API token, then for each costly request below sends it while polling GET /api/health every
// 10 ms, and reports the slowest and the median health answer during it, with the request's
// own status and time:
//   1. nesting: POST /api/v1/messages with five million "[" then five million "]" (10 MB);
//   2. nestingInBatchRoute: the same to POST /api/v1/messages/batch (which takes 16 MB);
//   3. batch: POST /api/v1/messages/batch with 1,000 valid messages of 10,000 characters (10 MB).
import { startBenchServer } from './bench-start.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const json = process.argv.includes('--json');
const dir = mkdtempSync(join(tmpdir(), 'calmdesk-stall-'));
const env = { ...process.env, CALMDESK_LOG_LEVEL: 'error', CALMDESK_DATA_DIR: dir };
delete env.DATABASE_URL;

const { base, headers, server } = await startBenchServer(env);

const N = 5_000_000;
// Bodies encoded once, before anything is timed: the client's own work must not count.
const nesting = Buffer.from('['.repeat(N) + ']'.repeat(N));
const words = 'Where is my refund? I have asked three times and nobody answers me. ';
const longText = words.repeat(Math.ceil(10_000 / words.length)).slice(0, 10_000);
const batch = Buffer.from(
  JSON.stringify({
    messages: Array.from({ length: 1000 }, (_, n) => ({
      externalId: `stall-${n}`,
      contact: { externalId: `stall-customer-${n % 50}` },
      conversation: { externalId: `stall-conversation-${n % 50}`, channel: 'chat' },
      text: longText,
    })),
  }),
);

/** GET /api/health on a connection of its own (a reused one may be closed under it). */
const health = () =>
  new Promise((resolve, reject) => {
    get(`${base}/api/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });

/** Sends `body` to `path` while health is polled; health's latencies during the request. */
async function underStall(path, body) {
  const latencies = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      await health();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await new Promise((r) => setTimeout(r, 50));
  const t = performance.now();
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  await response.text();
  const requestMs = performance.now() - t;
  done = true;
  await poll;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    status: response.status,
    requestMs: Math.round(requestMs),
    healthPolls: sorted.length,
    healthMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10,
    healthMaxMs: Math.round(sorted[sorted.length - 1] * 10) / 10,
  };
}

const results = {};
try {
  for (let i = 0; i < 5; i += 1) await health(); // warm
  results.nesting = await underStall('/api/v1/messages', nesting);
  results.nestingInBatchRoute = await underStall('/api/v1/messages/batch', nesting);
  results.batch = await underStall('/api/v1/messages/batch', batch);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

if (json) {
  console.log(JSON.stringify(results));
} else {
  console.log('Health under one costly request, SQLite, 127.0.0.1');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `  ${name}: answered ${r.status} in ${r.requestMs} ms; health (${r.healthPolls} polls) median ${r.healthMedianMs} ms, max ${r.healthMaxMs} ms`,
    );
  }
}
