import { describe, expect, it } from 'vitest';
import { expectedImprovementScore, hypervolumeImprovementScore, type Posterior } from '../../src/samplers/acquisition-score.js';

/** A posterior whose mean and sd are read from the query's coordinates: x = (mean1, sd1) per model. */
function mockPosterior(meanAt: (x: number) => number, sdAt: (x: number) => number): Posterior {
  return {
    predict(points, m) {
      const mean = new Float64Array(m);
      const variance = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        mean[i] = meanAt(points[i]);
        variance[i] = sdAt(points[i]) ** 2;
      }
      return { mean, variance };
    },
  };
}

describe('hypervolumeImprovementScore', () => {
  const front = Float64Array.of(0, 1, 1, 0);

  it('is the exact improvement for a certain prediction and ranks improving points above hopeless ones', () => {
    // Model 1 mean = x, model 2 mean = x: point x = 0.25 adds (0.75)·(0.75)... inside ref (2, 2): the square
    // [0.25, 1) x [0.25, 1) = 0.5625.
    const score = hypervolumeImprovementScore(
      [mockPosterior((x) => x, () => 0), mockPosterior((x) => x, () => 0)],
      front,
      2,
      [2, 2],
    );
    const scores = score(Float64Array.of(0.25, 1.5, 3), 3);
    expect(scores[0]).toBeCloseTo(0.5625, 12);
    // Certain and dominated: −∞ standard deviations away.
    expect(scores[1]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('orders points where EHVI underflows by how many standard deviations they are from improving', () => {
    const sd = 1e-3;
    const score = hypervolumeImprovementScore(
      [mockPosterior((x) => x, () => sd), mockPosterior((x) => x, () => sd)],
      front,
      2,
      [5, 5],
    );
    const scores = score(Float64Array.of(1.2, 1.5), 2);
    // Both dominated by (1, 0)… (1.2 ≥ 1 and 1.2 ≥ 0): about 200 and 500 sd away; EHVI is 0 for both.
    expect(scores[0]).toBeLessThan(0);
    expect(scores[1]).toBeLessThan(scores[0]);
    expect(scores[0]).toBeCloseTo(-200, 6);
  });
});

describe('expectedImprovementScore', () => {
  it('matches the closed form at one point and falls back to the standard score far from the best', () => {
    const score = expectedImprovementScore(mockPosterior((x) => x, () => 1), 0);
    const scores = score(Float64Array.of(0, 60), 2);
    // EI at mean = best, sd 1: φ(0) = 0.398942…
    expect(scores[0]).toBeCloseTo(0.3989422804014327, 12);
    expect(scores[1]).toBeCloseTo(-60, 12);
  });
});
