import { analyzeMessage, impoliteness } from '@calmdesk/core';
import { readJsonLines, TEXT_RECORD } from '../data/read-lines.js';
import { CliError } from '../errors.js';
import { BASELINES, baselineSaysYes } from '../eval/lexicon-baselines.js';
import { binaryMetrics, type BinaryMetrics } from '../eval/metrics.js';
import { EVAL_TASKS, type EvalTask } from './eval-tasks.js';

/** `impoliteness` at or above this says "impolite" (its scores read as probabilities). */
export const IMPOLITE_THRESHOLD = 0.5;

export interface EvalOptions {
  task: string;
  data: string;
  skipBadLines: boolean;
  warn: (message: string) => void;
}

export type EvalReport = Record<'engine' | 'vader' | 'afinn', BinaryMetrics> & {
  task: EvalTask;
  skipped: number;
};

function isTask(task: string): task is EvalTask {
  return (EVAL_TASKS as readonly string[]).includes(task);
}

/**
 * Scores a labelled JSON-lines file with the engine and the two lexicon tools, and computes
 * the same figures for each. Rows whose label is not 0 or 1 are skipped and counted.
 */
export async function evaluate(options: EvalOptions): Promise<EvalReport> {
  const { task } = options;
  if (!isTask(task)) {
    throw new CliError('usage', `unknown task "${task}": use one of ${EVAL_TASKS.join(', ')}`);
  }
  const engine: number[] = [];
  const engineYes: boolean[] = [];
  const baseline: number[][] = BASELINES.map(() => []);
  const labels: number[] = [];
  let skipped = 0;
  for await (const { record } of readJsonLines(options.data, TEXT_RECORD, {
    onError: options.skipBadLines ? 'skip' : 'stop',
    warn: options.warn,
  })) {
    const label = record.label;
    if (label !== 0 && label !== 1) {
      skipped++;
      continue;
    }
    labels.push(label);
    if (task === 'impolite') {
      const score = impoliteness(record.text);
      engine.push(score);
      engineYes.push(score >= IMPOLITE_THRESHOLD);
      BASELINES.forEach((b, i) => baseline[i]?.push(b.score(record.text)));
      continue;
    }
    const a = analyzeMessage(record.text, { topWords: 0 });
    if (task === 'upset') {
      engine.push(a.upset);
      engineYes.push(a.isUpset);
    } else {
      engine.push(a.abuse.score);
      engineYes.push(a.abuse.abusive);
    }
    BASELINES.forEach((b, i) => baseline[i]?.push(b.score(record.text)));
  }
  if (labels.length === 0) {
    throw new CliError('empty_input', `${options.data}: no rows labelled 0 or 1`);
  }
  let i = 0;
  const engineMetrics = binaryMetrics(engine, labels, () => engineYes[i++] === true);
  const [vader, afinn] = BASELINES.map((_, k) =>
    binaryMetrics(baseline[k] ?? [], labels, baselineSaysYes),
  );
  return { task, skipped, engine: engineMetrics, vader: vader!, afinn: afinn! };
}

const fmt = (x: number) => (Number.isNaN(x) ? '  n/a' : x.toFixed(3));

/** The report as a small table for people. */
export function formatEvalReport(report: EvalReport): string {
  const rows: Array<[string, keyof BinaryMetrics]> = [
    ['n', 'n'],
    ['precision', 'precision'],
    ['recall', 'recall'],
    ['F1 (positive)', 'f1'],
    ['macro F1', 'macroF1'],
    ['accuracy', 'accuracy'],
    ['ROC AUC', 'auc'],
  ];
  const lines = [
    `task: ${report.task}${report.skipped ? `  (${report.skipped} rows without a 0/1 label skipped)` : ''}`,
  ];
  lines.push(
    `${'metric'.padEnd(14)}${'calmdesk'.padStart(10)}${'vader'.padStart(10)}${'afinn'.padStart(10)}`,
  );
  for (const [name, key] of rows) {
    const cell = (m: BinaryMetrics) => (key === 'n' ? String(m.n) : fmt(m[key])).padStart(10);
    lines.push(
      `${name.padEnd(14)}${cell(report.engine)}${cell(report.vader)}${cell(report.afinn)}`,
    );
  }
  return lines.join('\n');
}
