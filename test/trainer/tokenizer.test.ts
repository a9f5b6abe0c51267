import { describe, expect, it } from 'vitest';
import { MAX_VOCABULARY_SIZE, PAD_ID, buildTokenizer } from '../../src/trainer/tokenizer.js';

describe('character tokenizer', () => {
  const tokenizer = buildTokenizer([
    { input: '12+9', target: '21' },
    { input: 'é!', target: '😀' },
  ]);

  it('has PAD at id 0 and one id per distinct character', () => {
    expect(PAD_ID).toBe(0);
    expect(tokenizer.size).toBe(1 + new Set('12+9é!😀').size);
    expect(tokenizer.vocabulary.slice(1)).toEqual(['!', '+', '1', '2', '9', 'é', '😀']);
  });

  it('pads on the side the alignment leaves free and decodes back without padding', () => {
    const left = tokenizer.encode('21', 4, 'left');
    const right = tokenizer.encode('21', 4, 'right');
    expect(Array.from(left.slice(2))).toEqual([PAD_ID, PAD_ID]);
    expect(Array.from(right.slice(0, 2))).toEqual([PAD_ID, PAD_ID]);
    expect(tokenizer.decode(left)).toBe('21');
    expect(tokenizer.decode(right)).toBe('21');
    expect(tokenizer.decode(tokenizer.encode('😀', 1, 'left'))).toBe('😀');
  });

  it('refuses text wider than its slot or with unknown characters', () => {
    expect(() => tokenizer.encode('12+9', 3, 'left')).toThrow(RangeError);
    expect(() => tokenizer.encode('x', 3, 'left')).toThrow(/not in the vocabulary/);
  });

  it('holds at most MAX_VOCABULARY_SIZE ids, padding included', () => {
    const text = (count: number): string => Array.from({ length: count }, (_, i) => String.fromCodePoint(0x100 + i)).join('');
    expect(buildTokenizer([{ input: text(MAX_VOCABULARY_SIZE - 1), target: 'Ā' }]).size).toBe(MAX_VOCABULARY_SIZE);
    expect(() => buildTokenizer([{ input: text(MAX_VOCABULARY_SIZE), target: 'Ā' }])).toThrow(RangeError);
  });
});
