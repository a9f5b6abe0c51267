import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  defaultStoppingConfig,
  splitRecipeParams,
  stoppingConfigFromParams,
  validateStoppingConfig,
} from '../../src/stopping/config.js';
import { RULE_NAMES, RULES } from '../../src/stopping/registry.js';

describe('stoppingConfigFromParams', () => {
  it('defaults to rule none with the shared defaults', () => {
    expect(stoppingConfigFromParams({ learningRate: 0.01 })).toEqual({
      rule: 'none',
      evalEvery: 20_000,
      warmup: 0,
      startGain: 0.01,
      restoreBest: true,
    });
  });

  it("reads the shared and the rule's own parameters, filling defaults", () => {
    const config = stoppingConfigFromParams({
      'stopping.rule': 'patience',
      'stopping.patience': 4,
      'stopping.evalEvery': 5000,
      'stopping.restoreBest': 'false',
      batchSize: 64,
    });
    expect(config).toEqual({
      rule: 'patience',
      evalEvery: 5000,
      warmup: 0,
      startGain: 0.01,
      restoreBest: false,
      patience: 4,
      minDelta: 0.001,
      metric: 'devEm',
    });
  });

  it("ignores other rules' parameters (unconditional in a space file) but not unknown names", () => {
    const config = stoppingConfigFromParams({ 'stopping.rule': 'threshold', 'stopping.patience': 3, 'stopping.target': 0.9 });
    expect(config).toEqual({ rule: 'threshold', evalEvery: 20_000, warmup: 0, startGain: 0.01, restoreBest: true, target: 0.9 });
    expect(() => stoppingConfigFromParams({ 'stopping.rule': 'patience', 'stopping.patinece': 3 })).toThrow(
      /^params: stopping\.patinece: unknown stopping parameter/,
    );
  });

  it('names the source and field of a bad value, as an InputError', () => {
    const cases: [Record<string, string | number | boolean>, string][] = [
      [{ 'stopping.rule': 'early' }, 'space.json: stopping.rule: unknown stopping rule "early" (expected none, patience, threshold, plateau, median, extrapolate)'],
      [{ 'stopping.rule': 'patience', 'stopping.patience': 0 }, 'space.json: stopping.patience: expected an integer ≥ 1, got 0'],
      [{ 'stopping.rule': 'patience', 'stopping.patience': 2.5 }, 'space.json: stopping.patience: expected an integer ≥ 1, got 2.5'],
      [{ 'stopping.rule': 'patience', 'stopping.patience': '4' }, 'space.json: stopping.patience: expected an integer ≥ 1, got "4"'],
      [{ 'stopping.rule': 'patience', 'stopping.metric': 'em' }, 'space.json: stopping.metric: expected one of "devEm", "devLoss", got "em"'],
      [{ 'stopping.rule': 'threshold', 'stopping.target': 1.5 }, 'space.json: stopping.target: expected a number ≥ 0 and ≤ 1, got 1.5'],
      [{ 'stopping.rule': 'plateau', 'stopping.tolerance': 0 }, 'space.json: stopping.tolerance: expected a number > 0, got 0'],
      [{ 'stopping.evalEvery': 0 }, 'space.json: stopping.evalEvery: expected an integer ≥ 1, got 0'],
      [{ 'stopping.restoreBest': 'yes' }, 'space.json: stopping.restoreBest: expected true or false, got "yes"'],
      [{ 'stopping.startGain': -0.01 }, 'space.json: stopping.startGain: expected a number ≥ 0, got -0.01'],
    ];
    for (const [params, message] of cases) {
      let caught: unknown;
      try {
        stoppingConfigFromParams(params, 'space.json');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InputError);
      expect((caught as Error).message).toBe(message);
    }
  });

  it('gives every rule parameter a default that passes its own check, and documentation', () => {
    for (const name of RULE_NAMES) {
      const config = defaultStoppingConfig(name);
      for (const parameter of RULES[name].parameters) {
        expect((config as Record<string, unknown>)[parameter.name]).toBe(parameter.default);
        expect(parameter.doc.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('validateStoppingConfig', () => {
  it('accepts a complete config and fills missing parameters', () => {
    expect(validateStoppingConfig({ rule: 'threshold', target: 0.8 }, 'prod.json: $.recipe.stopping')).toEqual({
      rule: 'threshold',
      evalEvery: 20_000,
      warmup: 0,
      startGain: 0.01,
      restoreBest: true,
      target: 0.8,
    });
  });

  it('carries startGain, for every rule, and checks it', () => {
    for (const rule of RULE_NAMES) {
      expect(validateStoppingConfig({ rule, startGain: 0 }, 'prod.json: $.recipe.stopping').startGain).toBe(0);
      expect(validateStoppingConfig({ rule }, 'prod.json: $.recipe.stopping').startGain).toBe(0.01);
      expect(stoppingConfigFromParams({ 'stopping.rule': rule, 'stopping.startGain': 0.05 }).startGain).toBe(0.05);
    }
    expect(() => validateStoppingConfig({ rule: 'patience', startGain: 'big' }, 'p.json: $.s')).toThrow(
      'p.json: $.s.startGain: expected a number ≥ 0, got "big"',
    );
  });

  it('rejects keys foreign to the rule and bad values, naming the JSON path', () => {
    expect(() => validateStoppingConfig({ rule: 'threshold', patience: 3 }, 'p.json: $.s')).toThrow(
      'p.json: $.s.patience: not a parameter of stopping rule "threshold"',
    );
    expect(() => validateStoppingConfig({ rule: 'median', minPeers: -1 }, 'p.json: $.s')).toThrow(
      'p.json: $.s.minPeers: expected an integer ≥ 1, got -1',
    );
    expect(() => validateStoppingConfig([], 'p.json: $.s')).toThrow('p.json: $.s: expected an object');
    expect(() => validateStoppingConfig({}, 'p.json: $.s')).toThrow('p.json: $.s.rule: unknown stopping rule undefined');
  });
});

describe('splitRecipeParams', () => {
  it('separates stopping parameters from training hyperparameters', () => {
    expect(splitRecipeParams({ 'stopping.rule': 'none', learningRate: 0.01, batchSize: 32 })).toEqual({
      stopping: { 'stopping.rule': 'none' },
      hyperparameters: { learningRate: 0.01, batchSize: 32 },
    });
  });
});
