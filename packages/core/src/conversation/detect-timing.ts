import type { Burst, ConversationTiming, Interruption } from './conversation-analysis.js';
import type { ConversationPolicy } from './conversation-policy.js';
import type { Turn } from './read-conversation.js';

/** Words as runs of non-space characters, counted without building them. */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** "45 s", "7 min", "3 h": a duration as an agent reads it. */
function describeSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

function makeBurst(run: readonly Turn[], from: number, to: number): Burst {
  const first = run[from] as Turn;
  const last = run[to] as Turn;
  return {
    indexes: run.slice(from, to + 1).map((t) => t.index),
    count: to - from + 1,
    from: first.at,
    to: last.at,
    seconds: Math.round((last.ms - first.ms) / 1000),
  };
}

/**
 * The bursts of one run of customer messages: every window of at least `burstMinMessages`
 * messages within `burstWindowSeconds`, overlapping windows merged. Sliding window: linear.
 */
function burstsOfRun(run: readonly Turn[], policy: ConversationPolicy, out: Burst[]): void {
  const windowMs = policy.burstWindowSeconds * 1000;
  let start = 0;
  let open = -1;
  let end = -1;
  for (let j = 0; j < run.length; j++) {
    const tj = (run[j] as Turn).ms;
    while (tj - (run[start] as Turn).ms > windowMs) start++;
    if (j - start + 1 < policy.burstMinMessages) continue;
    if (open >= 0 && start <= end) {
      end = j;
    } else {
      if (open >= 0) out.push(makeBurst(run, open, end));
      open = start;
      end = j;
    }
  }
  if (open >= 0) out.push(makeBurst(run, open, end));
}

/**
 * Signs of a customer who does not feel heard (brief, point 1): bursts of messages in quick
 * succession, answers that cut in on an agent's message before it could have been read, and
 * messages that chase an unanswered one.
 *
 * Invariants: a burst never spans an agent message; `turns` are in time order.
 */
export function detectTiming(
  turns: readonly Turn[],
  policy: ConversationPolicy,
): ConversationTiming {
  const bursts: Burst[] = [];
  const interruptions: Interruption[] = [];
  let run: Turn[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i] as Turn;
    const prev = turns[i - 1];
    if (turn.role !== 'customer') {
      if (run.length > 0) burstsOfRun(run, policy, bursts);
      run = [];
      continue;
    }
    run.push(turn);
    if (prev === undefined) continue;
    const seconds = (turn.ms - prev.ms) / 1000;
    if (prev.role === 'agent') {
      const readingSeconds = countWords(prev.text) / policy.readingWordsPerSecond;
      if (seconds < policy.cutInSeconds + readingSeconds) {
        interruptions.push({
          index: turn.index,
          kind: 'cut_in',
          afterIndex: prev.index,
          seconds: Math.round(seconds),
          why: `Wrote ${describeSeconds(seconds)} after the agent's message ${prev.index + 1}, before it could have been read.`,
        });
      }
    } else if (seconds >= policy.chaseAfterSeconds) {
      interruptions.push({
        index: turn.index,
        kind: 'chasing',
        afterIndex: prev.index,
        seconds: Math.round(seconds),
        why: `Wrote again after message ${prev.index + 1} waited ${describeSeconds(seconds)} without an answer.`,
      });
    }
  }
  if (run.length > 0) burstsOfRun(run, policy, bursts);
  return { bursts, interruptions };
}
