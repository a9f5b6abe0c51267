import type { Example } from '../../src/trainer/tasks/types.js';

/**
 * A task the `tasks` benchmark writes to a JSONL file and trains on as a user's task. Each needs content-based
 * alignment: where a target character comes from in the input depends on the input's content, not on a fixed slot.
 */
export interface GeneratedTask {
  readonly name: string;
  /** One line: what maps to what. */
  readonly description: string;
  /** `count` examples with distinct inputs, the same for the same seed. */
  examples(count: number, seed: number): Example[];
}

/**
 * Draws `count` examples from `draw` until that many distinct inputs are found (the same input never sits in two
 * folds with different draws). Throws RangeError after 100 x count draws, when the task has too few inputs.
 * Cost: O(count) draws when inputs rarely repeat.
 */
export function distinctExamples(count: number, draw: () => Example): Example[] {
  const seen = new Set<string>();
  const examples: Example[] = [];
  for (let attempts = 0; examples.length < count; attempts++) {
    if (attempts >= 100 * count) throw new RangeError(`only ${examples.length} distinct inputs found for ${count} examples`);
    const example = draw();
    if (seen.has(example.input)) continue;
    seen.add(example.input);
    examples.push(example);
  }
  return examples;
}
