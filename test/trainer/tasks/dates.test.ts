import { describe, expect, it } from 'vitest';
import { DATE_FORMATS, createTask, isoDate } from '../../../src/trainer/tasks/index.js';

const context = { baseDir: '.', source: 'space.json' };

describe('dates task', () => {
  it('writes one date in every format as people do', () => {
    const date = { year: 2021, month: 3, day: 3 };
    expect(DATE_FORMATS.map((format) => format(date))).toEqual([
      '3 March 2021',
      'March 3, 2021',
      'Mar 3rd, 2021',
      '3rd of March 2021',
      '2021.03.03',
      '03/03/21 (DD/MM/YY)',
      '03/03/21 (MM/DD/YY)',
      '3.3.2021',
      '20210303',
      '03-Mar-2021',
    ]);
    expect(isoDate(date)).toBe('2021-03-03');
    // The stated convention decides an ambiguous numeric date.
    expect(DATE_FORMATS[5]({ year: 1999, month: 4, day: 11 })).toBe('11/04/99 (DD/MM/YY)');
    expect(DATE_FORMATS[6]({ year: 1999, month: 4, day: 11 })).toBe('04/11/99 (MM/DD/YY)');
    expect(DATE_FORMATS[2]({ year: 2001, month: 1, day: 12 })).toBe('Jan 12th, 2001');
    expect(DATE_FORMATS[3]({ year: 2001, month: 1, day: 22 })).toBe('22nd of January 2001');
  });

  it('targets valid ISO dates that match the numbers in the input', async () => {
    const task = await createTask({ name: 'dates', examples: 400, seed: 2 }, context);
    for (const { input, target } of task.examples) {
      const [year, month, day] = target.split('-').map(Number);
      expect(target).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const probe = new Date(Date.UTC(year, month - 1, day));
      expect(probe.getUTCDate()).toBe(day); // a real calendar day (no 31 April, 29 Feb only in leap years)
      expect(year).toBeGreaterThanOrEqual(1950);
      expect(year).toBeLessThanOrEqual(2049);
      const digits = input.replace(/\D/g, '');
      expect(digits.includes(String(year)) || digits.includes(String(year % 100).padStart(2, '0'))).toBe(true);
    }
    const again = await createTask({ name: 'dates', examples: 400, seed: 2 }, context);
    expect(again.examples).toEqual(task.examples);
  });

  it('rejects a year range outside the two-digit-year convention', async () => {
    await expect(createTask({ name: 'dates', fromYear: 1900 }, context)).rejects.toThrow(/\$\.task\.fromYear/);
  });
});
