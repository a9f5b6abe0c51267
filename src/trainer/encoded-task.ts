import type { Layout, Task } from './tasks/types.js';
import { buildTokenizer, characters, type CharTokenizer } from './tokenizer.js';

/**
 * A task as fixed-width id matrices, ready to become tensors. Row i of `inputs` (n x inputWidth, row-major) and of
 * `targets` (n x targetWidth) is example i, padded per the task's layout.
 */
export interface EncodedTask {
  name: string;
  size: number;
  inputWidth: number;
  targetWidth: number;
  tokenizer: CharTokenizer;
  layout: Layout;
  /** n x inputWidth ids, row-major. */
  inputs: Int32Array;
  /** n x targetWidth ids, row-major. */
  targets: Int32Array;
  /** Tokens of each example: input characters + target characters, padding excluded (length n). */
  exampleTokens: Int32Array;
}

/** Encodes every example with a tokenizer built from the task. Cost: O(n · (inputWidth + targetWidth)). */
export function encodeTask(task: Task): EncodedTask {
  const tokenizer = buildTokenizer(task.examples);
  const n = task.examples.length;
  let inputWidth = 1;
  let targetWidth = 1;
  const exampleTokens = new Int32Array(n);
  task.examples.forEach(({ input, target }, i) => {
    const inputLength = characters(input).length;
    const targetLength = characters(target).length;
    inputWidth = Math.max(inputWidth, inputLength);
    targetWidth = Math.max(targetWidth, targetLength);
    exampleTokens[i] = inputLength + targetLength;
  });
  const inputs = new Int32Array(n * inputWidth);
  const targets = new Int32Array(n * targetWidth);
  task.examples.forEach(({ input, target }, i) => {
    inputs.set(tokenizer.encode(input, inputWidth, task.layout.input), i * inputWidth);
    targets.set(tokenizer.encode(target, targetWidth, task.layout.target), i * targetWidth);
  });
  return { name: task.name, size: n, inputWidth, targetWidth, tokenizer, layout: task.layout, inputs, targets, exampleTokens };
}

/**
 * Tokens read when the examples at `indices` pass through the model once: the sum of their input and target
 * characters, padding excluded — the unit of the `tokens` objective (DESIGN.md, Vocabulary). Cost: O(|indices|).
 */
export function tokensOf(exampleTokens: Int32Array, indices: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < indices.length; i++) total += exampleTokens[indices[i]];
  return total;
}
