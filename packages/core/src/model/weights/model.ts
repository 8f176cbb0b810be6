// Placeholder until `npx calmdesk train` runs.
import type { ModelFile } from '../linear-model.js';

export const MODEL: ModelFile = {
  header: { generatedBy: 'placeholder', seed: 0, data: {}, settings: {}, figures: {} },
  denseFeatures: [],
  terms: [],
  heads: {
    upset: { bias: 0, dense: [], terms: [], calibration: { a: 1, b: 0 }, threshold: 0.5 },
    abuse: { bias: 0, dense: [], terms: [], calibration: { a: 1, b: 0 }, threshold: 0.5 },
  },
};
