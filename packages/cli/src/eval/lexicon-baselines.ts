import Sentiment from 'sentiment';
import vader from 'vader-sentiment';

/**
 * The two lexicon tools Calmdesk is measured against, used as detectors: the more negative
 * the sentiment, the higher the returned score; a score above zero means "negative text".
 */
export interface Baseline {
  name: 'vader' | 'afinn';
  score: (text: string) => number;
}

const afinn = new Sentiment();

export const BASELINES: readonly Baseline[] = [
  {
    name: 'vader',
    score: (text) => -vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
  },
  { name: 'afinn', score: (text) => -afinn.analyze(text).score },
];

/** A lexicon tool calls a text positive (upset, abusive, impolite) when its sentiment is negative. */
export function baselineSaysYes(score: number): boolean {
  return score > 0;
}
