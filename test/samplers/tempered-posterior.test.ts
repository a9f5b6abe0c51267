import { describe, expect, it } from 'vitest';
import type { Posterior } from '../../src/samplers/acquisition-score.js';
import { hypervolumeImprovementScore } from '../../src/samplers/acquisition-score.js';
import { temperedPosterior } from '../../src/samplers/tempered-posterior.js';

/** A posterior on [0,1]: mean x, variance 0.04 + x (m x 1 points). */
const linear: Posterior = {
  predict(points, m) {
    return {
      mean: Float64Array.from({ length: m }, (_, i) => points[i]),
      variance: Float64Array.from({ length: m }, (_, i) => 0.04 + points[i]),
    };
  },
};

describe('temperedPosterior', () => {
  it('keeps the mean and scales the standard deviation', () => {
    const points = Float64Array.of(0, 0.5, 1);
    const plain = linear.predict(points, 3);
    const tempered = temperedPosterior(linear, 0.5).predict(points, 3);
    expect(Array.from(tempered.mean)).toEqual(Array.from(plain.mean));
    for (let i = 0; i < 3; i++) expect(Math.sqrt(tempered.variance[i])).toBeCloseTo(0.5 * Math.sqrt(plain.variance[i]), 12);
  });

  it('is the model itself at scale 1 and rejects non-positive scales', () => {
    expect(temperedPosterior(linear, 1)).toBe(linear);
    expect(() => temperedPosterior(linear, 0)).toThrow(RangeError);
    expect(() => temperedPosterior(linear, Number.NaN)).toThrow(RangeError);
  });

  it('makes EHVI prefer a sure improvement over an uncertain one', () => {
    // Two candidates against the front {(0.5, 0.5)}, ref (1, 1): A at (0.49, 0.49) certainly improves a little;
    // B's mean (0.8, 0.8) is dominated but its standard deviation is 1. Plain EHVI ranks B first; with the
    // standard deviations scaled by 0.25, A ranks first.
    const means = [Float64Array.of(0.49, 0.8), Float64Array.of(0.49, 0.8)];
    const variances = [Float64Array.of(1e-6, 1), Float64Array.of(1e-6, 1)];
    const model = (j: number): Posterior => ({ predict: () => ({ mean: means[j], variance: variances[j] }) });
    const front = Float64Array.of(0.5, 0.5);
    const ref: [number, number] = [1, 1];
    const points = new Float64Array(2);
    const plain = hypervolumeImprovementScore([model(0), model(1)], front, 1, ref)(points, 2);
    const tempered = hypervolumeImprovementScore(
      [temperedPosterior(model(0), 0.25), temperedPosterior(model(1), 0.25)],
      front,
      1,
      ref,
    )(points, 2);
    expect(plain[1]).toBeGreaterThan(plain[0]);
    expect(tempered[0]).toBeGreaterThan(tempered[1]);
  });
});
