import { detectLanguage, type LanguageGuess } from '../language/detect-language.js';
import { temperatureLevel, type TemperatureLevel } from './temperature-level.js';
import {
  DENSE_FEATURES,
  createFeatures,
  extractFeatures,
  type MessageFeatures,
} from '../model/features.js';
import { LinearModel, type Contribution } from '../model/linear-model.js';
import { combineAbuse, combineUpset, signalEvidence } from '../model/signal-evidence.js';
import { MODEL } from '../model/weights/model.js';
import { NO_TROUBLE_COMPLAINT_SHARE, showsNoTrouble } from '../model/no-trouble.js';
import { scanSignals } from '../signals/detect-signals.js';
import { SIGNAL_CATALOGUE } from '../signals/signal-catalogue.js';
import type { Signal, SignalKind, Span, ThreatKind } from '../signals/types.js';
import { TokenBuffer, tokenizeInto } from '../text/tokenize.js';

export type { TemperatureLevel } from './temperature-level.js';

/** A word or word pair that pushed a score up, with its evidence. */
export interface WeightedSpan extends Span {
  text: string;
  weight: number;
}

export interface AbuseAnalysis {
  /** Probability (0 to 1) that the message is abusive: insults, slurs, profanity aimed at people. */
  score: number;
  abusive: boolean;
  /** The insults and profanity in the text. */
  signals: Signal[];
  /** The words the abuse model weighed most. */
  topWords: WeightedSpan[];
}

export interface MessageAnalysis {
  /**
   * Calibrated probability (0 to 1) that the writer is upset with the business: complaining
   * or showing a negative emotion (the noisy OR of `complaint` and `negativeEmotion`).
   */
  upset: number;
  /** Probability that the message is a complaint: an expectation the business broke. */
  complaint: number;
  /** Probability that the message shows anger, annoyance, disapproval, disappointment or disgust. */
  negativeEmotion: number;
  /** `upset` at or above the threshold (the model's default unless options say otherwise). */
  isUpset: boolean;
  /** 0 to 100 for display: the probability heated by shouting, threats, insults and the like. */
  temperature: number;
  level: TemperatureLevel;
  /** Every sign found, sorted by where it starts. */
  signals: Signal[];
  /** The threats made, by kind, without repeats. */
  threats: ThreatKind[];
  /** The problem and experience triggers present, without repeats. */
  triggers: SignalKind[];
  abuse: AbuseAnalysis;
  /** The words that pushed the upset score most, strongest first. */
  topWords: WeightedSpan[];
  language: LanguageGuess;
}

export interface AnalyzeMessageOptions {
  /** Probability at or above which `isUpset` is true; defaults to the model's tuned threshold. */
  threshold?: number;
  /** How many top words to return (default 5). */
  topWords?: number;
  /** Another trained model, for evaluation; defaults to the shipped one. */
  model?: LinearModel;
}

/** The share of the temperature the upset probability alone can reach. */
const BASE_SHARE = 0.6;
/** How much a negative emotion (anger, disgust...) heats beyond the probability. */
const EMOTION_HEAT = 0.5;
const HEAT_PER_SHOUTED_WORD = 0.05;
const HEAT_PER_EXCLAMATION = 0.03;

let shippedModel: LinearModel | undefined;

/**
 * The model shipped in core, compiled once on first use.
 *
 * @example getShippedModel().header.figures['complaints.engine']?.auc // 0.8852
 */
export function getShippedModel(): LinearModel {
  shippedModel ??= new LinearModel(MODEL);
  return shippedModel;
}

/** The pieces of a message the model reads; exposed for training and evaluation. */
export interface MessageParts {
  tokens: TokenBuffer;
  signals: Signal[];
  features: MessageFeatures;
  shoutedWords: number;
  exclamations: number;
}

/**
 * Tokenises a message, finds its signals and builds the model's features, in buffers of its
 * own; with `withTermText`, the features carry each term's words (training writes them).
 *
 * @example readMessage('I was charged twice!!').signals.map((s) => s.kind) // ["billing_problem", "exclamation"]
 */
export function readMessage(text: string, withTermText = false): MessageParts {
  return readInto(text, new TokenBuffer(), undefined, withTermText);
}

function readInto(
  text: string,
  tokenBuffer: TokenBuffer,
  featureBuffer: MessageFeatures | undefined,
  withTermText: boolean,
): MessageParts {
  const tokens = tokenizeInto(text, tokenBuffer);
  const { signals, shoutedWords, exclamations } = scanSignals(text);
  const features = extractFeatures(
    text,
    tokens,
    signals,
    { shoutedWords, exclamations },
    featureBuffer,
    withTermText,
  );
  return { tokens, signals, features, shoutedWords, exclamations };
}

const LEXICON_NEGATIVE = DENSE_FEATURES.indexOf('lexicon_negative');

/**
 * The share of the complaint model's probability a message keeps: less when it shows no
 * trouble (see `showsNoTrouble`), all of it otherwise. Training measures the engine with it.
 *
 * @example complaintShare('What are your opening hours?', readMessage('What are your opening hours?')) // 0.5
 */
