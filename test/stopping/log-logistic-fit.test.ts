import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { fitLogLogisticCurve } from '../../src/stopping/log-logistic-fit.js';

const tokens = Array.from({ length: 20 }, (_, i) => 50_000 * (i + 1));
// a = 0.9, k = 3, m = 400k: 0.0017 at 50k, 0.45 at 400k, 0.80 at 1M, 0.893 at 2M.
const logLogistic = (t: number): number => 0.9 / (1 + Math.pow(t / 400_000, -3));

describe('fitLogLogisticCurve', () => {
  it('recovers a, k and m of an exact curve and predicts its value beyond the data', () => {
    const fit = fitLogLogisticCurve(tokens, tokens.map(logLogistic))!;
    expect(fit.model).toBe('logistic');
    expect(fit.a).toBeCloseTo(0.9, 9);
    expect(fit.k).toBeCloseTo(3, 8);
    expect(fit.m / 400_000).toBeCloseTo(1, 9);
    expect(fit.predict(2e6)).toBeCloseTo(logLogistic(2e6), 9);
    expect(fit.predictionSe(2e6)).toBeLessThan(1e-6);
  });

  it('recovers a curve whose midpoint lies beyond the first points, from its early part only', () => {
    // The first 8 points end at 400k, the midpoint: the ceiling is still to come.
    const early = tokens.slice(0, 8);
    const fit = fitLogLogisticCurve(early, early.map(logLogistic))!;
    expect(fit.a).toBeCloseTo(0.9, 6);
    expect(fit.predict(2e6)).toBeCloseTo(logLogistic(2e6), 6);
  });

  it('recovers the parameters from mildly noisy data, with a finite SE that matches the spread of fits', () => {
    const rng = createRng(5);
    const noise = 0.01;
    const predictions: number[] = [];
    const ses: number[] = [];
    for (let replicate = 0; replicate < 100; replicate++) {
      const fit = fitLogLogisticCurve(tokens, tokens.map((t) => logLogistic(t) + noise * rng.normal()))!;
      expect(Math.abs(fit.a - 0.9)).toBeLessThan(0.05);
      expect(Math.abs(fit.k - 3)).toBeLessThan(0.4);
      expect(Math.abs(fit.m / 400_000 - 1)).toBeLessThan(0.06);
      const se = fit.predictionSe(2e6);
      expect(Number.isFinite(se) && se > 0).toBe(true);
      predictions.push(fit.predict(2e6));
      ses.push(se);
    }
    const mean = predictions.reduce((s, v) => s + v, 0) / predictions.length;
    const spread = Math.sqrt(predictions.reduce((s, v) => s + (v - mean) ** 2, 0) / (predictions.length - 1));
    const typicalSe = [...ses].sort((x, y) => x - y)[ses.length >> 1];
    expect(Math.abs(mean - logLogistic(2e6))).toBeLessThan(2 * spread);
    expect(typicalSe / spread).toBeGreaterThan(0.6);
    expect(typicalSe / spread).toBeLessThan(1.6);
  });

  it('fits curves flat at 0 or at a level as flat, without NaN', () => {
    const zero = fitLogLogisticCurve(tokens, tokens.map(() => 0))!;
    expect(zero.predict(1e7)).toBe(0);
    expect(zero.predictionSe(1e7)).toBe(0);
    const level = fitLogLogisticCurve(tokens, tokens.map(() => 0.5))!;
    expect(level.predict(1e7)).toBeCloseTo(0.5, 9);
    expect(level.predictionSe(1e7)).toBeLessThan(1e-6);
  });

  it('refuses too few points and non-finite or non-positive tokens and values', () => {
    expect(fitLogLogisticCurve(tokens.slice(0, 3), [0.1, 0.2, 0.3])).toBeNull();
    expect(fitLogLogisticCurve(tokens.slice(0, 4), [0.1, NaN, 0.3, 0.4])).toBeNull();
    expect(fitLogLogisticCurve([0, 1, 2, 3], [0.1, 0.2, 0.3, 0.4])).toBeNull();
    expect(fitLogLogisticCurve([1, 2, Infinity, 4], [0.1, 0.2, 0.3, 0.4])).toBeNull();
    expect(fitLogLogisticCurve(tokens.slice(0, 4), [0.1, 0.2, 0.3])).toBeNull();
  });
});
