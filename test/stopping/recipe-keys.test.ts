import { describe, expect, it } from 'vitest';
import { isStoppingKey, STOPPING_RULE_KEY, stoppingKey, stoppingParameterName } from '../../src/stopping/recipe-keys.js';
import { splitRecipeParams, stoppingConfigFromParams } from '../../src/stopping/config.js';

describe('recipe keys', () => {
  it('tells stopping parameters from hyperparameters and converts between recipe keys and parameter names', () => {
    expect(isStoppingKey('stopping.patience')).toBe(true);
    expect(isStoppingKey('learningRate')).toBe(false);
    expect(isStoppingKey('stoppingRate')).toBe(false);
    expect(stoppingParameterName('stopping.minDelta')).toBe('minDelta');
    expect(stoppingKey('minDelta')).toBe('stopping.minDelta');
    expect(STOPPING_RULE_KEY).toBe(stoppingKey('rule'));
  });

  it('are the keys the stopping config reads', () => {
    const params = { [STOPPING_RULE_KEY]: 'patience', [stoppingKey('patience')]: 7, learningRate: 0.01 };
    expect(stoppingConfigFromParams(params)).toMatchObject({ rule: 'patience', patience: 7 });
    expect(splitRecipeParams(params)).toEqual({ stopping: { 'stopping.rule': 'patience', 'stopping.patience': 7 }, hyperparameters: { learningRate: 0.01 } });
  });
});
