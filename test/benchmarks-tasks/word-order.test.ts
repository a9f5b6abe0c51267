import { describe, expect, it } from 'vitest';
import { wordOrder } from '../../benchmarks/tasks/word-order.js';

describe('word-order task', () => {
  const examples = wordOrder.examples(500, 3);

  it('reverses the order of the words, not their letters', () => {
    for (const { input, target } of examples) {
      const words = input.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(3);
      expect(words.length).toBeLessThanOrEqual(7);
      expect(target.split(' ')).toEqual(words.reverse());
    }
  });

  it('draws distinct inputs, the same for the same seed and others for another', () => {
    expect(new Set(examples.map((example) => example.input)).size).toBe(500);
    expect(wordOrder.examples(500, 3)).toEqual(examples);
    expect(wordOrder.examples(500, 4)).not.toEqual(examples);
  });
});
