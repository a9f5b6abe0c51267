import { describe, expect, it } from 'vitest';
import { describeRecipe, recipeText } from '../../src/export/recipe-text.js';

describe('describeRecipe', () => {
  it('puts the rule with its own parameters first, then the hyperparameters in the recipe order, short names for common ones', () => {
    const params = { learningRate: 0.0031416, 'stopping.rule': 'patience', batchSize: 64, 'stopping.patience': 3, 'stopping.minDelta': 0.25, depth: 2 };
    expect(describeRecipe(params)).toEqual({ stopping: 'patience(patience=3,minDelta=0.25)', hyperparameters: 'lr=3.1e-3 bs=64 depth=2' });
    expect(recipeText(params)).toBe('patience(patience=3,minDelta=0.25) lr=3.1e-3 bs=64 depth=2');
  });

  it('writes integers in full and other numbers with two significant digits, in exponent form below 0.01 or from 1000 up', () => {
    expect(recipeText({ a: 20000, b: 0.5, c: 0.001, d: 1234.5, e: true, f: 'adam' })).toBe('a=20000 b=0.50 c=1.0e-3 d=1.2e+3 e=true f=adam');
  });

  it('has no stopping part when the recipe names no rule, and a rule without parameters stands alone', () => {
    expect(describeRecipe({ learningRate: 0.01 })).toEqual({ stopping: null, hyperparameters: 'lr=0.010' });
    expect(recipeText({ 'stopping.rule': 'none' })).toBe('none');
  });
});
