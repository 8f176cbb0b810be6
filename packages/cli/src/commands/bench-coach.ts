import {
  analyzeConversation,
  coachReply,
  seededRandom,
  type ConversationMessage,
} from '@calmdesk/core';

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

/*
 * Written for the benchmark: heated 50-message conversations and 1,000-character drafts.
 *
 * Every message text and every draft of up to 3,000 runs, warm-up included, is unique (more
 * runs cycle through the same 3,200 inputs: see MAX_INPUTS): each carries an order or case number
 * no other message has, and names, amounts, times ("by 3pm", "within 2 hours") and sentence order
 * vary too. Core reads each distinct text once per call; a bench that repeated texts within a
 * conversation would time that sharing, not the analysis a real conversation gets. All inputs
 * are built before any timing, from a fixed seed, so every run of the bench times the same work.
 *
 * The mix is that of a heated chat: two customer messages for each agent one, and two agent
 * messages in five make promises (one a clock time, one a duration).
 */

type Pick = <T>(options: readonly T[]) => T;

/** What varies in a message: a number unique to it, and seeded choices. */
interface Slots {
  /** Unique across the whole bench: an order or case number no other message carries. */
  ref: string;
  pick: Pick;
  /** A whole number in [low, high]. */
  int: (low: number, high: number) => number;
}

