import { describe, expect, it } from 'vitest';
import { numberInWords, numberWords } from '../../benchmarks/tasks/number-words.js';

describe('number-words task', () => {
  it('writes numbers as American English words', () => {
    expect(numberInWords(0)).toBe('zero');
    expect(numberInWords(7)).toBe('seven');
    expect(numberInWords(15)).toBe('fifteen');
    expect(numberInWords(40)).toBe('forty');
    expect(numberInWords(421)).toBe('four hundred twenty-one');
    expect(numberInWords(1000)).toBe('one thousand');
    expect(numberInWords(40_021)).toBe('forty thousand twenty-one');
    expect(numberInWords(100_010)).toBe('one hundred thousand ten');
    expect(numberInWords(999_999)).toBe('nine hundred ninety-nine thousand nine hundred ninety-nine');
    expect(() => numberInWords(1_000_000)).toThrow(RangeError);
  });

  it('draws distinct numbers of every length from 1 to 6 digits, the same for the same seed', () => {
    const examples = numberWords.examples(2000, 3);
    expect(new Set(examples.map((example) => example.input)).size).toBe(2000);
    expect(new Set(examples.map((example) => example.input.length))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const { input, target } of examples) expect(target).toBe(numberInWords(Number(input)));
    expect(numberWords.examples(2000, 3)).toEqual(examples);
  });
});
