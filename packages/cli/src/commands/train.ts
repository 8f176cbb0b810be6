import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DENSE_FEATURES,
  combineAbuse,
  combineUpset,
  complaintShare,
  readMessage,
  signalEvidence,
  sigmoid,
  type MessageFeatures,
  type ModelFile,
  type ModelHead,
  type Signal,
} from '@calmdesk/core';
import { binaryMetrics, type BinaryMetrics } from '../eval/metrics.js';
import { BASELINES, baselineSaysYes } from '../eval/lexicon-baselines.js';
import {
  findDataDir,
  foldOf,
  loadLabelled,
  TRAINING_SETS,
  type LabelledRow,
} from '../train/datasets.js';
import {
  fitPlatt,
  headLogit,
  trainLogistic,
  type Example,
  type LogisticOptions,
  type TrainedHead,
} from '../train/logistic.js';
import type { TrainSettings } from './train-settings.js';

export interface TrainOptions {
  dataDir?: string;
  out?: string;
  write: boolean;
  settings: TrainSettings;
  log: (message: string) => void;
}

interface FeaturedRow extends LabelledRow {
  features: MessageFeatures;
  /** `signalEvidence` of the row's signals. */
  evidence: number;
  /** `complaintShare` of the row: less of the complaint probability when it shows no trouble. */
  complaintShare: number;
  signals: Signal[];
}

const DEFAULT_OUT = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../core/src/model/weights/model.ts',
);

function featurize(rows: LabelledRow[]): FeaturedRow[] {
  return rows.map((r) => {
    const parts = readMessage(r.text, true);
    return {
      ...r,
      features: parts.features,
      evidence: signalEvidence(parts.signals),
      complaintShare: complaintShare(r.text, parts),
      signals: parts.signals,
    };
  });
}

function examples(rows: readonly FeaturedRow[], weight: number): Example[] {
  return rows.map((r) => ({ features: r.features, label: r.label, weight }));
}

function rounded(m: BinaryMetrics): Record<string, number> {
  const out: Record<string, number> = {};
  const values: Record<string, number> = { ...m };
  for (const [k, v] of Object.entries(values))
    out[k] = k === 'n' ? v : Math.round(v * 10000) / 10000;
  return out;
}

