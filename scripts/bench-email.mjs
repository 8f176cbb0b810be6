// Email round trip (issue 14): N customer emails in and N replies out through the local Dovecot
// and Postfix (scripts/start-mail.sh), with both mail servers restarted twice during the run, once
// while mail comes in and once while replies go out. Reports mails lost and duplicated each way
// and the time from a mail's acceptance by Postfix to its analysis in Calmdesk (p50, p99).
//
//   bash scripts/start-mail.sh && npm run build && node scripts/bench-email.mjs [--count 1000]
//
// Needs root (it restarts the mail servers). Calmdesk runs as `calmdesk start` in a child process
// on a fresh SQLite directory; bounded in time: every wait gives up after a few minutes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './bench-start.mjs';

const require = createRequire(new URL('../packages/server/package.json', import.meta.url));
const nodemailer = require('nodemailer');
const { ImapFlow } = require('imapflow');

const args = process.argv.slice(2);
const COUNT = Number(args[args.indexOf('--count') + 1] || 1000) || 1000;
const IMAP = new URL(process.env.CALMDESK_TEST_IMAP_URL ?? 'imap://127.0.0.1:1143');
const SMTP = new URL(process.env.CALMDESK_TEST_SMTP_URL ?? 'smtp://127.0.0.1:2525');
const PASSWORD = 'calmdesk-mail';
const DOVECOT_CONF = '/var/lib/calmdesk-mail/dovecot.conf';
const WAIT_MS = 4 * 60_000;

const run = crypto.randomUUID().slice(0, 8);
const support = `bench-support-${run}@calmdesk.test`;
// Every customer writes from their own address; Dovecot files bench-<run>+<i> under one mailbox.
const customerBox = `bench-${run}@customer.test`;
const customerAddress = (i) => `bench-${run}+${i}@customer.test`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/**
 * Runs a command to its exit, its output ignored: a daemon it starts keeps no pipe of ours open
 * (waiting for the pipes to close would wait for the daemon).
 */
function exec(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')}: exit ${code}`)),
    );
  });
}

/** Stops and starts both mail servers, without blocking this process meanwhile. */
async function restartMailServers(label) {
  const started = Date.now();
  const running = (command, args) =>
    exec(command, args).then(
      () => true,
      () => false,
    );
  await exec('doveadm', ['-c', DOVECOT_CONF, 'stop']);
  await exec('postfix', ['stop']);
  // Each refuses to start while its previous master is still shutting down.
  while (
    (await running('postfix', ['status'])) ||
    (await running('doveadm', ['-c', DOVECOT_CONF, 'service', 'status']))
  ) {
    await sleep(100);
  }
  await exec('dovecot', ['-c', DOVECOT_CONF]);
  await exec('postfix', ['start']);
  console.log(`restarted Dovecot and Postfix (${label}) in ${Date.now() - started} ms`);
}

// Ordinary help-desk complaints and questions, written for this benchmark: the words vary so the
// analysis does real work, none of them is taken from a data set.
const OPENINGS = [
  'My order has not arrived',
  'I was charged twice this month',
  'The app logs me out every few minutes',
  'The replacement you sent is broken as well',
  'Nobody has answered my last three emails',
  'Can you tell me when my refund will be paid',
  'The delivery driver left the parcel in the rain',
  'I would like to change the address on my account',
];
const ENDINGS = [
  'Please sort this out today.',
  'This is UNACCEPTABLE!!!',
  'Thanks for your help.',
  'If this is not fixed I will cancel my subscription.',
  'Could you let me know what happens next?',
];
const body = (i) =>
  `${OPENINGS[i % OPENINGS.length]} (ref ${1000 + i}). ${ENDINGS[(i * 7) % ENDINGS.length]}`;

