/** `calmdesk train`'s settings and their defaults, apart from train.ts so that the command line
 * can show them without loading the trainer. */
export interface TrainSettings {
  seed: number;
  folds: number;
  epochs: number;
  learningRate: number;
  l2: number;
  minCount: number;
  /** Weights smaller than this are dropped from the shipped file. */
  prune: number;
  /** How much the emotion head counts in upset = 1 - (1 - p_complaint)(1 - w p_emotion). */
  emotionWeight: number;
  /**
   * Passes and least row count for the emotion head alone: GoEmotions has 16 times the rows of
   * the complaints set, and the complaint head's settings overfit it (dev ROC AUC 0.823 with 8
   * passes and 3 rows, 0.828 with 4 and 5: measured).
   */
  emotionEpochs: number;
  emotionMinCount: number;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  seed: 7,
  folds: 5,
  epochs: 8,
  learningRate: 0.05,
  l2: 1e-5,
  minCount: 3,
  prune: 0.05,
  emotionWeight: 0.6,
  emotionEpochs: 4,
  emotionMinCount: 5,
};