const NAMES = ['Dana', 'Sam', 'Priya', 'Tom', 'Aisha', 'Marco', 'Jen', 'Olu', 'Kate', 'Luis'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const PRODUCTS = ['headphones', 'speaker', 'charger', 'kettle', 'blender', 'smart watch'];
const CLOCK_TIMES = ['3pm', '4pm', '2:30pm', '5pm', '4:30pm', '3:15pm', '1pm', '2pm'];
const WITHIN = ['within the hour', 'within 2 hours', 'in 30 minutes', 'within 45 minutes'];

/** Two sentences, now in one order, now in the other. */
const either = (s: Slots, a: string, b: string): string =>
  s.pick([true, false]) ? `${a} ${b}` : `${b} ${a}`;

const CUSTOMER: ((s: Slots) => string)[] = [
  (s) =>
    either(
      s,
      `This is the ${s.pick(['THIRD', 'FOURTH', 'FIFTH'])} time I'm writing about my refund for order #${s.ref}!!!`,
      `You promised it ${s.pick(['last week', `on ${s.pick(DAYS)}`, `${s.int(3, 9)} days ago`])}.`,
    ),
  (s) =>
    `I was charged ${s.pick(['twice', 'three times'])} for my ${s.pick(['subscription', 'membership', 'plan'])} this month (£${s.int(5, 40)}.99 each, account ${s.ref}), please fix it.`,
  (s) =>
    either(
      s,
      `Where is my parcel? Order ${s.ref} was supposed to arrive on ${s.pick(DAYS)}.`,
      `Tracking says ${s.pick(['nothing', 'it is still in the depot', 'delivered, and it is not here'])}.`,
    ),
  (s) =>
    `If this isn't sorted by ${s.pick(['Friday', 'Thursday', 'tomorrow', 'the weekend'])} I'm calling my lawyer and disputing the £${s.int(20, 400)} charge on order ${s.ref}.`,
  (s) =>
    `I've been on hold for ${s.int(20, 90)} minutes and nobody is listening to me. Case ${s.ref}.`,
  (s) => `${s.pick(['ok', 'fine', 'right', 'ok.'])} ${s.pick(['case', 'ref', 'order'])} ${s.ref}`,
  (s) =>
    `Still not good enough!! ${s.pick(['Order', 'Case'])} ${s.ref} ${s.pick(['is still open', 'is still not fixed', 'has been open for weeks'])}.`,
  (s) =>
    either(
      s,
      `The ${s.pick(PRODUCTS)} stopped working after ${s.pick(['two', 'three', 'four'])} days.`,
      `And the box for order ${s.ref} arrived damaged.`,
    ),
];

const AGENT: ((s: Slots) => string)[] = [
  (s) =>
    `I'm so sorry you've had to chase us, ${s.pick(NAMES)}. ${either(s, 'I understand how frustrating it is.', 'That is not the service we want you to get.')} Could you confirm the order number for case ${s.ref}?`,
  (s) =>
    `Thank you. Your refund of £${s.int(10, 300)} for order ${s.ref} was never sent, that's our mistake. I'll make sure it goes out today and I'll email you by ${s.pick(CLOCK_TIMES)}.`,
  (s) =>
    `I'm sorry if you feel that way${s.pick(['', `, ${s.pick(NAMES)}`])}, but that's our policy for order ${s.ref}.`,
  (s) =>
    either(
      s,
      `I can offer you a full refund of £${s.int(10, 300)} on order ${s.ref} plus a £${s.pick([5, 10, 15, 20])} voucher.`,
      'What would you consider fair?',
    ),
  (s) =>
    `I'll call you back ${s.pick(WITHIN)} with an update on order ${s.ref}${s.pick(['.', ', I promise.'])}`,
];

const START = Date.parse('2026-11-23T10:00:00Z');

/**
 * A heated conversation of `n` messages: roles, templates and timing cycle as `seed` (0-31)
 * says, as in the bench's first version, and every text carries a reference from `nextRef`,
 * unique across the bench.
 */
function conversation(
  n: number,
  seed: number,
  pick: Pick,
  int: Slots['int'],
  nextRef: () => string,
): ConversationMessage[] {
  const out: ConversationMessage[] = [];
  let minutes = 0;
  for (let i = 0; i < n; i++) {
    minutes += ((i * 7 + seed) % 5) * 0.7 + 0.2;
    const customer = (i + seed) % 3 !== 2;
    const list = customer ? CUSTOMER : AGENT;
    const write = list[(i * 3 + seed) % list.length] as (s: Slots) => string;
    out.push({
      role: customer ? 'customer' : 'agent',
      text: write({ ref: nextRef(), pick, int }),
      at: new Date(START + minutes * 60_000).toISOString(),
    });
  }
  return out;
}

const DRAFT_SENTENCES: ((s: Slots) => string)[] = [
  (s) =>
    `I'm really sorry that your refund for order ${s.ref} still hasn't arrived, and that you've had to write to us ${s.pick(['three', 'four', 'five'])} times about it.`,
  (s) =>
    `I understand how frustrating that is, especially after you were promised it ${s.pick(['last week', `on ${s.pick(DAYS)}`])}.`,
  () => "Unfortunately that's our policy, so you'll have to wait for the bank to process it.",
  (s) =>
    `I've checked your account and I can see the refund of £${s.int(10, 300)} was never sent, which is our mistake.`,
  (s) =>
    `I'll make sure it goes out today and I'll email you by ${s.pick(CLOCK_TIMES)} tomorrow to confirm it has left us.`,
  () => 'What would you consider fair for the trouble this has caused you?',
  () => 'CALM DOWN, there is nothing I can do about the bank!!!',
];

function draftOf(length: number, pick: Pick, int: Slots['int'], nextRef: () => string): string {
  let draft = '';
  for (let i = 0; draft.length < length; i++) {
    const write = DRAFT_SENTENCES[i % DRAFT_SENTENCES.length] as (s: Slots) => string;
    draft += `${write({ ref: nextRef(), pick, int })} `;
  }
  return draft.slice(0, length);
}

/**
 * `count` conversations and drafts, every text unique, the same on every run of the bench.
 * Exported so a change meant only for speed can be checked for identical results on them.
 */
export function inputs(count: number, messages: number, draftLength: number) {
  const random = seededRandom(20261127);
  const pick: Pick = (options) => options[Math.floor(random() * options.length)] as never;
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  // 387227 shares no factor with 900000, so k -> 100000 + (k * 387227) mod 900000 never
  // repeats for k below 900000: references look arbitrary, as real ones do, and are unique.
  let k = 0;
  const nextRef = (): string => {
    if (k >= 900_000) throw new RangeError('too many runs for unique references');
    return String(100_000 + ((k++ * 387_227) % 900_000));
  };
  // Each input goes through JSON as it is made, as messages reach core from a request or a
  // database: texts built by joining pieces are ropes the engine flattens on first read, work
  // real input never needs. One at a time, so the ropes die young rather than leave the heap
  // the timed code runs in larger than it need be.
  const conversations = Array.from(
    { length: count },
    (_, i) =>
      JSON.parse(
        JSON.stringify(conversation(messages, i % 32, pick, int, nextRef)),
      ) as ConversationMessage[],
  );
  const drafts = Array.from(
    { length: count },
    () => JSON.parse(JSON.stringify(draftOf(draftLength, pick, int, nextRef))) as string,
  );
  return { conversations, drafts };
}

const WARM_UP = 200;

/**
 * At most this many conversations and drafts are built; more runs cycle through them. Nothing in
 * core keeps a text from one call to the next, so a repeat 3,200 calls later is read afresh; and
 * inputs held for 10,000 runs would triple the heap, which slows every young-generation
 * collection (1.3 ms instead of 0.75 ms measured) and so times the bench's memory, not core.
 */
const MAX_INPUTS = 3200;

/** Times `run(i)` for i in [0, runs), after warm-up runs on inputs [runs, runs + warm-up). */
function latency(run: (i: number) => unknown, runs: number, warmUp: number): LatencyFigures {
  for (let i = 0; i < warmUp; i++) run(runs + i);
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
  const warmUp = Math.min(WARM_UP, runs);
  const messages = 50;
  const draftLength = 1000;
  const count = Math.min(runs + warmUp, MAX_INPUTS);
  const { conversations, drafts } = inputs(count, messages, draftLength);
  const conversationOf = (i: number) => conversations[i % count] as ConversationMessage[];
  const now = '2026-11-23T14:00:00Z';
  return {
    runs,
    messages,
    draftLength,
    coachReply: latency(
      (i) => coachReply(drafts[i % count] as string, conversationOf(i)),
      runs,
      warmUp,
    ),
    analyzeConversation: latency(
      (i) =>
        analyzeConversation(conversationOf(i), {
          now,
          timeZone: 'Europe/London',
        }),
      runs,
      warmUp,
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