/** The threshold on calibrated probabilities that gives the best macro F1 on held-out rows. */
function bestThreshold(probabilities: number[], labels: number[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.2; t <= 0.8001; t += 0.01) {
    const m = binaryMetrics(probabilities, labels, (p) => p >= t);
    if (m.macroF1 > bestF1 + 1e-9) {
      bestF1 = m.macroF1;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

/** Out-of-fold logits of a head trained on `extra` plus the other folds of `rows`. */
function crossValidate(
  rows: readonly FeaturedRow[],
  rowWeight: number,
  extra: readonly Example[],
  options: LogisticOptions,
  folds: number,
  log: (message: string) => void,
  name: string,
): number[] {
  const logits = new Array<number>(rows.length).fill(0);
  const foldIds = rows.map((r) => foldOf(r.id, folds));
  for (let k = 0; k < folds; k++) {
    const train = extra.concat(
      examples(
        rows.filter((_, i) => foldIds[i] !== k),
        rowWeight,
      ),
    );
    const head = trainLogistic(train, options);
    rows.forEach((r, i) => {
      if (foldIds[i] === k) logits[i] = headLogit(head, r.features);
    });
    log(`  ${name}: fold ${k + 1}/${folds} done`);
  }
  return logits;
}

function toModelHead(
  head: TrainedHead,
  vocabulary: Array<[number, string]>,
  calibration: { a: number; b: number },
  threshold: number,
): ModelHead {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    bias: r(head.bias),
    dense: Array.from(head.dense, r),
    terms: vocabulary.map(([key]) => r(head.terms.get(key) ?? 0)),
    calibration: {
      a: Math.round(calibration.a * 1e5) / 1e5,
      b: Math.round(calibration.b * 1e5) / 1e5,
    },
    threshold,
  };
}

function figuresFor(
  rows: readonly LabelledRow[],
  engineProbabilities: number[],
  threshold: number,
): Record<string, Record<string, number>> {
  const labels = rows.map((r) => r.label);
  const out: Record<string, Record<string, number>> = {
    engine: rounded(binaryMetrics(engineProbabilities, labels, (p) => p >= threshold)),
  };
  for (const b of BASELINES) {
    out[b.name] = rounded(
      binaryMetrics(
        rows.map((r) => b.score(r.text)),
        labels,
        baselineSaysYes,
      ),
    );
  }
  return out;
}

/**
 * Trains the complaint, emotion and abuse heads from the shared data, measures them by
 * cross-validation and on the held-out GoEmotions dev set, and writes the weights with a
 * header into core.
 */
export function train(options: TrainOptions): { file: ModelFile; out: string } {
  const { settings, log } = options;
  const dataDir = findDataDir(options.dataDir);
  const started = performance.now();
  log(`reading and featurising the data sets in ${dataDir}`);
  const complaints = featurize(loadLabelled(dataDir, TRAINING_SETS.complaints));
  const goemotions = featurize(loadLabelled(dataDir, TRAINING_SETS.goemotions));
  const goemotionsDev = featurize(loadLabelled(dataDir, TRAINING_SETS.goemotionsDev));
  const offensive = featurize(loadLabelled(dataDir, TRAINING_SETS.offensive));
  const lr: LogisticOptions = {
    epochs: settings.epochs,
    learningRate: settings.learningRate,
    l2: settings.l2,
    minCount: settings.minCount,
    prune: settings.prune,
    seed: settings.seed,
  };
  const labelsOf = (rows: readonly LabelledRow[]) => rows.map((r) => r.label);
  const calibrate = (head: { a: number; b: number }, z: number) => sigmoid(head.a * z + head.b);

  // Complaint: the complaints set alone. (GoEmotions rows without negative emotion as
  // non-complaints, even at weight 0.1, cost 0.05 of ROC AUC on complaints: measured.)
  log('complaint head: cross-validating on the complaints set');
  const complaintOof = crossValidate(complaints, 1, [], lr, settings.folds, log, 'complaint');
  const complaintCalibration = fitPlatt(complaintOof, labelsOf(complaints));
  log('emotion head: cross-validating on the GoEmotions training set');
  const emotionLr: LogisticOptions = {
    ...lr,
    epochs: settings.emotionEpochs,
    minCount: settings.emotionMinCount,
  };
  const emotionOof = crossValidate(goemotions, 1, [], emotionLr, settings.folds, log, 'emotion');
  const emotionCalibration = fitPlatt(emotionOof, labelsOf(goemotions));
  // Abuse: the offensive-language set, with the complaints as examples of customers who are
  // upset without abusing anyone (label 0), so that ordinary customer messages score low.
  log('abuse head: cross-validating on the offensive-language set and the complaints');
  const abuseRows = offensive.concat(complaints.map((r) => ({ ...r, label: 0 as const })));
  const abuseOofAll = crossValidate(abuseRows, 1, [], lr, settings.folds, log, 'abuse');
  const abuseCalibration = fitPlatt(abuseOofAll, labelsOf(abuseRows));
  // The threshold is chosen on the model's probabilities as calibrated (a threshold of 0 turns
  // the fall-off off), then the figures are measured as analyzeMessage scores: with the
  // fall-off below that threshold (see `combineAbuse`).
  const abuseOofModel = abuseOofAll.map((z) => calibrate(abuseCalibration, z));
  const abuseSignals = abuseRows.map((r) => r.signals);
  const abuseThreshold = bestThreshold(
    abuseOofModel.map((p, i) => combineAbuse(p, abuseSignals[i] ?? [], 0)),
    labelsOf(abuseRows),
  );
  const abuseOofP = abuseOofModel
    .slice(0, offensive.length)
    .map((p, i) => combineAbuse(p, abuseSignals[i] ?? [], abuseThreshold));

  log('training the shipped heads on all training rows');
  const complaint = trainLogistic(examples(complaints, 1), lr);
  const emotion = trainLogistic(examples(goemotions, 1), emotionLr);
  const abuse = trainLogistic(examples(abuseRows, 1), lr);

  // Upset on complaints: the complaint head out of fold, the emotion head (never trained on
  // complaints) as shipped. The threshold is the one with the best macro F1 there.
  const complaintsUpset = complaints.map((r, i) =>
    combineUpset(
      calibrate(complaintCalibration, complaintOof[i] as number) * r.complaintShare,
      calibrate(emotionCalibration, headLogit(emotion, r.features)),
      r.evidence,
      settings.emotionWeight,
    ),
  );
  const upsetThreshold = bestThreshold(complaintsUpset, labelsOf(complaints));
  const devUpset = goemotionsDev.map((r) =>
    combineUpset(
      calibrate(complaintCalibration, headLogit(complaint, r.features)) * r.complaintShare,
      calibrate(emotionCalibration, headLogit(emotion, r.features)),
      r.evidence,
      settings.emotionWeight,
    ),
  );

  // The words of each hashed term, for a readable file; sorted for a deterministic one.
  const words = new Map<number, string>();
  for (const set of [complaints, goemotions, offensive]) {
    for (const { features } of set) {
      for (let t = 0; t < features.count; t++) {
        words.set(features.keys[t] as number, features.texts?.[t] ?? '');
      }
    }
  }
  const heads = [complaint, emotion, abuse];
  const keys = new Set(heads.flatMap((h) => [...h.terms.keys()]));
  const vocabulary: Array<[number, string]> = [...keys]
    .map((key): [number, string] => [key, words.get(key) ?? ''])
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));

  const file: ModelFile = {
    header: {
      generatedBy: 'npx calmdesk train',
      seed: settings.seed,
      data: {
        complaint: `${TRAINING_SETS.complaints} (${complaints.length} rows)`,
        emotion: `${TRAINING_SETS.goemotions} (${goemotions.length} rows)`,
        abuse: `${TRAINING_SETS.offensive} (${offensive.length} rows) + ${TRAINING_SETS.complaints} as not abusive (${complaints.length} rows)`,
        evidence: 'the signals, weighted by SIGNAL_EVIDENCE in core',
        heldOut: `${TRAINING_SETS.goemotionsDev} (${goemotionsDev.length} rows), never trained on`,
        figures: `complaints and offensive: ${settings.folds}-fold cross-validation by id hash (offensive figures on its own rows); goemotions: the dev set`,
      },
      settings: { ...settings },
      figures: {
        ...prefixed('complaints', figuresFor(complaints, complaintsUpset, upsetThreshold)),
        ...prefixed('goemotionsDev', figuresFor(goemotionsDev, devUpset, upsetThreshold)),
        ...prefixed('offensive', figuresFor(offensive, abuseOofP, abuseThreshold)),
      },
    },
    denseFeatures: [...DENSE_FEATURES],
    terms: vocabulary.map(([, text]) => text),
    upsetThreshold,
    emotionWeight: settings.emotionWeight,
    heads: {
      complaint: toModelHead(complaint, vocabulary, complaintCalibration, upsetThreshold),
      emotion: toModelHead(emotion, vocabulary, emotionCalibration, upsetThreshold),
      abuse: toModelHead(abuse, vocabulary, abuseCalibration, abuseThreshold),
    },
  };
  const out = options.out ?? DEFAULT_OUT;
  if (options.write) {
    writeFileSync(out, renderModelFile(file));
    log(`wrote ${relative(process.cwd(), out)} (${vocabulary.length} terms)`);
  }
  log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { file, out };
}

function prefixed(
  set: string,
  figures: Record<string, Record<string, number>>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [tool, m] of Object.entries(figures)) out[`${set}.${tool}`] = m;
  return out;
}

function renderModelFile(file: ModelFile): string {
  const { header, ...rest } = file;
  return [
    '// Generated by `npx calmdesk train`: do not edit. Rerun the command to change it.',
    '// The header says which data, which settings and which figures produced these weights.',
    "import type { ModelFile } from '../linear-model.js';",
    '',
    `export const MODEL: ModelFile = {`,
    `  header: ${JSON.stringify(header, null, 2).replace(/\n/g, '\n  ')},`,
    `  denseFeatures: ${JSON.stringify(rest.denseFeatures)},`,
    `  terms: ${JSON.stringify(rest.terms)},`,
    `  upsetThreshold: ${rest.upsetThreshold},`,
    `  emotionWeight: ${rest.emotionWeight},`,
    `  heads: ${JSON.stringify(rest.heads)},`,
    '};',
    '',
  ].join('\n');
}
