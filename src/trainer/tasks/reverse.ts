import { InputError } from '../../errors.js';
import { createRng } from '../../random/rng.js';
import { integerField, rejectUnknownFields, stringField, taskField } from './spec-fields.js';
import type { Example, Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';

const FIELDS = {
  minLength: 'shortest string, ≥ 1 (default 3)',
  maxLength: 'longest string, ≤ 64 (default 8)',
  alphabet: 'characters to draw from (default "abcdefghij")',
  examples: 'number of distinct examples (default 6000)',
  seed: 'seed that draws the examples (default 0)',
};

/**
 * A string → the same string reversed; lengths uniform in [minLength, maxLength], characters uniform over the
 * alphabet, inputs distinct. Cost: O(examples · maxLength).
 */
export function reverseExamples(
  alphabet: string,
  minLength: number,
  maxLength: number,
  count: number,
  seed: number,
): Example[] {
  const symbols = [...alphabet];
  const rng = createRng(seed);
  const seen = new Set<string>();
  const examples: Example[] = [];
  while (examples.length < count) {
    const length = minLength + rng.int(maxLength - minLength + 1);
    let input = '';
    for (let i = 0; i < length; i++) input += symbols[rng.int(symbols.length)];
    if (seen.has(input)) continue;
    seen.add(input);
    examples.push({ input, target: [...input].reverse().join('') });
  }
  return examples;
}

/** Number of distinct strings with lengths in [minLength, maxLength] over `size` symbols (Infinity past 2^53). */
function distinctStrings(size: number, minLength: number, maxLength: number): number {
  let total = 0;
  for (let length = minLength; length <= maxLength; length++) total += size ** length;
  return Number.isSafeInteger(total) ? total : Infinity;
}

export const reverse: TaskDefinition = {
  name: 'reverse',
  fields: FIELDS,
  create(spec: TaskSpec, context: TaskContext): Task {
    rejectUnknownFields(spec, FIELDS, context);
    const minLength = integerField(spec, 'minLength', { min: 1, max: 64, fallback: 3 }, context);
    const maxLength = integerField(spec, 'maxLength', { min: 1, max: 64, fallback: 8 }, context);
    if (maxLength < minLength) {
      throw new InputError(`${taskField(context, 'maxLength')}: must be ≥ minLength (${minLength}), got ${maxLength}`);
    }
    const alphabet = stringField(spec, 'alphabet', 'abcdefghij', context);
    if (new Set(alphabet).size !== [...alphabet].length) {
      throw new InputError(`${taskField(context, 'alphabet')}: characters must not repeat, got ${JSON.stringify(alphabet)}`);
    }
    const examples = integerField(spec, 'examples', { min: 1, max: 1_000_000, fallback: 6000 }, context);
    const seed = integerField(spec, 'seed', { min: -(2 ** 31), max: 2 ** 31, fallback: 0 }, context);
    const available = distinctStrings(new Set(alphabet).size, minLength, maxLength);
    if (examples > available / 2) {
      throw new InputError(
        `${taskField(context, 'examples')}: at most ${Math.floor(available / 2)} distinct examples for these lengths and alphabet, got ${examples}`,
      );
    }
    return {
      name: 'reverse',
      description: `reverse strings of ${minLength}–${maxLength} characters over "${alphabet}", ${examples} examples (seed ${seed})`,
      examples: reverseExamples(alphabet, minLength, maxLength, examples, seed),
      // Input padded before, target after: output slot i then always holds input slot (width − 1 − i).
      layout: { input: 'right', target: 'left' },
    };
  },
};
