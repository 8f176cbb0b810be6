import { hashTerm } from '../text/hash.js';
import { isStopword } from '../text/stopwords.js';
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

/**
 * The file `npx calmdesk train` writes: a shared vocabulary and one head per task. Upset
 * combines the complaint and emotion heads with the signals (see `combineUpset`) and says yes
 * at `upsetThreshold`.
 */
export interface ModelFile {
  header: ModelHeader;
  denseFeatures: readonly string[];
  terms: readonly string[];
  upsetThreshold: number;
  /** How much the emotion head counts: upset = 1 - (1 - p_complaint)(1 - w p_emotion). */
  emotionWeight: number;
  heads: { complaint: ModelHead; emotion: ModelHead; abuse: ModelHead };
}

/**
 * The file with its heads' dense weights in `DENSE_FEATURES`' order. A feature the file lacks
 * (a kind of signal added since training) weighs nothing until the next training; a feature
 * this version cannot compute is an error.
 */
function alignDenseFeatures(file: ModelFile): ModelFile {
  if (file.terms.length === 0 || file.denseFeatures.join() === DENSE_FEATURES.join()) return file;
  const known = new Set<string>(DENSE_FEATURES);
  if (file.denseFeatures.some((name) => !known.has(name))) {
    throw new Error('model file was trained with other dense features: run `calmdesk train`');
  }
  const align = (head: ModelHead): ModelHead => ({
    ...head,
    dense: DENSE_FEATURES.map((name) => {
      const i = file.denseFeatures.indexOf(name);
      return i < 0 ? 0 : (head.dense[i] ?? 0);
    }),
  });
  const { complaint, emotion, abuse } = file.heads;
  return {
    ...file,
    denseFeatures: [...DENSE_FEATURES],
    heads: { complaint: align(complaint), emotion: align(emotion), abuse: align(abuse) },
  };
}

/** A term that moved a score, with the span it covers and its weight in the logit. */
export interface Contribution {
  start: number;
  end: number;
  weight: number;
}

export interface ModelScores {
  complaint: number;
  emotion: number;
  abuse: number;
  /** Terms that raised the complaint or emotion logit (their summed weight). */
  upsetContributions: Contribution[];
  abuseContributions: Contribution[];
}

/**
 * The logistic function.
 *
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * A model ready to score: the vocabulary in a hash table and the weights in typed arrays, so a
 * message costs one lookup per term.
 *
 * @example
 * const model = new LinearModel(MODEL);
 * model.score(readMessage('Where is my refund?').features).complaint; // a probability
 */
export class LinearModel {
  readonly header: ModelHeader;
  readonly upsetThreshold: number;
  readonly abuseThreshold: number;
  readonly emotionWeight: number;
  private readonly table: TermTable;
  private readonly file: ModelFile;
  // Working lists of the strongest terms, reused by every call (calls never overlap).
  private readonly upsetTop = new StrongestTerms();
  private readonly abuseTop = new StrongestTerms();

  constructor(file: ModelFile) {
    this.file = alignDenseFeatures(file);
    this.header = file.header;
    this.upsetThreshold = file.upsetThreshold;
    this.abuseThreshold = file.heads.abuse.threshold;
    this.emotionWeight = file.emotionWeight;
    const { complaint, emotion, abuse } = file.heads;
    this.table = new TermTable(
      file.terms.map(hashTerm),
      file.terms.map(isStopword),
      file.terms.map((_, i) => [
        complaint.terms[i] ?? 0,
        emotion.terms[i] ?? 0,
        abuse.terms[i] ?? 0,
      ]),
    );
  }

  /**
   * Scores every head. Contributions keep the `keep` terms that raised a score most, strongest
   * first (a word pair and one of its words may both be there).
   */
  score(features: MessageFeatures, keep = 15): ModelScores {
    const { complaint, emotion, abuse } = this.file.heads;
    let zc = complaint.bias;
    let ze = emotion.bias;
    let za = abuse.bias;
    for (let i = 0; i < features.dense.length; i++) {
      const v = features.dense[i] ?? 0;
      if (v !== 0) {
        zc += v * (complaint.dense[i] ?? 0);
        ze += v * (emotion.dense[i] ?? 0);
        za += v * (abuse.dense[i] ?? 0);
      }
    }
    const upsetTop = this.upsetTop.reset(keep);
    const abuseTop = this.abuseTop.reset(keep);
    const table = this.table;
    const w = table.weights;
    const { keys, spans, count } = features;
    for (let t = 0; t < count; t++) {
      const slot = table.find(keys[t] as number);
      if (slot < 0) continue;
      const wc = w[slot + 1] as number;
      const we = w[slot + 2] as number;
      const wa = w[slot + 3] as number;
      zc += wc;
      ze += we;
      za += wa;
      // Function words ("my", "and the") weigh in the score but explain nothing to a person.
      if (keep > 0 && table.silent[slot >> 2] === 0) {
        const start = spans[2 * t] as number;
        const end = spans[2 * t + 1] as number;
        if (wc + we > 0) upsetTop.offer(start, end, wc + we);
        if (wa > 0) abuseTop.offer(start, end, wa);
      }
    }
    const pc = calibrated(complaint, zc);
    const pe = calibrated(emotion, ze);
    return {
      complaint: pc,
      emotion: pe,
      abuse: calibrated(abuse, za),
      upsetContributions: upsetTop.list(),
      abuseContributions: abuseTop.list(),
    };
  }
}

