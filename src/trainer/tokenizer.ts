import type { Align, Example } from './tasks/types.js';

/** Id of the padding token: it fills unused slots and is never counted as a token. */
export const PAD_ID = 0;
/** How PAD is shown when a prediction is printed. */
export const PAD_SYMBOL = '·';

/** Character-level vocabulary: PAD plus every character of the task's examples, in code-point order. */
export interface CharTokenizer {
  /** vocabulary[id] is the character of that id; vocabulary[PAD_ID] is PAD_SYMBOL. */
  readonly vocabulary: readonly string[];
  readonly size: number;
  /** Ids of `text`'s characters written into a slot of `width` ids, padded on the side `align` leaves free. */
  encode(text: string, width: number, align: Align): Int32Array;
  /** Text of a slot: the characters of its ids with PAD removed. */
  decode(ids: ArrayLike<number>): string;
}

/** Characters of a string as the tokenizer counts them (code points, so an emoji is one token). */
export function characters(text: string): string[] {
  return [...text];
}

/**
 * Builds the vocabulary from the examples' inputs and targets. Every task example is known before training, so
 * no unknown-character token is needed. Cost: O(total characters).
 */
export function buildTokenizer(examples: readonly Example[]): CharTokenizer {
  const seen = new Set<string>();
  for (const { input, target } of examples) {
    for (const char of input) seen.add(char);
    for (const char of target) seen.add(char);
  }
  const vocabulary = [PAD_SYMBOL, ...[...seen].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)];
  const ids = new Map(vocabulary.slice(1).map((char, index) => [char, index + 1]));
  return {
    vocabulary,
    size: vocabulary.length,
    encode(text, width, align) {
      const chars = characters(text);
      if (chars.length > width) throw new RangeError(`text of ${chars.length} characters does not fit ${width} slots`);
      const slot = new Int32Array(width).fill(PAD_ID);
      const offset = align === 'right' ? width - chars.length : 0;
      chars.forEach((char, index) => {
        const id = ids.get(char);
        if (id === undefined) throw new RangeError(`character ${JSON.stringify(char)} is not in the vocabulary`);
        slot[offset + index] = id;
      });
      return slot;
    },
    decode(idList) {
      let text = '';
      for (let i = 0; i < idList.length; i++) if (idList[i] !== PAD_ID) text += vocabulary[idList[i]];
      return text;
    },
  };
}
