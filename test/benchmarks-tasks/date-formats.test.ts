import { describe, expect, it } from 'vitest';
import { dateFormats, OTHER_DATE_FORMATS } from '../../benchmarks/tasks/date-formats.js';
import { DATE_FORMATS } from '../../src/trainer/tasks/dates.js';

describe('date-formats task', () => {
  const date = { year: 2021, month: 3, day: 3 };

  it('writes a date each way, with the right weekday', () => {
    // 3 March 2021 was a Wednesday (`date -d 2021-03-03 +%A`).
    expect(OTHER_DATE_FORMATS.map((format) => format(date))).toEqual([
      'Wednesday, March 3, 2021',
      'Wed 3 Mar 2021',
      'the third of March, 2021',
      '2021/03/03',
      '3-3-2021 (D-M-Y)',
      '3/3/2021 (M/D/Y)',
      '03 MAR 2021',
      'March 2021, day 3',
    ]);
    expect(OTHER_DATE_FORMATS[2]({ year: 1999, month: 12, day: 31 })).toBe('the thirty-first of December, 1999');
  });

  it('shares no format with the built-in dates task', () => {
    const builtIn = new Set(DATE_FORMATS.map((format) => format(date)));
    expect(OTHER_DATE_FORMATS.some((format) => builtIn.has(format(date)))).toBe(false);
  });

  it('maps distinct inputs to valid ISO dates, the same for the same seed', () => {
    const examples = dateFormats.examples(1000, 3);
    expect(new Set(examples.map((example) => example.input)).size).toBe(1000);
    for (const { target } of examples) {
      expect(target).toMatch(/^(19|20)\d\d-\d\d-\d\d$/);
      expect(new Date(`${target}T00:00:00Z`).toISOString().slice(0, 10)).toBe(target);
    }
    expect(dateFormats.examples(1000, 3)).toEqual(examples);
  });
});
