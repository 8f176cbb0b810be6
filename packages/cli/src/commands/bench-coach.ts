import { analyzeConversation, coachReply, type ConversationMessage } from '@calmdesk/core';

export interface LatencyFigures {
  p50us: number;
  p99us: number;
}

export interface CoachBenchReport {
  coachReply: LatencyFigures;
  analyzeConversation: LatencyFigures;
  runs: number;
  draftLength: number;
  messages: number;
}

// Written for the benchmark: a heated 50-message conversation and a 1,000-character draft.
const CUSTOMER = [
  "This is the THIRD time I'm writing about my refund!!! You promised it last week.",
  'I was charged twice for my subscription this month, please fix it.',
  'Where is my parcel? It was supposed to arrive on Monday and tracking says nothing.',
  "If this isn't sorted by Friday I'm calling my lawyer and disputing the charge.",
  "I've been on hold for 45 minutes and nobody is listening to me.",
  'ok',
  'Still not good enough!!',
  'The headphones stopped working after two days and the box arrived damaged.',
];
const AGENT = [
  "I'm so sorry you've had to chase us. I understand how frustrating it is. Could you tell me your order number?",
  "Thank you. Your refund was never sent, that's our mistake. I'll make sure it goes out today and I'll email you by 3pm.",
  "I'm sorry if you feel that way, but that's our policy.",
  'I can offer you a full refund plus a voucher. What would you consider fair?',
  "I'll call you back within the hour with an update.",
];

function conversation(n: number, seed: number): ConversationMessage[] {
  const start = Date.parse('2026-11-23T10:00:00Z');
  const out: ConversationMessage[] = [];
  let minutes = 0;
  for (let i = 0; i < n; i++) {
    minutes += ((i * 7 + seed) % 5) * 0.7 + 0.2;
    const customer = (i + seed) % 3 !== 2;
    const list = customer ? CUSTOMER : AGENT;
    out.push({
      role: customer ? 'customer' : 'agent',
      text: list[(i * 3 + seed) % list.length] as string,
      at: new Date(start + minutes * 60_000).toISOString(),
    });
  }
  return out;
}

const DRAFT_SENTENCES = [
  "I'm really sorry that your refund still hasn't arrived, and that you've had to write to us three times about it.",
  'I understand how frustrating that is, especially after you were promised it last week.',
  "Unfortunately that's our policy, so you'll have to wait for the bank to process it.",
  "I've checked your account and I can see the refund was never sent, which is our mistake.",
  "I'll make sure it goes out today and I'll email you by 5pm tomorrow to confirm it has left us.",
  'What would you consider fair for the trouble this has caused you?',
  'CALM DOWN, there is nothing I can do about the bank!!!',
];

function draftOf(length: number): string {
  let draft = '';
  for (let i = 0; draft.length < length; i++) {
    draft += `${DRAFT_SENTENCES[i % DRAFT_SENTENCES.length] as string} `;
  }
  return draft.slice(0, length);
}

function latency(run: (i: number) => unknown, runs: number): LatencyFigures {
  for (let i = 0; i < Math.min(200, runs); i++) run(i); // warm-up
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run(i);
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  times.sort();
  const at = (q: number) =>
    Math.round((times[Math.min(runs - 1, Math.floor(q * runs))] ?? 0) * 10) / 10;
  return { p50us: at(0.5), p99us: at(0.99) };
}

/** p50 and p99 of coachReply (1,000-character draft) and analyzeConversation (50 messages). */
export function benchCoach(runs: number): CoachBenchReport {
  const conversations = Array.from({ length: 32 }, (_, seed) => conversation(50, seed));
  const draft = draftOf(1000);
  const now = '2026-11-23T14:00:00Z';
  return {
    runs,
    messages: 50,
    draftLength: draft.length,
    coachReply: latency(
      (i) => coachReply(draft, conversations[i % 32] as ConversationMessage[]),
      runs,
    ),
    analyzeConversation: latency(
      (i) =>
        analyzeConversation(conversations[i % 32] as ConversationMessage[], {
          now,
          timeZone: 'Europe/London',
        }),
      runs,
    ),
  };
}

export function formatCoachBench(r: CoachBenchReport): string {
  return [
    `${r.runs} runs each, one core`,
    `coachReply (${r.draftLength}-character draft, ${r.messages}-message conversation): p50 ${r.coachReply.p50us} µs, p99 ${r.coachReply.p99us} µs`,
    `analyzeConversation (${r.messages} messages): p50 ${r.analyzeConversation.p50us} µs, p99 ${r.analyzeConversation.p99us} µs`,
  ].join('\n');
}
