import { analyzeMessage } from '@calmdesk/core';
import { readMessages } from '../data/read-lines.js';
import { BASELINES } from '../eval/lexicon-baselines.js';

export interface BenchFigures {
  msgsPerSec: number;
  p50us: number;
  p99us: number;
}

export type BenchReport = Record<'engine' | 'vader' | 'afinn', BenchFigures> & {
  messages: number;
  seconds: number;
  /** The engine on one message of about 1 MB made of the texts joined: size and time. */
  long: { chars: number; ms: number };
};

export interface BenchOptions {
  data: string;
  /** Least time each tool is run for, per measurement. */
  seconds: number;
  limit?: number;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/**
 * Measures one tool on the texts, single-threaded: throughput over whole passes (no timer per
 * message), then the latency of each message with a high-resolution timer.
 */
function measure(
  texts: readonly string[],
  run: (text: string) => unknown,
  seconds: number,
): BenchFigures {
  let sink = 0;
  for (const t of texts) sink += run(t) === undefined ? 0 : 1; // warm-up pass
  let done = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (const t of texts) sink += run(t) === undefined ? 0 : 1;
    done += texts.length;
    elapsed = process.hrtime.bigint() - start;
  }
  const latencies = new Float64Array(texts.length);
  texts.forEach((t, i) => {
    const s = process.hrtime.bigint();
    sink += run(t) === undefined ? 0 : 1;
    latencies[i] = Number(process.hrtime.bigint() - s) / 1000;
  });
  latencies.sort();
  if (sink < 0) throw new Error('unreachable');
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    msgsPerSec: Math.round(done / (Number(elapsed) / 1e9)),
    p50us: round(percentile(latencies, 0.5)),
    p99us: round(percentile(latencies, 0.99)),
  };
}

/** Benchmarks the full analysis against the two lexicon tools on the same texts, in one run. */
export async function bench(options: BenchOptions): Promise<BenchReport> {
  const texts: string[] = [];
  for await (const { text } of readMessages(options.data)) {
    texts.push(text);
    if (options.limit !== undefined && texts.length >= options.limit) break;
  }
  const engine = measure(texts, (t) => analyzeMessage(t), options.seconds);
  const [vader, afinn] = BASELINES.map((b) => measure(texts, b.score, options.seconds));
  return {
    messages: texts.length,
    seconds: options.seconds,
    engine,
    vader: vader!,
    afinn: afinn!,
    long: timeLongMessage(texts),
  };
}

/**
 * Times the engine on messages of at least 1 MB, in five shapes: built from the texts (one
 * message per line, all on one line, one message repeated) and two pastes written to be hard
 * (one emoji repeated; a shouted insult with exclamation marks repeated, which fills the signal
 * lists). Returns the slowest, best of three runs each.
 */
function timeLongMessage(texts: readonly string[]): { chars: number; ms: number } {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 1_048_576; i++) {
    const t = texts[i % texts.length] as string;
    parts.push(t);
    length += t.length + 1;
  }
  const first = texts[0] ?? 'x';
  const shapes = [
    parts.join('\n'),
    parts.join(' '),
    `${first} `.repeat(Math.ceil(1_048_576 / (first.length + 1))),
    '😡'.repeat(524_288),
    'You are USELESS idiots!!! '.repeat(Math.ceil(1_048_576 / 26)),
  ];
  let worst = { chars: 0, ms: 0 };
  for (const text of shapes) {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      analyzeMessage(text);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    if (best > worst.ms) worst = { chars: text.length, ms: Math.round(best * 10) / 10 };
  }
  return worst;
}

export function formatBenchReport(r: BenchReport): string {
  const row = (name: string, f: BenchFigures) =>
    `${name.padEnd(10)}${String(f.msgsPerSec).padStart(12)}${f.p50us.toFixed(1).padStart(10)}${f.p99us.toFixed(1).padStart(10)}${(r.engine.msgsPerSec / f.msgsPerSec).toFixed(2).padStart(16)}`;
  return [
    `${r.messages} messages, one core, at least ${r.seconds} s per tool`,
    `${'tool'.padEnd(10)}${'msgs/s'.padStart(12)}${'p50 µs'.padStart(10)}${'p99 µs'.padStart(10)}${'calmdesk is ×'.padStart(16)}`,
    row('calmdesk', r.engine),
    row('vader', r.vader),
    row('afinn', r.afinn),
    `calmdesk on one message of ${r.long.chars} characters (slowest of five shapes): ${r.long.ms} ms`,
  ].join('\n');
}
