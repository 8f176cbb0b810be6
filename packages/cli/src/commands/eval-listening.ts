import { checkListening, type ListeningFindingKind } from '@calmdesk/core';
import { z } from 'zod';
import { readJsonLines } from '../data/read-lines.js';
import { rocAuc } from '../eval/metrics.js';

/** A (conversation, reply) pair labelled for listening: examples/listening/pairs.jsonl. */
const LISTENING_PAIR = z.object({
  id: z.string(),
  domain: z.string(),
  conversation: z.array(
    z.object({ role: z.enum(['customer', 'agent']), text: z.string() }).loose(),
  ),
  reply: z.string(),
  label: z.enum(['answers', 'does_not_answer']),
  reason: z.enum(['good', 'unanswered', 'asks_again', 'template', 'closes_open', 'stall', 'curt']),
});

export const LISTENING_KINDS: readonly ListeningFindingKind[] = [
  'unanswered',
  'asks_again',
  'stall',
  'closes_open',
  'template',
  'curt',
];

export interface FindingFigures {
  /** Pairs with this reason. */
  support: number;
  /** Pairs the finding was raised on. */
  raised: number;
  /** Of those, pairs whose reason it is. */
  right: number;
  precision: number;
  recall: number;
}

export interface ListeningReport {
  n: number;
  /** Pairs where "no finding" agrees with the label "answers". */
  accuracy: number;
  /** "Does not answer" caught: any finding on such a pair. */
  recall: number;
  /** Of pairs with a finding, those labelled "does not answer". */
  precision: number;
  /** How well the number and weight of findings separate the labels. */
  auc: number;
  byFinding: Record<ListeningFindingKind, FindingFigures>;
}

const WEIGHT = { problem: 2, warning: 1 } as const;

/** Runs `checkListening` on every labelled pair (optionally one half, by line) and scores it. */
export async function evaluateListening(options: {
  data: string;
  half?: 'odd' | 'even' | undefined;
  warn: (message: string) => void;
}): Promise<ListeningReport> {
  const scores: number[] = [];
  const labels: number[] = [];
  const byFinding = Object.fromEntries(
    LISTENING_KINDS.map((k) => [k, { support: 0, raised: 0, right: 0, precision: 0, recall: 0 }]),
  ) as Record<ListeningFindingKind, FindingFigures>;
  let agree = 0;
  let flagged = 0;
  let flaggedBad = 0;
  let bad = 0;
  let caught = 0;
  let row = 0;
  const at = '2026-01-05T10:00:00Z';
  for await (const { record } of readJsonLines(options.data, LISTENING_PAIR, {
    onError: 'stop',
    warn: options.warn,
  })) {
    row += 1;
    if (options.half === 'odd' && row % 2 === 0) continue;
    if (options.half === 'even' && row % 2 === 1) continue;
    const conversation = record.conversation.map((m) => ({ role: m.role, text: m.text, at }));
    const result = checkListening(record.reply, conversation);
    const isBad = record.label === 'does_not_answer';
    const kinds = new Set(result.findings.map((f) => f.kind));
    labels.push(isBad ? 1 : 0);
    scores.push(result.findings.reduce((s, f) => s + WEIGHT[f.severity], 0));
    if (kinds.size === 0 ? !isBad : isBad) agree += 1;
    if (kinds.size > 0) {
      flagged += 1;
      if (isBad) flaggedBad += 1;
    }
    if (isBad) {
      bad += 1;
      if (kinds.size > 0) caught += 1;
    }
    if (record.reason !== 'good') byFinding[record.reason].support += 1;
    for (const k of kinds) {
      byFinding[k].raised += 1;
      if (record.reason === k) byFinding[k].right += 1;
    }
  }
  for (const f of Object.values(byFinding)) {
    f.precision = f.raised === 0 ? Number.NaN : f.right / f.raised;
    f.recall = f.support === 0 ? Number.NaN : f.right / f.support;
  }
  return {
    n: labels.length,
    accuracy: agree / labels.length,
    recall: bad === 0 ? Number.NaN : caught / bad,
    precision: flagged === 0 ? Number.NaN : flaggedBad / flagged,
    auc: rocAuc(scores, labels),
    byFinding,
  };
}

const pct = (x: number) => (Number.isNaN(x) ? '   -' : `${(x * 100).toFixed(1)}%`.padStart(6));

/** The report as a table for a terminal. */
export function formatListeningReport(r: ListeningReport): string {
  const lines = [
    `${r.n} pairs: "does not answer" caught ${pct(r.recall)} (recall), precision ${pct(r.precision)}, accuracy ${pct(r.accuracy)}, ROC AUC ${r.auc.toFixed(3)}`,
    'finding        pairs  raised  precision  recall',
  ];
  for (const [kind, f] of Object.entries(r.byFinding)) {
    lines.push(
      `${kind.padEnd(14)} ${String(f.support).padStart(5)}  ${String(f.raised).padStart(6)}  ${pct(f.precision).padStart(9)}  ${pct(f.recall).padStart(6)}`,
    );
  }
  return lines.join('\n');
}
