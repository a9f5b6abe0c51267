import { describe, expect, it } from 'vitest';
import { sortedLetters } from '../../benchmarks/tasks/sorted-letters.js';

describe('sorted-letters task', () => {
  const examples = sortedLetters.examples(500, 3);

  it('sorts the input letters, keeping repeats', () => {
    for (const { input, target } of examples) {
      expect(input).toMatch(/^[a-z]{4,12}$/);
      expect(target).toBe(input.split('').sort().join(''));
    }
    expect(examples.some(({ input }) => new Set(input).size < input.length)).toBe(true);
  });

  it('draws distinct inputs, the same for the same seed and others for another', () => {
    expect(new Set(examples.map((example) => example.input)).size).toBe(500);
    expect(sortedLetters.examples(500, 3)).toEqual(examples);
    expect(sortedLetters.examples(500, 4)).not.toEqual(examples);
  });
});
