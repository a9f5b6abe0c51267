import { describe, expect, it } from 'vitest';
import { frontChartSpec, logTickValues, plotPoints } from '../../src/export/chart.js';
import { buildFrontReport } from '../../src/export/front-report.js';
import { makeStudy, makeTrials, sampleTrials } from './fixtures.js';

describe('plotPoints', () => {
  it('plots complete trials with ±1 SE ends, status and stopping rule', () => {
    const points = plotPoints(buildFrontReport(makeStudy(), sampleTrials()));
    expect(points.map((p) => p.number)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(points[1]).toEqual({
      number: 1, label: '#1', status: 'Pareto front', rule: 'patience',
      tokens: 80_000, tokensLow: 76_000, tokensHigh: 84_000, em: 0.6, emLow: 0.59, emHigh: 0.61,
      confirmedTokens: null, confirmedEm: null,
    });
    expect(points[2]).toMatchObject({ em: 0.9, confirmedTokens: 160_000, confirmedEm: 0.85 });
    expect(points[5].status).toBe('diverged');
    expect(points[0].status).toBe('dominated');
  });

  it('keeps error bars inside the axes: positive tokens on the log axis, EM within [0, 1]', () => {
    const trials = makeTrials([{ values: [1000, 0.995], stderr: [5000, 0.02] }]);
    const [point] = plotPoints(buildFrontReport(makeStudy(), trials));
    expect(point.tokensLow).toBe(1);
    expect(point.emHigh).toBe(1);
  });
});

describe('frontChartSpec', () => {
  it('titles the plot with the study and labels both axes with their units', () => {
    const spec = JSON.stringify(frontChartSpec(buildFrontReport(makeStudy(), sampleTrials())));
    expect(spec).toContain('default: tokens vs exact match');
    expect(spec).toContain('Tokens used per run (mean over folds, log scale)');
    expect(spec).toContain('Exact match: cross-validated on held-out folds (●), confirmed on the test part (◇)');
    expect(spec).toContain('◇ confirmed on the test part');
    expect(spec).toContain('"interpolate":"step-after"');
    const withPruned = makeTrials([{ values: [100, 0.5] }, { state: 'pruned', values: [10, 0.9] }]);
    expect(JSON.stringify(frontChartSpec(buildFrontReport(makeStudy(), withPruned)))).toContain('1 complete trial, 1 on the Pareto front (line) · 1 pruned by fold racing');
  });
});

describe('logTickValues', () => {
  it('gives 1-2-5 ticks inside the range, or null when too few fit', () => {
    expect(logTickValues(70_000, 700_000)).toEqual([100_000, 200_000, 500_000]);
    expect(logTickValues(900, 120_000)).toEqual([1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000]);
    expect(logTickValues(150_000, 180_000)).toBeNull();
  });
});
