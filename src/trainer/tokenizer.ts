import type { Align, Example } from './tasks/types.js';

/** Id of the padding token: it fills unused slots and is never counted as a token. */
export const PAD_ID = 0;
/** How PAD is shown when a prediction is printed. */
export const PAD_SYMBOL = '·';

/**
 * Most ids a vocabulary may hold, PAD included (so 511 distinct characters). The model reads characters as
 * one-hot rows and writes a logit per id at every output position, so batch x width x vocabulary floats pass
 * through each step: at batch 256 and the widest slot (256), 512 ids are already 128 MiB per such tensor. 511
 * characters cover any alphabetic script with its digits, punctuation and accents (printable ASCII is 95,
 * Latin-1 and Latin Extended-A add 224); a text in a logographic script needs a subword tokenizer, which a
 * character model does not have.
 */
export const MAX_VOCABULARY_SIZE = 512;

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
 * no unknown-character token is needed. Throws RangeError beyond MAX_VOCABULARY_SIZE (a task checks its data
 * against it when it is read, where it can name the file). Cost: O(total characters).
 */
export function buildTokenizer(examples: readonly Example[]): CharTokenizer {
  const seen = new Set<string>();
  for (const { input, target } of examples) {
    for (const char of input) seen.add(char);
    for (const char of target) seen.add(char);
  }
  if (seen.size + 1 > MAX_VOCABULARY_SIZE) {
    throw new RangeError(`${seen.size} distinct characters, more than the ${MAX_VOCABULARY_SIZE - 1} a vocabulary holds`);
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
