import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../src/stopping/config.js';
import { DEFAULT_TRAINING } from '../../src/trainer/defaults.js';
import { trainerDefault } from '../../src/trainer/recipe-defaults.js';

describe('trainerDefault', () => {
  it("gives the trainer's own value for a hyperparameter a recipe leaves out", () => {
    expect(trainerDefault('learningRate', {})).toBe(DEFAULT_TRAINING.learningRate);
    expect(trainerDefault('optimizer', {})).toBe('adamw');
    expect(trainerDefault('noSuchThing', {})).toBeUndefined();
  });

  it("gives stopping defaults of the recipe's rule (none when unset)", () => {
    expect(trainerDefault('stopping.rule', {})).toBe('none');
    expect(trainerDefault('stopping.evalEvery', {})).toBe(defaultStoppingConfig('none').evalEvery);
    expect(trainerDefault('stopping.patience', { 'stopping.rule': 'patience' })).toBe((defaultStoppingConfig('patience') as unknown as { patience: number }).patience);
    expect(trainerDefault('stopping.patience', { 'stopping.rule': 'threshold' })).toBeUndefined();
    expect(trainerDefault('stopping.patience', { 'stopping.rule': 'bogus' })).toBeUndefined();
  });
});
