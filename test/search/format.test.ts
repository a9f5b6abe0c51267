import { describe, expect, it } from 'vitest';
import { recipeText } from '../../src/export/recipe-text.js';
import { formatRecipe, terminalText } from '../../src/search/format.js';

describe('terminalText', () => {
  it('shows control characters as escapes, so that printed names cannot drive the terminal', () => {
    expect(terminalText('x\u001b[2J\u001b[Hy')).toBe('x\\u001b[2J\\u001b[Hy');
    expect(terminalText('a\rb\nc\u0007d\u009be\u007f')).toBe('a\\u000db\\u000ac\\u0007d\\u009be\\u007f');
    expect(terminalText('ünïcödé ☃ 1 ± 2')).toBe('ünïcödé ☃ 1 ± 2');
  });

  it('applies to recipes with stored string values', () => {
    expect(formatRecipe({ optimizer: 'adam\u001b[31m' })).toBe('optimizer=adam\\u001b[31m');
  });
});

describe('formatRecipe (the terminal form)', () => {
  it('is the recipe text, escaped and cut to the width with an ellipsis', () => {
    const params = { 'stopping.rule': 'threshold', 'stopping.target': 0.9, learningRate: 0.01, batchSize: 32 };
    expect(formatRecipe(params)).toBe(recipeText(params));
    expect(formatRecipe(params, 20)).toBe(`${recipeText(params).slice(0, 19)}…`);
    expect(formatRecipe(null)).toBe('(recipe pending)');
  });
});