/** Sends through Postfix as a customer's mail server would: tried again until it is accepted. */
async function sendUntilAccepted(transport, message) {
  for (let attempt = 1; ; attempt++) {
    try {
      await transport.sendMail(message);
      return { acceptedAt: Date.now(), attempts: attempt };
    } catch (error) {
      if (attempt > 200) throw error;
      await sleep(250);
    }
  }
}

async function allPages(base, headers) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const res = await fetch(`${base}/api/v1/conversations?limit=500&offset=${offset}&sort=age`, {
      headers,
    });
    if (!res.ok) throw new Error(`list conversations: ${res.status} ${await res.text()}`);
    const { conversations } = await res.json();
    out.push(...conversations);
    if (conversations.length < 500) return out;
  }
}

async function mailboxSources(address) {
  const client = new ImapFlow({
    host: IMAP.hostname,
    port: Number(IMAP.port),
    secure: false,
    auth: { user: address, pass: PASSWORD },
    logger: false,
  });
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  const out = [];
  try {
    if (client.mailbox.exists > 0) {
      for await (const m of client.fetch('1:*', { headers: ['message-id', 'in-reply-to'] })) {
        out.push(m.headers.toString('utf8'));
      }
    }
  } finally {
    lock.release();
    await client.logout();
  }
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-email-'));
  const imapUrl = new URL(IMAP);
  imapUrl.username = encodeURIComponent(support);
  imapUrl.password = PASSWORD;
  const { base, headers, server } = await startBenchServer({
    ...process.env,
    CALMDESK_DATA_DIR: dir,
    CALMDESK_IMAP_URL: imapUrl.toString(),
    CALMDESK_SMTP_URL: SMTP.toString(),
    CALMDESK_EMAIL_FROM: `Bench Support <${support}>`,
    CALMDESK_SCHEDULER_INTERVAL_MS: '200',
  });
  const started = Date.now();
  try {
    // In: N customer mails, the mail servers restarted a third of the way through.
    const transport = nodemailer.createTransport({
      host: SMTP.hostname,
      port: Number(SMTP.port),
      pool: true,
      maxConnections: 4,
    });
    const acceptedAt = new Map();
    let resent = 0;
    const queue = Array.from({ length: COUNT }, (_, i) => i);
    let restartedIn = false;
    const workers = Array.from({ length: 4 }, async () => {
      while (queue.length > 0) {
        const i = queue.shift();
        if (!restartedIn && acceptedAt.size >= COUNT / 3) {
          restartedIn = true;
          await restartMailServers('while mail came in');
        }
        const sent = await sendUntilAccepted(transport, {
          from: `Customer ${i} <${customerAddress(i)}>`,
          to: support,
          subject: `Ticket ${i}: ${OPENINGS[i % OPENINGS.length]}`,
          messageId: `<bench-${run}-${i}@customer.test>`,
          text: body(i),
        });
        resent += sent.attempts - 1;
        acceptedAt.set(`bench-${run}-${i}@customer.test`, sent.acceptedAt);
      }
    });
    await Promise.all(workers);
    transport.close();
    const sentIn = Date.now();
    console.log(
      `${COUNT} mails accepted by Postfix in ${sentIn - started} ms (${resent} sends retried)`,
    );

    let conversations = [];
    const inUntil = Date.now() + WAIT_MS;
    while (Date.now() < inUntil) {
      conversations = (await allPages(base, headers)).filter((c) => c.channel === 'email');
      if (conversations.length >= COUNT) break;
      await sleep(1000);
    }
    const allIn = Date.now();
    // Each conversation's messages: exactly one incoming each, analysed.
    const details = [];
    for (let i = 0; i < conversations.length; i += 20) {
      details.push(
        ...(await Promise.all(
          conversations.slice(i, i + 20).map(async (c) => {
            const res = await fetch(`${base}/api/v1/conversations/${c.id}`, { headers });
            return res.json();
          }),
        )),
      );
    }
    const latencies = [];
    let incomingMessages = 0;
    let analysed = 0;
    for (const d of details) {
      const incoming = d.messages.filter((m) => m.direction === 'incoming');
      incomingMessages += incoming.length;
      for (const m of incoming) {
        if (m.temperature !== null) analysed += 1;
        const id = m.externalId?.replace(/^email:/, '');
        const at = acceptedAt.get(id);
        if (at !== undefined) latencies.push(Date.parse(m.receivedAt) - at);
      }
    }
    latencies.sort((a, b) => a - b);
    const lostIn =
      COUNT - new Set(details.flatMap((d) => d.messages.map((m) => m.externalId))).size;
    const duplicatedIn = incomingMessages - (COUNT - lostIn);

    // Out: a reply to each conversation, the mail servers restarted a third of the way through.
    const replyQueue = [...conversations];
    let replied = 0;
    let restartedOut = false;
    const replyWorkers = Array.from({ length: 4 }, async () => {
      while (replyQueue.length > 0) {
        const c = replyQueue.shift();
        if (!restartedOut && replied >= COUNT / 3) {
          restartedOut = true;
          await restartMailServers('while replies went out');
        }
        const res = await fetch(`${base}/api/v1/conversations/${c.id}/replies`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            text: `I'm sorry about this. I have looked into ticket ${c.id.slice(-6)} and fixed it today; I will check back with you tomorrow.`,
          }),
        });
        if (res.status !== 201) throw new Error(`reply: ${res.status} ${await res.text()}`);
        replied += 1;
      }
    });
    await Promise.all(replyWorkers);
    const repliesPosted = Date.now();

    let received = [];
    const outUntil = Date.now() + WAIT_MS;
    while (Date.now() < outUntil) {
      received = await mailboxSources(customerBox);
      if (received.length >= COUNT) break;
      await sleep(2000);
    }
    // A little longer, so a late duplicate would be counted too.
    await sleep(3000);
    received = await mailboxSources(customerBox);
    const allOut = Date.now();
    // Each reply's delivery as Calmdesk shows it to the agent.
    const deliveries = {};
    const reasons = new Set();
    for (const c of conversations) {
      const d = await (await fetch(`${base}/api/v1/conversations/${c.id}`, { headers })).json();
      for (const m of d.messages.filter((x) => x.direction === 'outgoing')) {
        const state = m.delivery?.state ?? 'none';
        deliveries[state] = (deliveries[state] ?? 0) + 1;
        if (m.delivery?.lastError) reasons.add(m.delivery.lastError);
      }
    }
    const ids = received.map((h) => /^Message-ID:\s*(\S+)/im.exec(h)?.[1]);
    const answered = new Set(received.map((h) => /^In-Reply-To:\s*(\S+)/im.exec(h)?.[1]));
    const uniqueReplies = new Set(ids).size;
    const threaded = [...answered].filter((id) => id?.startsWith(`<bench-${run}-`)).length;
    const lostOut = COUNT - uniqueReplies;
    const duplicatedOut = received.length - uniqueReplies;

    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          count: COUNT,
          restarts: 'Dovecot and Postfix, at 1/3 of the mails in and at 1/3 of the replies out',
          in: {
            conversations: conversations.length,
            incomingMessages,
            analysed,
            lost: lostIn,
            duplicated: duplicatedIn,
            arrivalToAnalysisMs: {
              p50: percentile(latencies, 0.5),
              p99: percentile(latencies, 0.99),
              max: latencies.at(-1),
            },
            lastAnalysedAfterFirstSentMs: allIn - started,
          },
          out: {
            repliesPosted: replied,
            repliesReceived: received.length,
            uniqueReplies,
            threadedToTheirMail: threaded,
            lost: lostOut,
            duplicated: duplicatedOut,
            deliveries,
            lastErrors: [...reasons].slice(0, 5),
            postingMs: repliesPosted - allIn,
            lastReceivedAfterPostingMs: allOut - repliesPosted - 3000,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