export function complaintShare(text: string, parts: MessageParts): number {
  const calm = showsNoTrouble(
    text,
    parts.signals,
    parts.shoutedWords,
    parts.exclamations,
    parts.features.dense[LEXICON_NEGATIVE] ?? 0,
  );
  return calm ? NO_TROUBLE_COMPLAINT_SHARE : 1;
}

// analyzeMessage's working buffers: JavaScript runs one call at a time, and nothing it returns
// points into them, so reusing them is safe and spares the allocations of every message.
const scratchTokens = new TokenBuffer();
const scratchFeatures = createFeatures(256);

function topSpans(text: string, contributions: Contribution[], n: number): WeightedSpan[] {
  if (n <= 0 || contributions.length === 0) return [];
  const out: WeightedSpan[] = [];
  // contributions come strongest first
  for (const c of contributions) {
    // A word pair adds little beside one of its own words already listed.
    if (out.some((o) => o.start < c.end && c.start < o.end)) continue;
    out.push({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      weight: Math.round(c.weight * 1000) / 1000,
    });
    if (out.length >= n) break;
  }
  return out;
}

/**
 * Reads one customer message and says how upset the writer is, why, and where it shows.
 * Never throws for any string; time is linear in the text's length.
 *
 * @example
 * const a = analyzeMessage("THIRD time I'm writing!!! Where is my refund? I'll call my lawyer.");
 * a.temperature;                      // 78 ("angry")
 * a.signals.map((s) => s.kind);       // ["shouting", "repeated_contact", "exclamation", "refund", "threat"]
 */
export function analyzeMessage(text: string, options: AnalyzeMessageOptions = {}): MessageAnalysis {
  return analyzeWith(text, options, true) as MessageAnalysis;
}

/**
 * `analyzeMessage` without `language` (left undefined), for callers that never read it: a
 * conversation's temperatures, triggers and abuse do not depend on it, and guessing it is a
 * sizeable share of the work on a short message. Every other field is what `analyzeMessage`
 * gives. @internal
 */
export function analyzeUpset(
  text: string,
  options: AnalyzeMessageOptions = {},
): Omit<MessageAnalysis, 'language'> {
  return analyzeWith(text, options, false);
}

/** Both of the above: one shape of result, with `language` only when asked for. */
function analyzeWith(
  text: string,
  options: AnalyzeMessageOptions,
  withLanguage: boolean,
): Omit<MessageAnalysis, 'language'> & { language: LanguageGuess | undefined } {
  if (typeof text !== 'string') throw new TypeError('analyzeMessage expects a string');
  const model = options.model ?? getShippedModel();
  const parts = readInto(text, scratchTokens, scratchFeatures, false);
  const { signals } = parts;
  const n = options.topWords ?? 5;
  // Three candidates per word asked for: a word pair beside its own word is skipped below.
  const scores = model.score(parts.features, 3 * n);
  const complaint = scores.complaint * complaintShare(text, parts);
  const upset = combineUpset(
    complaint,
    scores.emotion,
    signalEvidence(signals),
    model.emotionWeight,
  );

  // Temperature: 1 - (1 - BASE * p) * (1 - EMOTION_HEAT * emotion) * prod(1 - heat): a calm
  // complaint stays "upset" at most; anger, shouting, threats and insults heat it further, and
  // every added sign of intensity raises it.
  let cool = (1 - BASE_SHARE * upset) * (1 - EMOTION_HEAT * scores.emotion);
  cool *= Math.pow(1 - HEAT_PER_SHOUTED_WORD, Math.min(parts.shoutedWords, 40));
  cool *= Math.pow(1 - HEAT_PER_EXCLAMATION, Math.min(parts.exclamations, 40));
  const threats: ThreatKind[] = [];
  const triggers: SignalKind[] = [];
  const abuseSignals: Signal[] = [];
  for (const s of signals) {
    // Each sign heats by its catalogue record's `heat`: signs of intensity and of a customer
    // pushed too far; problem triggers (a refund, a late parcel) count only through the probability.
    const record = SIGNAL_CATALOGUE[s.kind];
    if (record.heat !== undefined) cool *= 1 - record.heat;
    if (s.threat !== undefined && !threats.includes(s.threat)) threats.push(s.threat);
    if (record.trigger === true && !triggers.includes(s.kind)) triggers.push(s.kind);
    if (record.abuse !== undefined) abuseSignals.push(s);
  }
  const temperature = Math.round(100 * (1 - cool));
  const threshold = options.threshold ?? model.upsetThreshold;
  const abuseScore = combineAbuse(scores.abuse, signals, model.abuseThreshold);
  return {
    upset,
    isUpset: upset >= threshold,
    temperature,
    level: temperatureLevel(temperature),
    signals,
    threats,
    triggers,
    abuse: {
      score: abuseScore,
      abusive: abuseScore >= model.abuseThreshold,
      signals: abuseSignals,
      topWords: topSpans(text, scores.abuseContributions, n),
    },
    topWords: topSpans(text, scores.upsetContributions, n),
    complaint,
    negativeEmotion: scores.emotion,
    language: withLanguage ? detectLanguage(text, parts.tokens) : undefined,
  };
}
