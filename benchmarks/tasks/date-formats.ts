import { createRng } from '../../src/random/rng.js';
import { isoDate } from '../../src/trainer/tasks/dates.js';
import { distinctExamples, type GeneratedTask } from './types.js';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORDINAL_WORDS = [
  '', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
  'twentieth', 'twenty-first', 'twenty-second', 'twenty-third', 'twenty-fourth', 'twenty-fifth', 'twenty-sixth',
  'twenty-seventh', 'twenty-eighth', 'twenty-ninth', 'thirtieth', 'thirty-first',
];

interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const weekday = (d: CalendarDate): string => WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
const month = (d: CalendarDate): string => MONTHS[d.month - 1];

/**
 * Ways of writing a date that the built-in `dates` task does not use: with weekdays, ordinal words, upper-case
 * and slashed forms. Numeric day-month forms state their order, as a form field's label does.
 */
export const OTHER_DATE_FORMATS: readonly ((d: CalendarDate) => string)[] = [
  (d) => `${weekday(d)}, ${month(d)} ${d.day}, ${d.year}`, // Wednesday, March 3, 2021
  (d) => `${weekday(d).slice(0, 3)} ${d.day} ${month(d).slice(0, 3)} ${d.year}`, // Wed 3 Mar 2021
  (d) => `the ${ORDINAL_WORDS[d.day]} of ${month(d)}, ${d.year}`, // the third of March, 2021
  (d) => `${d.year}/${pad2(d.month)}/${pad2(d.day)}`, // 2021/03/03
  (d) => `${d.day}-${d.month}-${d.year} (D-M-Y)`, // 3-3-2021 (D-M-Y)
  (d) => `${d.month}/${d.day}/${d.year} (M/D/Y)`, // 3/3/2021 (M/D/Y)
  (d) => `${pad2(d.day)} ${month(d).slice(0, 3).toUpperCase()} ${d.year}`, // 03 MAR 2021
  (d) => `${month(d)} ${d.year}, day ${d.day}`, // March 2021, day 3
];

function daysInMonth(year: number, monthNumber: number): number {
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/** A date of 1900–2099 (year, month, day uniform) in one of OTHER_DATE_FORMATS (uniform) → ISO 8601. */
export const dateFormats: GeneratedTask = {
  name: 'date-formats',
  description: `a date written ${OTHER_DATE_FORMATS.length} ways (weekdays, ordinal words, …) → ISO`,
  examples(count, seed) {
    const rng = createRng(seed);
    return distinctExamples(count, () => {
      const year = 1900 + rng.int(200);
      const monthNumber = 1 + rng.int(12);
      const date = { year, month: monthNumber, day: 1 + rng.int(daysInMonth(year, monthNumber)) };
      return { input: OTHER_DATE_FORMATS[rng.int(OTHER_DATE_FORMATS.length)](date), target: isoDate(date) };
    });
  },
};
