import { describe, expect, it } from 'vitest';
import { encodeTask, tokensOf } from '../../src/trainer/encoded-task.js';

describe('encodeTask and token accounting', () => {
  // Hand-made batch: characters per example are 5+3, 3+2, 7+4 and 2+1 (an emoji is one character).
  const task = encodeTask({
    name: 'hand-made',
    description: '',
    layout: { input: 'right', target: 'right' },
    examples: [
      { input: '12+34', target: '046' },
      { input: '1+1', target: '02' },
      { input: '999+999', target: '1998' },
      { input: 'a😀', target: 'b' },
    ],
  });

  it('counts input plus target characters per example, padding excluded', () => {
    expect(task.inputWidth).toBe(7);
    expect(task.targetWidth).toBe(4);
    expect(Array.from(task.exampleTokens)).toEqual([8, 5, 11, 3]);
    // A batch of examples 0, 2 and 2 again (a repeat counts again): 8 + 11 + 11, not 3 x (7 + 4) padded slots.
    expect(tokensOf(task.exampleTokens, [0, 2, 2])).toBe(30);
    expect(tokensOf(task.exampleTokens, Int32Array.of(1, 3))).toBe(8);
  });

  it('stores rows row-major with the layout\'s padding', () => {
    const row = (matrix: Int32Array, width: number, i: number) => Array.from(matrix.slice(i * width, (i + 1) * width));
    expect(task.tokenizer.decode(row(task.inputs, 7, 1))).toBe('1+1');
    expect(row(task.inputs, 7, 1).slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(task.tokenizer.decode(row(task.targets, 4, 2))).toBe('1998');
  });
});
