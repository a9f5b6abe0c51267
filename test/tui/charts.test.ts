import { describe, expect, it } from 'vitest';
import { progressBar, scatterGrid, sparkline } from '../../src/tui/charts.js';

describe('charts', () => {
  it('sparkline maps the range onto the eight block heights', () => {
    expect(sparkline([0, 0.5, 1], 10, { min: 0, max: 1 })).toBe('▁▅█');
    expect(sparkline([1, 2, 3, 4], 2)).toBe('▁█');
    expect(sparkline([], 5)).toBe('');
  });

  it('progress bar fills proportionally', () => {
    expect(progressBar(3, 10, 10)).toBe('███░░░░░░░');
    expect(progressBar(20, 10, 4)).toBe('████');
  });

  it('scatter places points on a log x axis with the newest drawn on top', () => {
    const rows = scatterGrid(
      [
        { x: 10, y: 0, kind: 'trial' },
        { x: 1000, y: 1, kind: 'front' },
        { x: 1000, y: 1, kind: 'newest' },
        { x: 100, y: 0.5, kind: 'trial' },
      ],
      5,
      3,
      { logX: true, xRange: [10, 1000], yRange: [0, 1] },
    );
    expect(rows).toEqual(['    ◆', '  ·  ', '·    ']);
  });
});
