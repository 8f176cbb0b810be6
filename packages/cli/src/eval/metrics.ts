/** The figures of a binary classifier on a labelled set, positive class = 1. */
export interface BinaryMetrics {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  macroF1: number;
  accuracy: number;
  auc: number;
}

function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted half; NaN without both classes.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const s = scores[order[i] as number] as number;
    while (j + 1 < n && scores[order[j + 1] as number] === s) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Figures for scores against labels, predicting positive when `isPositive(score)`. */
export function binaryMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  isPositive: (score: number) => boolean,
): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = isPositive(scores[i] as number);
    const actual = labels[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  }
  const n = tp + fp + tn + fn;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = f1Of(precision, recall);
  const negPrecision = tn + fn === 0 ? 0 : tn / (tn + fn);
  const negRecall = tn + fp === 0 ? 0 : tn / (tn + fp);
  return {
    n,
    precision,
    recall,
    f1,
    macroF1: (f1 + f1Of(negPrecision, negRecall)) / 2,
    accuracy: n === 0 ? 0 : (tp + tn) / n,
    auc: rocAuc(scores, labels),
  };
}
