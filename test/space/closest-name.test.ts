import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/space/closest-name.js';

describe('closestName', () => {
  it('suggests a near miss, a different case or an abbreviation, and nothing far off', () => {
    expect(closestName('lo', ['low', 'high'])).toBe('low');
    expect(closestName('learningrate', ['learningRate', 'batchSize'])).toBe('learningRate');
    expect(closestName('maxTokens', ['maxTokensPerRun'])).toBe('maxTokensPerRun');
    expect(closestName('comment', ['name', 'task', 'folds'])).toBeUndefined();
  });

  it('measures Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});
