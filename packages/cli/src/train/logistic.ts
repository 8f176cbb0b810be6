import {
  DENSE_FEATURES,
  MONOTONE_FEATURES,
  seededRandom,
  type MessageFeatures,
} from '@calmdesk/core';

/** One training row: its features, its label and how much it counts. */
export interface Example {
  features: MessageFeatures;
  label: 0 | 1;
  weight: number;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Terms seen in fewer training rows than this are left out of the vocabulary. */
  minCount: number;
  /** Term weights smaller than this in size are dropped after training (a smaller model). */
  prune: number;
  seed: number;
}

/** A trained logistic model, before calibration; terms by hash (see `hashTerm`). */
export interface TrainedHead {
  bias: number;
  dense: Float64Array;
  terms: Map<number, number>;
}

const MONOTONE_INDEX = DENSE_FEATURES.map((name) => MONOTONE_FEATURES.has(name));

/**
 * Trains L2-regularised logistic regression with AdaGrad over shuffled rows. Deterministic
 * for a given seed. Weights of the monotone dense features are kept at zero or above
 * (projected gradient), so that adding a sign of intensity can never lower a score.
 */
export function trainLogistic(examples: readonly Example[], options: LogisticOptions): TrainedHead {
  // Vocabulary: terms that appear in at least minCount rows.
  const docCount = new Map<number, number>();
  for (const ex of examples) {
    const seen = new Set<number>();
    const { keys, count } = ex.features;
    for (let t = 0; t < count; t++) {
      const key = keys[t] as number;
      if (seen.has(key)) continue;
      seen.add(key);
      docCount.set(key, (docCount.get(key) ?? 0) + 1);
    }
  }
  const vocab = new Map<number, number>();
  for (const [term, count] of [...docCount].sort((a, b) => a[0] - b[0])) {
    if (count >= options.minCount) vocab.set(term, vocab.size);
  }
  const rows = examples.map((ex) => {
    const ids: number[] = [];
    const { keys, count } = ex.features;
    for (let t = 0; t < count; t++) {
      const id = vocab.get(keys[t] as number);
      if (id !== undefined) ids.push(id);
    }
    return { ids, dense: ex.features.dense, y: ex.label, w: ex.weight };
  });

  const nDense = DENSE_FEATURES.length;
  const wTerms = new Float64Array(vocab.size);
  const gTerms = new Float64Array(vocab.size);
  const wDense = new Float64Array(nDense);
  const gDense = new Float64Array(nDense);
  let bias = 0;
  let gBias = 0;
  const eps = 1e-8;
  const lr = options.learningRate;
  const l2 = options.l2;
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher-Yates shuffle with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const r of order) {
      const row = rows[r];
      if (row === undefined) continue;
      let z = bias;
      for (const id of row.ids) z += wTerms[id] as number;
      for (let k = 0; k < nDense; k++) z += (row.dense[k] as number) * (wDense[k] as number);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - row.y) * row.w;
      gBias += g * g;
      bias -= (lr * g) / Math.sqrt(gBias + eps);
      for (const id of row.ids) {
        const w = wTerms[id] as number;
        const grad = g + l2 * w;
        gTerms[id] = (gTerms[id] as number) + grad * grad;
        wTerms[id] = w - (lr * grad) / Math.sqrt(gTerms[id] + eps);
      }
      for (let k = 0; k < nDense; k++) {
        const x = row.dense[k] as number;
        if (x === 0) continue;
        const w = wDense[k] as number;
        const grad = g * x + l2 * w;
        gDense[k] = (gDense[k] as number) + grad * grad;
        let next = w - (lr * grad) / Math.sqrt((gDense[k] as number) + eps);
        if (MONOTONE_INDEX[k] === true && next < 0) next = 0;
        wDense[k] = next;
      }
    }
  }
  const terms = new Map<number, number>();
  for (const [term, id] of vocab) {
    const w = wTerms[id] as number;
    if (Math.abs(w) >= options.prune) terms.set(term, w);
  }
  return { bias, dense: wDense, terms };
}

/** The raw logit of a trained head for one row (before calibration). */
export function headLogit(head: TrainedHead, features: MessageFeatures): number {
  let z = head.bias;
  for (let t = 0; t < features.count; t++) z += head.terms.get(features.keys[t] as number) ?? 0;
  for (let k = 0; k < features.dense.length; k++) {
    z += (features.dense[k] as number) * (head.dense[k] as number);
  }
  return z;
}

/**
 * Fits Platt scaling p = sigmoid(a * logit + b) to held-out logits by Newton's method on the
 * log loss, with Platt's smoothed targets to avoid overconfidence.
 */
export function fitPlatt(
  logits: readonly number[],
  labels: readonly number[],
): { a: number; b: number } {
  let positives = 0;
  for (const y of labels) positives += y;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (let i = 0; i < logits.length; i++) {
      const x = logits[i] as number;
      const t = labels[i] === 1 ? hi : lo;
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const d = p - t;
      const s = p * (1 - p);
      gA += d * x;
      gB += d;
      hAA += s * x * x;
      hAB += s * x;
      hBB += s;
    }
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-12) break;
    const da = (hBB * gA - hAB * gB) / det;
    const db = (hAA * gB - hAB * gA) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
