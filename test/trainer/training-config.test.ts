import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, DEFAULT_TRANSFORMER_TRAINING } from '../../src/trainer/defaults.js';
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

  it('rises linearly over the warm-up, then follows the half-life from the first token', () => {
    const config = { learningRate: 0.01, learningRateHalfLife: 1000, warmupTokens: 500 };
    expect(learningRateAt(config, 0)).toBe(0);
    expect(learningRateAt(config, 250)).toBeCloseTo(0.5 * 0.01 * 2 ** -0.25, 12);
    expect(learningRateAt(config, 2000)).toBeCloseTo(0.0025, 12);
    expect(learningRateAt({ ...config, learningRateHalfLife: 0 }, 100)).toBeCloseTo(0.002, 12);
  });
});

describe('a recipe for the Transformer', () => {
  it('takes the Transformer defaults for what it leaves out, and the slot defaults stay as they were', () => {
    expect(trainingConfigFromParams({ model: 'transformer', heads: 8 })).toEqual({ ...DEFAULT_TRANSFORMER_TRAINING, heads: 8 });
    expect(trainingConfigFromParams({ heads: 8 }, 'params', 'transformer')).toEqual({ ...DEFAULT_TRANSFORMER_TRAINING, heads: 8 });
    expect(trainingConfigFromParams({})).toEqual(DEFAULT_TRAINING);
    expect(DEFAULT_TRAINING).toMatchObject({ model: 'slot', warmupTokens: 0, learningRate: 0.015, heads: 16, batchSize: 256 });
    expect(() => trainingConfigFromParams({ model: 'transformer', embedding: 64, heads: 5 })).toThrow(/must be a multiple of heads/);
  });
});
