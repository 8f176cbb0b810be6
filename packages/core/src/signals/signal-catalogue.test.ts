import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../message/analyze-message.js';
import { DENSE_FEATURES, MONOTONE_FEATURES } from '../model/features.js';
import { MODEL } from '../model/weights/model.js';
import {
  EXPERIENCE_KINDS,
  SIGNAL_CATALOGUE,
  SIGNAL_KINDS,
  signalGroup,
  signalLabel,
} from './signal-catalogue.js';

describe('the signal catalogue', () => {
  it('gives every kind a label an agent can read and a colour group', () => {
    for (const kind of SIGNAL_KINDS) {
      expect(signalLabel(kind)).toMatch(/^[A-Z][a-z]/);
      expect(['intensity', 'trigger', 'problem']).toContain(signalGroup(kind));
    }
    expect(signalLabel('insult')).toBe('Personal attack');
    expect(signalLabel('disappointment')).toBe('Let down');
    expect(signalLabel('made_up_kind')).toBe('made up kind');
    expect(signalGroup('made_up_kind')).toBe('problem');
  });

  it('computes every dense feature the shipped model was trained with, in its order', () => {
    // A kind added since the last training has a feature the model lacks, and that is all.
    expect(DENSE_FEATURES.filter((f) => MODEL.denseFeatures.includes(f))).toEqual(
      MODEL.denseFeatures,
    );
    expect(DENSE_FEATURES.slice(0, 3)).toEqual(['shouted_words', 'exclamations', 'question_burst']);
    expect(DENSE_FEATURES.slice(-2)).toEqual(['lexicon_negative', 'lexicon_positive']);
    expect([...MONOTONE_FEATURES]).toEqual([
      'shouted_words',
      'exclamations',
      'question_burst',
      'profanity',
      'insult',
      'threat',
      'manager_demand',
      'sarcasm',
      'distress',
    ]);
  });

  it('names what the customer went through in one order, with words for each reader', () => {
    expect(EXPERIENCE_KINDS).toEqual([
      'broken_promise',
      'repeated_contact',
      'long_wait',
      'not_heard',
    ]);
    for (const kind of EXPERIENCE_KINDS) {
      const record = SIGNAL_CATALOGUE[kind];
      expect(record.trigger).toBe(true);
      expect(record.experience?.topic.label).toBeTruthy();
      expect(record.experience?.description.stems.length).toBeGreaterThan(0);
      expect(record.experience?.goodwill.weight).toBeGreaterThan(0);
    }
  });

  it('lists the triggers a message shows as the records say', () => {
    const a = analyzeMessage(
      "Third time asking!!! You promised a refund last week and I'm still waiting. Thanks for nothing... 🙄",
    );
    for (const kind of a.triggers) expect(SIGNAL_CATALOGUE[kind].trigger).toBe(true);
    for (const s of a.signals) {
      if (SIGNAL_CATALOGUE[s.kind].trigger === true) expect(a.triggers).toContain(s.kind);
    }
    expect(a.triggers).toEqual(expect.arrayContaining(['repeated_contact', 'refund']));
  });
});
