import { createRng } from '../../src/random/rng.js';
import { distinctExamples, type GeneratedTask } from './types.js';

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 1–999 in words: "four hundred twenty-one" (American usage: no "and", hyphenated tens). */
function belowThousand(n: number): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(`${ONES[Math.floor(n / 100)]} hundred`);
  const rest = n % 100;
  if (rest >= 20) parts.push(rest % 10 === 0 ? TENS[rest / 10] : `${TENS[Math.floor(rest / 10)]}-${ONES[rest % 10]}`);
  else if (rest > 0) parts.push(ONES[rest]);
  return parts.join(' ');
}

/** 0–999 999 in English words: 40 021 → "forty thousand twenty-one". */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError(`expected an integer in 0–999999, got ${n}`);
  if (n === 0) return ONES[0];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  return [thousands > 0 ? `${belowThousand(thousands)} thousand` : '', rest > 0 ? belowThousand(rest) : ''].filter(Boolean).join(' ');
}

/**
 * A number in digits → in words. Its digit count is uniform in 1–6, then the number uniform among those of that
 * many digits, so short numbers are not drowned by six-digit ones.
 */
export const numberWords: GeneratedTask = {
  name: 'number-words',
  description: 'a number of 1–6 digits → in English words',
  examples(count, seed) {
    const rng = createRng(seed);
    return distinctExamples(count, () => {
      const digits = 1 + rng.int(6);
      const low = digits === 1 ? 0 : 10 ** (digits - 1);
      const n = low + rng.int(10 ** digits - low);
      return { input: String(n), target: numberInWords(n) };
    });
  },
};
