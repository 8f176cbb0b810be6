import type { SignalKind, ThreatKind } from './signal-catalogue.js';

/** A half-open range of UTF-16 code units in the analysed text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

export type { SignalKind, ThreatKind } from './signal-catalogue.js';

/** One piece of evidence: what was seen, where, and why it matters, in one line. */
export interface Signal extends Span {
  kind: SignalKind;
  /** The evidence as written: `text.slice(start, end)`. */
  text: string;
  /** One line a support agent can read, e.g. "Threatens legal action". */
  explanation: string;
  /** Only for `threat`. */
  threat?: ThreatKind;
}
