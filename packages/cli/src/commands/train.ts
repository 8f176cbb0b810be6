import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DENSE_FEATURES,
  readMessage,
  sigmoid,
  type MessageFeatures,
  type ModelFile,
  type ModelHead,
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

export interface TrainSettings {
  seed: number;
  folds: number;
  epochs: number;
  learningRate: number;
  l2: number;
  minCount: number;
  /** How much a complaint row counts against a Reddit row when training the upset head. */
  complaintWeight: number;
  /** Weights smaller than this are dropped from the shipped file. */
  prune: number;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  seed: 7,
  folds: 5,
  epochs: 8,
  learningRate: 0.05,
  l2: 1e-5,
  minCount: 2,
  complaintWeight: 3,
  prune: 0.005,
};

export interface TrainOptions {
  dataDir?: string;
  out?: string;
  write: boolean;
  settings: TrainSettings;
  log: (message: string) => void;
}

interface FeaturedRow extends LabelledRow {
  features: MessageFeatures;
}

const DEFAULT_OUT = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../core/src/model/weights/model.ts',
);

function featurize(rows: LabelledRow[]): FeaturedRow[] {
  return rows.map((r) => ({ ...r, features: readMessage(r.text).features }));
}

function examples(rows: readonly FeaturedRow[], weight: number): Example[] {
  return rows.map((r) => ({ features: r.features, label: r.label, weight }));
}

function rounded(m: BinaryMetrics): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) out[k] = k === 'n' ? v : Math.round(v * 10000) / 10000;
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
    const train = extra.concat(examples(rows.filter((_, i) => foldIds[i] !== k), rowWeight));
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
  vocabulary: string[],
  calibration: { a: number; b: number },
  threshold: number,
): ModelHead {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    bias: r(head.bias),
    dense: Array.from(head.dense, r),
    terms: vocabulary.map((t) => r(head.terms.get(t) ?? 0)),
    calibration: { a: Math.round(calibration.a * 1e5) / 1e5, b: Math.round(calibration.b * 1e5) / 1e5 },
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
    out[b.name] = rounded(binaryMetrics(rows.map((r) => b.score(r.text)), labels, baselineSaysYes));
  }
  return out;
}

/**
 * Trains the upset and abuse heads from the shared data, measures them by cross-validation
 * and on the held-out GoEmotions dev set, and writes the weights with a header into core.
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
    seed: settings.seed,
  };

  log('cross-validating the upset head on the complaints set');
  const goemotionsExamples = examples(goemotions, 1);
  const upsetOof = crossValidate(
    complaints,
    settings.complaintWeight,
    goemotionsExamples,
    lr,
    settings.folds,
    log,
    'upset',
  );
  const upsetCalibration = fitPlatt(upsetOof, complaints.map((r) => r.label));
  const upsetOofP = upsetOof.map((z) => sigmoid(upsetCalibration.a * z + upsetCalibration.b));
  const upsetThreshold = bestThreshold(upsetOofP, complaints.map((r) => r.label));

  log('cross-validating the abuse head on the offensive-language set');
  const abuseOof = crossValidate(offensive, 1, [], lr, settings.folds, log, 'abuse');
  const abuseCalibration = fitPlatt(abuseOof, offensive.map((r) => r.label));
  const abuseOofP = abuseOof.map((z) => sigmoid(abuseCalibration.a * z + abuseCalibration.b));
  const abuseThreshold = bestThreshold(abuseOofP, offensive.map((r) => r.label));

  log('training the shipped heads on all training rows');
  const upset = trainLogistic(
    goemotionsExamples.concat(examples(complaints, settings.complaintWeight)),
    lr,
  );
  const abuse = trainLogistic(examples(offensive, 1), lr);
  const devP = goemotionsDev.map((r) => {
    const z = headLogit(upset, r.features);
    return sigmoid(upsetCalibration.a * z + upsetCalibration.b);
  });

  const vocabulary = [...new Set([...upset.terms.keys(), ...abuse.terms.keys()])]
    .filter(
      (t) =>
        Math.abs(upset.terms.get(t) ?? 0) >= settings.prune ||
        Math.abs(abuse.terms.get(t) ?? 0) >= settings.prune,
    )
    .sort();

  const file: ModelFile = {
    header: {
      generatedBy: 'npx calmdesk train',
      seed: settings.seed,
      data: {
        upset: `${TRAINING_SETS.complaints} (${complaints.length} rows, weight ${settings.complaintWeight}) + ${TRAINING_SETS.goemotions} (${goemotions.length} rows)`,
        abuse: `${TRAINING_SETS.offensive} (${offensive.length} rows)`,
        heldOut: `${TRAINING_SETS.goemotionsDev} (${goemotionsDev.length} rows), never trained on`,
        figures: `complaints and offensive: ${settings.folds}-fold cross-validation by id hash; goemotions: dev set`,
      },
      settings: { ...settings },
      figures: {
        ...prefixed('complaints', figuresFor(complaints, upsetOofP, upsetThreshold)),
        ...prefixed('goemotionsDev', figuresFor(goemotionsDev, devP, upsetThreshold)),
        ...prefixed('offensive', figuresFor(offensive, abuseOofP, abuseThreshold)),
      },
    },
    denseFeatures: [...DENSE_FEATURES],
    terms: vocabulary,
    heads: {
      upset: toModelHead(upset, vocabulary, upsetCalibration, upsetThreshold),
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
    `  heads: ${JSON.stringify(rest.heads)},`,
    '};',
    '',
  ].join('\n');
}