/**
 * The strongest few terms offered, kept sorted in typed arrays so that offering a term costs no
 * allocation; objects are made only for the ones kept.
 */
class StrongestTerms {
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);
  private weights = new Float64Array(16);
  private size = 0;
  private keep = 0;

  reset(keep: number): this {
    if (keep > this.starts.length) {
      this.starts = new Int32Array(keep);
      this.ends = new Int32Array(keep);
      this.weights = new Float64Array(keep);
    }
    this.size = 0;
    this.keep = keep;
    return this;
  }

  offer(start: number, end: number, weight: number): void {
    const { keep, weights } = this;
    if (keep === 0) return;
    if (this.size === keep && (weights[keep - 1] as number) >= weight) return;
    let i = this.size < keep ? this.size++ : keep - 1;
    while (i > 0 && (weights[i - 1] as number) < weight) {
      this.starts[i] = this.starts[i - 1] as number;
      this.ends[i] = this.ends[i - 1] as number;
      weights[i] = weights[i - 1] as number;
      i--;
    }
    this.starts[i] = start;
    this.ends[i] = end;
    weights[i] = weight;
  }

  /** The terms kept, strongest first. */
  list(): Contribution[] {
    const out: Contribution[] = [];
    for (let i = 0; i < this.size; i++) {
      out.push({
        start: this.starts[i] as number,
        end: this.ends[i] as number,
        weight: this.weights[i] as number,
      });
    }
    return out;
  }
}

function calibrated(head: ModelHead, logit: number): number {
  return sigmoid(head.calibration.a * logit + head.calibration.b);
}

/**
 * An open-addressing hash table from term hash to the term's three weights, laid out so that a
 * lookup reads one cache line: slot s holds the key at 4s (as int) and the weights at 4s+1..3.
 * Faster than a Map for the one lookup per word and word pair of every message.
 */
/** The filter's bits: 2^20, 128 KB. */
const FILTER_MASK = (1 << 20) - 1;

class TermTable {
  private readonly keys: Int32Array;
  readonly weights: Float32Array;
  /** One bit per hash bucket that holds a term (see `find`). */
  private readonly filter: Uint32Array;
  /** 1 at slot s for a term never shown as evidence (function words). */
  readonly silent: Uint8Array;
  private readonly mask: number;

  constructor(
    hashes: readonly number[],
    silent: readonly boolean[],
    weights: ReadonlyArray<readonly number[]>,
  ) {
    let slots = 16;
    while (slots < hashes.length * 1.25) slots *= 2;
    const buffer = new ArrayBuffer(slots * 16);
    this.keys = new Int32Array(buffer).fill(-1);
    this.weights = new Float32Array(buffer);
    this.silent = new Uint8Array(slots);
    this.filter = new Uint32Array((FILTER_MASK + 1) / 32);
    this.mask = slots - 1;
    hashes.forEach((h, i) => {
      let slot = h & this.mask;
      while (this.keys[slot * 4] !== -1 && this.keys[slot * 4] !== h) slot = (slot + 1) & this.mask;
      // A term that hashes like an earlier one keeps the earlier slot (rare at 30 bits).
      if (this.keys[slot * 4] === h) return;
      this.keys[slot * 4] = h;
      const bit = (h >>> 7) & FILTER_MASK;
      this.filter[bit >>> 5]! |= 1 << (bit & 31);
      this.silent[slot] = silent[i] === true ? 1 : 0;
      const w = weights[i] ?? [];
      for (let k = 0; k < 3; k++) this.weights[slot * 4 + 1 + k] = w[k] ?? 0;
    });
  }

  /** The offset (4s) of the slot holding this hash, or -1. */
  find(h: number): number {
    // Most word pairs of a message are not in the vocabulary: a small bit set, which stays in
    // the processor's cache, answers "no" for them without touching the large table.
    const bit = (h >>> 7) & FILTER_MASK;
    if ((this.filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return -1;
    let slot = h & this.mask;
    for (;;) {
      const k = this.keys[slot * 4] as number;
      if (k === h) return slot * 4;
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}
