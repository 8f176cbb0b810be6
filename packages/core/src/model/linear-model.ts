import { DENSE_FEATURES, type MessageFeatures } from './features.js';

/** Where a shipped model came from: the data, the settings and the figures it produced. */
export interface ModelHeader {
  generatedBy: string;
  seed: number;
  data: Record<string, string>;
  settings: Record<string, number | string | boolean>;
  figures: Record<string, Record<string, number>>;
}

/** One logistic head: weights for the shared vocabulary, the dense features and calibration. */
export interface ModelHead {
  bias: number;
  dense: number[];
  terms: number[];
  /** Platt scaling of the raw logit: p = sigmoid(a * logit + b). */
  calibration: { a: number; b: number };
  /** The probability at or above which the head says yes. */
  threshold: number;
}

/** The file `npx calmdesk train` writes: a shared vocabulary and one head per task. */
export interface ModelFile {
  header: ModelHeader;
  denseFeatures: readonly string[];
  terms: readonly string[];
  heads: { upset: ModelHead; abuse: ModelHead };
}

/** A term that moved a score, with the span it covers and its weight in the logit. */
export interface Contribution {
  start: number;
  end: number;
  weight: number;
}

export interface HeadScore {
  logit: number;
  probability: number;
  contributions: Contribution[];
}

export interface ModelScores {
  upset: HeadScore;
  abuse: HeadScore;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * A model ready to score: the vocabulary in a hash map and the weights in typed arrays, so a
 * message costs one map lookup per term.
 */
export class LinearModel {
  readonly header: ModelHeader;
  readonly upsetThreshold: number;
  readonly abuseThreshold: number;
  private readonly index: Map<string, number>;
  private readonly upsetTerms: Float32Array;
  private readonly abuseTerms: Float32Array;
  private readonly file: ModelFile;

  constructor(file: ModelFile) {
    if (file.terms.length > 0 && file.denseFeatures.join() !== DENSE_FEATURES.join()) {
      throw new Error('model file was trained with other dense features: run `calmdesk train`');
    }
    this.file = file;
    this.header = file.header;
    this.upsetThreshold = file.heads.upset.threshold;
    this.abuseThreshold = file.heads.abuse.threshold;
    this.index = new Map(file.terms.map((t, i) => [t, i]));
    this.upsetTerms = Float32Array.from(file.heads.upset.terms);
    this.abuseTerms = Float32Array.from(file.heads.abuse.terms);
  }

  /** Scores both heads. Contributions list only the terms with a positive weight. */
  score(features: MessageFeatures): ModelScores {
    const { upset, abuse } = this.file.heads;
    let u = upset.bias;
    let a = abuse.bias;
    for (let i = 0; i < features.dense.length; i++) {
      const v = features.dense[i] ?? 0;
      if (v !== 0) {
        u += v * (upset.dense[i] ?? 0);
        a += v * (abuse.dense[i] ?? 0);
      }
    }
    const upsetContribs: Contribution[] = [];
    const abuseContribs: Contribution[] = [];
    for (const f of features.terms) {
      const i = this.index.get(f.term);
      if (i === undefined) continue;
      const wu = this.upsetTerms[i] ?? 0;
      const wa = this.abuseTerms[i] ?? 0;
      u += wu;
      a += wa;
      if (wu > 0) upsetContribs.push({ start: f.start, end: f.end, weight: wu });
      if (wa > 0) abuseContribs.push({ start: f.start, end: f.end, weight: wa });
    }
    return {
      upset: {
        logit: u,
        probability: sigmoid(upset.calibration.a * u + upset.calibration.b),
        contributions: upsetContribs,
      },
      abuse: {
        logit: a,
        probability: sigmoid(abuse.calibration.a * a + abuse.calibration.b),
        contributions: abuseContribs,
      },
    };
  }
}
