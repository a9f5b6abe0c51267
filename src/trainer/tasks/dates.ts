import { InputError } from '../../errors.js';
import { createRng } from '../../random/rng.js';
import { integerField, rejectUnknownFields, taskField } from './spec-fields.js';
import type { Example, Task, TaskContext, TaskDefinition, TaskSpec } from './types.js';

const FIELDS = {
  fromYear: 'first year, ≥ 1950 (default 1950)',
  toYear: 'last year, ≤ 2049 (default 2049); two-digit years YY mean 19YY for YY ≥ 50, else 20YY',
  examples: 'number of distinct examples (default 6000)',
  seed: 'seed that draws the examples (default 0)',
};

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const shortMonth = (date: CalendarDate): string => MONTHS[date.month - 1].slice(0, 3);
const longMonth = (date: CalendarDate): string => MONTHS[date.month - 1];
const shortYear = (date: CalendarDate): string => pad2(date.year % 100);

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd, 23rd … */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * The ways people write a date. Ambiguous numeric forms state their convention, as a careful writer (or a form
 * field's label) does; two-digit years follow the pivot in FIELDS.toYear.
 */
export const DATE_FORMATS: readonly ((date: CalendarDate) => string)[] = [
  (d) => `${d.day} ${longMonth(d)} ${d.year}`, // 3 March 2021
  (d) => `${longMonth(d)} ${d.day}, ${d.year}`, // March 3, 2021
  (d) => `${shortMonth(d)} ${ordinal(d.day)}, ${d.year}`, // Mar 3rd, 2021
  (d) => `${ordinal(d.day)} of ${longMonth(d)} ${d.year}`, // 3rd of March 2021
  (d) => `${d.year}.${pad2(d.month)}.${pad2(d.day)}`, // 2021.03.03
  (d) => `${pad2(d.day)}/${pad2(d.month)}/${shortYear(d)} (DD/MM/YY)`, // 03/04/21 (DD/MM/YY)
  (d) => `${pad2(d.month)}/${pad2(d.day)}/${shortYear(d)} (MM/DD/YY)`, // 04/03/21 (MM/DD/YY)
  (d) => `${d.day}.${d.month}.${d.year}`, // 3.3.2021
  (d) => `${d.year}${pad2(d.month)}${pad2(d.day)}`, // 20210303
  (d) => `${pad2(d.day)}-${shortMonth(d)}-${d.year}`, // 03-Mar-2021
];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISO 8601 calendar date, YYYY-MM-DD. */
export function isoDate(date: CalendarDate): string {
  return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
}

/**
 * A date written in one of DATE_FORMATS → its ISO form. Year uniform in [fromYear, toYear], month uniform, day
 * uniform within the month, format uniform; inputs distinct. Cost: O(examples).
 */
export function dateExamples(fromYear: number, toYear: number, count: number, seed: number): Example[] {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const examples: Example[] = [];
  while (examples.length < count) {
    const year = fromYear + rng.int(toYear - fromYear + 1);
    const month = 1 + rng.int(12);
    const date = { year, month, day: 1 + rng.int(daysInMonth(year, month)) };
    const input = DATE_FORMATS[rng.int(DATE_FORMATS.length)](date);
    if (seen.has(input)) continue;
    seen.add(input);
    examples.push({ input, target: isoDate(date) });
  }
  return examples;
}

export const dates: TaskDefinition = {
  name: 'dates',
  fields: FIELDS,
  create(spec: TaskSpec, context: TaskContext): Task {
    rejectUnknownFields(spec, FIELDS, context);
    const fromYear = integerField(spec, 'fromYear', { min: 1950, max: 2049, fallback: 1950 }, context);
    const toYear = integerField(spec, 'toYear', { min: 1950, max: 2049, fallback: 2049 }, context);
    if (toYear < fromYear) {
      throw new InputError(`${taskField(context, 'toYear')}: must be ≥ fromYear (${fromYear}), got ${toYear}`);
    }
    const examples = integerField(spec, 'examples', { min: 1, max: 1_000_000, fallback: 6000 }, context);
    const seed = integerField(spec, 'seed', { min: -(2 ** 31), max: 2 ** 31, fallback: 0 }, context);
    const available = (toYear - fromYear + 1) * 365 * DATE_FORMATS.length;
    if (examples > available / 2) {
      throw new InputError(
        `${taskField(context, 'examples')}: at most ${Math.floor(available / 2)} distinct examples for years ${fromYear}–${toYear}, got ${examples}`,
      );
    }
    return {
      name: 'dates',
      description: `dates written ${DATE_FORMATS.length} ways → ISO, years ${fromYear}–${toYear}, ${examples} examples (seed ${seed})`,
      examples: dateExamples(fromYear, toYear, examples, seed),
      layout: { input: 'left', target: 'left' },
    };
  },
};
