import { describe, expect, it } from 'vitest';
import { buildFrontReport } from '../../src/export/front-report.js';
import { FIGURES_LEGEND, toJson } from '../../src/export/json.js';
import { makeStudy, sampleTrials } from './fixtures.js';

describe('toJson', () => {
  it('parses back to the same report, rows without the storage id', () => {
    const report = buildFrontReport(makeStudy(), sampleTrials());
    const text = toJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    const withoutId = ({ id: _id, ...row }: (typeof report.trials)[number]) => row;
    expect(JSON.parse(text)).toEqual({ ...report, figures: FIGURES_LEGEND, trials: report.trials.map(withoutId), front: report.front.map(withoutId) });
    // Which figure is which, in the file itself.
    expect(JSON.parse(text).figures.confirmed).toMatch(/test part the search never saw/);
  });

  it('labels trials by their number only: the storage id stays internal', () => {
    const report = buildFrontReport(makeStudy(), sampleTrials());
    const parsed = JSON.parse(toJson(report)) as { trials: Record<string, unknown>[]; front: Record<string, unknown>[] };
    for (const row of [...parsed.trials, ...parsed.front]) {
      expect(row).not.toHaveProperty('id');
      expect(row).toHaveProperty('number');
    }
  });
});
