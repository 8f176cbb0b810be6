#!/usr/bin/env node
// Writes a synthetic help-desk history as JSON lines in the shape of POST /api/v1/messages, for
// the import benchmarks (issue 16). Texts are put together from short phrases written here, not
// taken from any data set; a seeded generator makes the same file each time.
//
//   node scripts/generate-history.mjs --messages 200000 --out /tmp/history.jsonl
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '16' },
  },
});
const total = Number(values.messages);
if (!Number.isInteger(total) || total <= 0 || values.out === undefined) {
  console.error('usage: generate-history.mjs --messages N --out FILE [--seed S]');
  process.exit(2);
}

// mulberry32: small, seeded, good enough to vary phrases.
let state = Number(values.seed) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const things = [
  'order',
  'parcel',
  'invoice',
  'subscription',
  'laptop',
  'sofa',
  'flight',
  'booking',
  'app',
  'account',
];
const problems = [
  'has not arrived after two weeks',
  'was charged twice',
  'stopped working on day one',
  'was cancelled without any notice',
  'shows the wrong amount',
  'keeps logging me out',
  'arrived broken',
  'still has no refund',
];
const openers = ['Hi,', 'Hello.', 'Listen,', 'Seriously?', 'Hey team,', ''];
const heat = [
  'This is the third time I am writing!!',
  'I am done waiting. Fix it or I cancel.',
  'Nobody answers, this is ridiculous.',
  'Please help, I need it by Friday.',
  'I will post about this if nothing happens.',
  'Thanks in advance.',
  'WHERE IS MY MONEY?',
  '',
];
const replies = [
  'I am sorry about this, I can see what went wrong with your {t}.',
  'Thank you for your patience. I will check the {t} and get back to you within the hour.',
  'I understand how frustrating this is. I have refunded the duplicate charge on your {t}.',
  'Sorry for the wait. I will call you tomorrow morning about the {t}.',
  'I have passed this to our team and will update you by Friday.',
];

const out = createWriteStream(values.out);
let written = 0;
let conversation = 0;
let time = Date.parse('2023-01-02T09:00:00Z');
while (written < total) {
  conversation += 1;
  const contact = `gen-contact-${Math.floor(conversation / 2)}`;
  const length = 2 + Math.floor(random() * 6);
  const thing = pick(things);
  for (let i = 0; i < length && written < total; i++) {
    time += 30_000 + Math.floor(random() * 3_600_000);
    const incoming = i % 2 === 0;
    const text = incoming
      ? [pick(openers), `My ${thing} ${pick(problems)}.`, pick(heat)].filter(Boolean).join(' ')
      : pick(replies).replace('{t}', thing);
    const line = JSON.stringify({
      externalId: `gen-${written}`,
      contact: { externalId: contact, name: `Customer ${Math.floor(conversation / 2)}` },
      conversation: { externalId: `gen-conv-${conversation}`, channel: pick(['email', 'chat']) },
      direction: incoming ? 'incoming' : 'outgoing',
      text,
      sentAt: new Date(time).toISOString(),
      ...(incoming ? {} : { authorName: pick(['Ana', 'Bo', 'Chen']) }),
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    written += 1;
  }
}
out.end();
await once(out, 'finish');
console.error(`wrote ${written} messages in ${conversation} conversations to ${values.out}`);
