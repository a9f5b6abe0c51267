import { createRng } from '../../src/random/rng.js';
import { distinctExamples, type GeneratedTask } from './types.js';

/** Common words of 1 to 9 letters, so a word's position in the target moves with the other words' lengths. */
const WORDS = [
  'a', 'an', 'the', 'cat', 'dog', 'red', 'blue', 'green', 'river', 'stone', 'house', 'garden', 'window', 'yellow',
  'quiet', 'bright', 'sudden', 'winter', 'summer', 'table', 'chair', 'runs', 'sleeps', 'jumps', 'sings', 'reads',
  'writes', 'opens', 'closes', 'under', 'over', 'near', 'behind', 'before', 'after', 'little', 'old', 'new', 'young',
  'tall', 'small', 'mountain', 'village', 'teacher', 'student', 'morning', 'evening', 'slowly', 'quickly', 'often',
  'never', 'always', 'paper', 'letter', 'bridge', 'forest', 'ocean', 'kitchen', 'yesterday', 'tomorrow',
];

/** A sentence of 3–7 words (uniform), words uniform over WORDS → the same words in reverse order. */
export const wordOrder: GeneratedTask = {
  name: 'word-order',
  description: 'a sentence of 3–7 words → its words in reverse order',
  examples(count, seed) {
    const rng = createRng(seed);
    return distinctExamples(count, () => {
      const words = Array.from({ length: 3 + rng.int(5) }, () => WORDS[rng.int(WORDS.length)]);
      return { input: words.join(' '), target: [...words].reverse().join(' ') };
    });
  },
};
