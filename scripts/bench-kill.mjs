// Durability under SIGKILL: six writers stream messages at `calmdesk start` (SQLite) while the
// server is killed without warning again and again and restarted on the same data directory.
//
//   node scripts/bench-kill.mjs [--kills 26] [--writers 6] [--json]
//
// Each writer POSTs /api/v1/messages one at a time, each message with its own external id, and
// counts it acknowledged on a 201 (or a 200 duplicate). A message whose request failed with the
// server is sent again after the restart, as a webhook sender retrying would. Between kills the
// server runs for 2 to 4 s after it listens. At the end the script reads the database file
// itself and reports the messages acknowledged, those found, those lost (acknowledged, not
// found), any stored twice, and the restarts.
import { spawnCalmdesk, startBenchServer } from './bench-start.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const KILLS = arg('kills', 26);
const WRITERS = arg('writers', 6);
const json = process.argv.includes('--json');

const dir = mkdtempSync(join(tmpdir(), 'calmdesk-kill-'));
const env = { ...process.env, CALMDESK_LOG_LEVEL: 'error', CALMDESK_DATA_DIR: dir };
delete env.DATABASE_URL;

let current = await startBenchServer(env);
const headers = current.headers;
const acknowledged = new Set();
let sent = 0;
let next = 0;
let stopping = false;
let restarts = 0;

const body = (n) =>
  JSON.stringify({
    externalId: `kill-${n}`,
    contact: { externalId: `kill-customer-${n % 40}` },
    conversation: { externalId: `kill-conversation-${n % 40}`, channel: 'chat' },
    text: `Message ${n}: my order is late again and nobody answers. Where is it?`,
  });

async function writer() {
  let n = next++;
  while (!stopping) {
    try {
      sent += 1;
      const r = await fetch(`${current.base}/api/v1/messages`, {
        method: 'POST',
        headers,
        body: body(n),
      });
      await r.text();
      if (r.status === 201 || r.status === 200) {
        acknowledged.add(`kill-${n}`);
        n = next++;
      }
    } catch {
      // The server died under the request: the same message again once it is back.
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const writers = Array.from({ length: WRITERS }, () => writer());
const started = performance.now();
for (let k = 0; k < KILLS; k += 1) {
  await new Promise((r) => setTimeout(r, 2000 + Math.random() * 2000));
  const exited = new Promise((r) => current.server.once('exit', r));
  current.server.kill('SIGKILL');
  await exited;
  const { base, server } = await spawnCalmdesk(env);
  current = { ...current, base, server };
  restarts += 1;
}
await new Promise((r) => setTimeout(r, 500));
stopping = true;
await Promise.all(writers);
const seconds = (performance.now() - started) / 1000;
const exited = new Promise((r) => current.server.once('exit', r));
current.server.kill('SIGTERM');
await exited;

const database = new SQLite(join(dir, 'calmdesk.sqlite'), { readonly: true });
const stored = database
  .prepare("select external_id as id from messages where external_id like 'kill-%'")
  .all()
  .map((row) => row.id);
database.close();
rmSync(dir, { recursive: true, force: true });

const found = new Set(stored);
const result = {
  kills: KILLS,
  restarts,
  writers: WRITERS,
  seconds: Math.round(seconds),
  requests: sent,
  acknowledged: acknowledged.size,
  found: [...acknowledged].filter((id) => found.has(id)).length,
  lost: [...acknowledged].filter((id) => !found.has(id)).length,
  storedTwice: stored.length - found.size,
  storedUnacknowledged: [...found].filter((id) => !acknowledged.has(id)).length,
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`SIGKILL under ${WRITERS} writers, SQLite, 127.0.0.1`);
  console.log(
    `  ${result.kills} kills, ${result.restarts} restarts in ${result.seconds} s; ${result.requests} requests`,
  );
  console.log(
    `  acknowledged ${result.acknowledged}, found ${result.found}, lost ${result.lost}, stored twice ${result.storedTwice}, stored but not acknowledged ${result.storedUnacknowledged}`,
  );
}
