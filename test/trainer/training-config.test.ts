import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING } from '../../src/trainer/defaults.js';
import { learningRateAt, trainingConfigFromParams } from '../../src/trainer/training-config.js';

describe('trainingConfigFromParams', () => {
  it('fills missing hyperparameters from the defaults and ignores stopping parameters', () => {
    const config = trainingConfigFromParams({ learningRate: 0.01, optimizer: 'sgd-momentum', 'stopping.rule': 'patience' });
    expect(config).toEqual({ ...DEFAULT_TRAINING, learningRate: 0.01, optimizer: 'sgd-momentum' });
  });

  it('names the parameter and the source of a bad value', () => {
    expect(() => trainingConfigFromParams({ batchSize: 0 }, '--params')).toThrow('--params: batchSize: expected an integer ≥ 1 and ≤ 65536, got 0');
    expect(() => trainingConfigFromParams({ optimizer: 'lion' })).toThrow(/params: optimizer: expected one of "adam", "adamw", "sgd-momentum", "rmsprop"/);
    expect(() => trainingConfigFromParams({ learningrate: 0.1 })).toThrow(/learningrate: unknown hyperparameter/);
    expect(() => trainingConfigFromParams({ embedding: 30, heads: 16 })).toThrow(/heads: the embedding size \(30\) must be a multiple of heads/);
  });
});

describe('learningRateAt', () => {
  it('halves the learning rate every half-life of training tokens, or keeps it constant for half-life 0', () => {
    expect(learningRateAt({ learningRate: 0.01, learningRateHalfLife: 1000 }, 0)).toBe(0.01);
    expect(learningRateAt({ learningRate: 0.01, learningRateHalfLife: 1000 }, 2000)).toBeCloseTo(0.0025, 12);
    expect(learningRateAt({ learningRate: 0.01, learningRateHalfLife: 0 }, 1e9)).toBe(0.01);
  });
});
