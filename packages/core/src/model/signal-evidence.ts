import { SIGNAL_CATALOGUE, SIGNAL_KINDS } from '../signals/signal-catalogue.js';
import type { Signal, SignalKind } from '../signals/types.js';

/**
 * How strongly each sign of the practice (brief, point 1) says "this customer is upset" on
 * its own, whatever the words around it: the chance it adds to the upset probability, from each
 * record's `evidence` in the signal catalogue. Set by hand, since the training sets hold too
 * few threats or demands for a manager to learn from; `npx calmdesk train` measures the engine
 * with them in place.
 *
 * @example SIGNAL_EVIDENCE.threat // 0.5
 */
export const SIGNAL_EVIDENCE: Readonly<Partial<Record<SignalKind, number>>> = Object.fromEntries(
  SIGNAL_KINDS.flatMap((kind) => {
    const e = SIGNAL_CATALOGUE[kind].evidence;
    return e === undefined ? [] : [[kind, e]];
  }),
);

/**
 * The evidence of upset in a message's signals: 1 - prod(1 - e) over the distinct kinds
 * present. Adding a sign never lowers it.
 *
 * @example signalEvidence([{ kind: 'threat', ... }]) // 0.5
 */
export function signalEvidence(signals: readonly Signal[]): number {
  let none = 1;
  let seen = 0;
  for (const s of signals) {
    const e = SIGNAL_EVIDENCE[s.kind];
    if (e === undefined) continue;
    const bit = 1 << EVIDENCE_BIT[s.kind]!;
    if ((seen & bit) !== 0) continue;
    seen |= bit;
    none *= 1 - e;
  }
  return 1 - none;
}

const EVIDENCE_BIT: Partial<Record<SignalKind, number>> = Object.fromEntries(
  Object.keys(SIGNAL_EVIDENCE).map((kind, i) => [kind, i]),
);

/**
 * How strongly a sign says "this message abuses someone", beside the abuse model (each record's
 * `abuse`): a personal attack is abuse whatever the words; swearing alone is mostly anger at a
 * situation.
 *
 * @example ABUSE_EVIDENCE.insult // 0.6
 */
export const ABUSE_EVIDENCE: Readonly<Partial<Record<SignalKind, number>>> = Object.fromEntries(
  SIGNAL_KINDS.flatMap((kind) => {
    const e = SIGNAL_CATALOGUE[kind].abuse;
    return e === undefined ? [] : [[kind, e]];
  }),
);

/** At most this many signals of one kind heat the abuse probability. */
const MAX_ABUSE_SIGNALS = 5;
/** The index of each kind with abuse evidence, for counting them without a map per message. */
const ABUSE_INDEX: Partial<Record<SignalKind, number>> = Object.fromEntries(
  Object.keys(ABUSE_EVIDENCE).map((kind, i) => [kind, i]),
);
const abuseCounts = new Int32Array(Object.keys(ABUSE_EVIDENCE).length);

/**
 * How steeply the abuse model's probability falls off below its threshold (see `combineAbuse`).
 * With 8, a message the model puts at two thirds of the threshold keeps 4 % of it.
 */
export const ABUSE_FALL_OFF = 8;

/**
 * Abuse: the abuse model's probability heated by each insult and swear word (at most five of
 * each count): 1 - (1 - m) * prod(1 - e).
 *
 * Below the model's `threshold`, m falls off steeply: m = threshold * (model / threshold)^8.
 * The model was calibrated on the offensive-language set, where three rows in four are
 * offensive, so a message with no abusive word at all ("Danke, alles gut", "No worries") starts
 * near a third; on customer messages that is the set's share, not evidence. Above the
 * threshold nothing changes, and the fall-off keeps the order of scores, so every verdict of
 * the model and its ranking (ROC AUC) stay as trained. A `threshold` of 0 turns it off.
 *
 * @example combineAbuse(0.2, [insult], 0.5) // 1 - (1 - 0.5 * 0.4 ** 8) * 0.4 = 0.6
 */
export function combineAbuse(model: number, signals: readonly Signal[], threshold: number): number {
  const m = model >= threshold ? model : threshold * Math.pow(model / threshold, ABUSE_FALL_OFF);
  let none = 1 - m;
  abuseCounts.fill(0);
  for (const s of signals) {
    const i = ABUSE_INDEX[s.kind];
    if (i === undefined) continue;
    const seen = abuseCounts[i] ?? 0;
    if (seen >= MAX_ABUSE_SIGNALS) continue;
    abuseCounts[i] = seen + 1;
    none *= 1 - (ABUSE_EVIDENCE[s.kind] ?? 0);
  }
  return 1 - none;
}

/**
 * Upset: complaining, showing a negative emotion, or showing a sign of upset; the noisy OR
 * 1 - (1 - complaint)(1 - emotionWeight * emotion)(1 - evidence).
 *
 * @example combineUpset(0.5, 0.4, 0, 0.5) // 1 - 0.5 * 0.8 = 0.6
 */
export function combineUpset(
  complaint: number,
  emotion: number,
  evidence: number,
  emotionWeight: number,
): number {
  return 1 - (1 - complaint) * (1 - emotionWeight * emotion) * (1 - evidence);
}
