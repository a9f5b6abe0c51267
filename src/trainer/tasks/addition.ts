import { InputError } from '../../errors.js';
import { createRng } from '../../random/rng.js';
import { integerField, rejectUnknownFields, taskField } from './spec-fields.js';
import type { Example, Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';

const FIELDS = {
  digits: 'digits of each operand, 1–9 (default 3): operands are exactly this long, e.g. 3 → 100..999',
  examples: 'number of distinct examples (default 6000)',
  seed: 'seed that draws the examples (default 0)',
};

/**
 * `a+b` → the decimal sum, for operands of exactly `digits` digits (no leading zeros; 0–9 when digits is 1), so
 * the input has a fixed shape and the model's work is the carries. Pairs are distinct (the same sum question never
 * sits in two folds). Cost: O(examples) draws.
 */
export function additionExamples(digits: number, count: number, seed: number): Example[] {
  const low = digits === 1 ? 0 : 10 ** (digits - 1);
  const span = 10 ** digits - low;
  const rng = createRng(seed);
  const seen = new Set<string>();
  const examples: Example[] = [];
  while (examples.length < count) {
    const a = low + rng.int(span);
    const b = low + rng.int(span);
    const input = `${a}+${b}`;
    if (seen.has(input)) continue;
    seen.add(input);
    examples.push({ input, target: String(a + b) });
  }
  return examples;
}

export const addition: TaskDefinition = {
  name: 'addition',
  fields: FIELDS,
  create(spec: TaskSpec, context: TaskContext): Task {
    rejectUnknownFields(spec, FIELDS, context);
    const digits = integerField(spec, 'digits', { min: 1, max: 9, fallback: 3 }, context);
    const examples = integerField(spec, 'examples', { min: 1, max: 1_000_000, fallback: 6000 }, context);
    const seed = integerField(spec, 'seed', { min: -(2 ** 31), max: 2 ** 31, fallback: 0 }, context);
    const operands = digits === 1 ? 10 : 9 * 10 ** (digits - 1);
    // Drawing distinct pairs stalls near exhaustion; half the pairs is plenty for any real task.
    if (examples > (operands * operands) / 2) {
      throw new InputError(
        `${taskField(context, 'examples')}: at most ${Math.floor((operands * operands) / 2)} distinct examples exist for ${digits}-digit addition, got ${examples}`,
      );
    }
    return {
      name: 'addition',
      description: `${digits}-digit addition, ${examples} examples (seed ${seed})`,
      examples: additionExamples(digits, examples, seed),
      // The sum's ones digit always lands in the last slot; operands have fixed width anyway.
      layout: { input: 'right', target: 'right' },
    };
  },
};
