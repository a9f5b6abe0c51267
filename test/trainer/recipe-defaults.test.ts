import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../src/stopping/config.js';
import { DEFAULT_TRAINING, DEFAULT_TRANSFORMER_TRAINING } from '../../src/trainer/defaults.js';
import { trainerDefault } from '../../src/trainer/recipe-defaults.js';

describe('trainerDefault', () => {
  it("gives the trainer's own value for a hyperparameter a recipe leaves out", () => {
    expect(trainerDefault('learningRate', {})).toBe(DEFAULT_TRAINING.learningRate);
    expect(trainerDefault('optimizer', {})).toBe('adamw');
    expect(trainerDefault('noSuchThing', {})).toBeUndefined();
    expect(trainerDefault('model', {})).toBe('slot');
  });

  it('takes a training default from the model the recipe trains: its own, else the task\'s', () => {
    expect(trainerDefault('learningRate', {}, 'transformer')).toBe(DEFAULT_TRANSFORMER_TRAINING.learningRate);
    expect(trainerDefault('model', {}, 'transformer')).toBe('transformer');
    expect(trainerDefault('heads', { model: 'transformer' })).toBe(DEFAULT_TRANSFORMER_TRAINING.heads);
    expect(trainerDefault('heads', { model: 'slot' }, 'transformer')).toBe(DEFAULT_TRAINING.heads);
  });

  it("gives stopping defaults of the recipe's rule (none when unset)", () => {
    expect(trainerDefault('stopping.rule', {})).toBe('none');
    expect(trainerDefault('stopping.evalEvery', {})).toBe(defaultStoppingConfig('none').evalEvery);
    expect(trainerDefault('stopping.patience', { 'stopping.rule': 'patience' })).toBe((defaultStoppingConfig('patience') as unknown as { patience: number }).patience);
    expect(trainerDefault('stopping.patience', { 'stopping.rule': 'threshold' })).toBeUndefined();
    expect(trainerDefault('stopping.patience', { 'stopping.rule': 'bogus' })).toBeUndefined();
  });
});
