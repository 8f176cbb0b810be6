import { describe, expect, it } from 'vitest';
import { readMessage } from '../message/analyze-message.js';
import { DENSE_FEATURES } from './features.js';
import { LinearModel, type ModelFile, type ModelHead } from './linear-model.js';
import { MODEL } from './weights/model.js';

const SHIPPED = MODEL;

/** The shipped file as if trained before `name` was a feature. */
function without(name: string): ModelFile {
  const i = SHIPPED.denseFeatures.indexOf(name);
  const drop = (head: ModelHead): ModelHead => ({
    ...head,
    dense: head.dense.filter((_, j) => j !== i),
  });
  const { complaint, emotion, abuse } = SHIPPED.heads;
  return {
    ...SHIPPED,
    denseFeatures: SHIPPED.denseFeatures.filter((f) => f !== name),
    heads: { complaint: drop(complaint), emotion: drop(emotion), abuse: drop(abuse) },
  };
}

describe('LinearModel', () => {
  it('scores with a file trained before a kind of signal was added, that kind weighing nothing', () => {
    const older = new LinearModel(without('sarcasm'));
    const zeroed = new LinearModel({
      ...SHIPPED,
      heads: Object.fromEntries(
        Object.entries(SHIPPED.heads).map(([task, head]) => [
          task,
          { ...head, dense: head.dense.map((w, j) => (DENSE_FEATURES[j] === 'sarcasm' ? 0 : w)) },
        ]),
      ) as ModelFile['heads'],
    });
    const features = readMessage('Oh great, another outage. Thanks a lot... 🙄').features;
    expect(features.dense[DENSE_FEATURES.indexOf('sarcasm')]).toBeGreaterThan(0);
    expect(older.score(features).complaint).toBe(zeroed.score(features).complaint);
    expect(older.score(features).emotion).toBe(zeroed.score(features).emotion);
  });

  it('refuses a file with a feature this version cannot compute', () => {
    const file = { ...SHIPPED, denseFeatures: [...SHIPPED.denseFeatures.slice(0, -1), 'mystery'] };
    expect(() => new LinearModel(file)).toThrow(/other dense features/);
  });
});
