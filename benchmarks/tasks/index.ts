import { dateFormats } from './date-formats.js';
import { numberWords } from './number-words.js';
import { sortedLetters } from './sorted-letters.js';
import type { GeneratedTask } from './types.js';
import { wordOrder } from './word-order.js';

export type { GeneratedTask } from './types.js';

/** The JSONL tasks the `tasks` benchmark generates, in the order it reports them. */
export const GENERATED_TASKS: readonly GeneratedTask[] = [wordOrder, sortedLetters, numberWords, dateFormats];
