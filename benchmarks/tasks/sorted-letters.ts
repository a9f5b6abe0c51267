import { createRng } from '../../src/random/rng.js';
import { distinctExamples, type GeneratedTask } from './types.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** 4–12 letters (uniform length, letters uniform over a–z, repeats allowed) → the same letters in alphabetical order. */
export const sortedLetters: GeneratedTask = {
  name: 'sorted-letters',
  description: '4–12 random letters → the same letters sorted',
  examples(count, seed) {
    const rng = createRng(seed);
    return distinctExamples(count, () => {
      const letters = Array.from({ length: 4 + rng.int(9) }, () => LETTERS[rng.int(LETTERS.length)]);
      return { input: letters.join(''), target: [...letters].sort().join('') };
    });
  },
};
