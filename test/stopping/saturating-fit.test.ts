import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { fitSaturatingCurve } from '../../src/stopping/saturating-fit.js';

const tokens = Array.from({ length: 20 }, (_, i) => 50_000 * (i + 1));
const exp3 = (t: number): number => 0.9 - 0.8 * Math.exp(-t / 200_000);
const pow3 = (t: number): number => 0.95 - 0.5 * Math.pow(t / 100_000, -0.7);

describe('fitSaturatingCurve', () => {
  it('recovers an exact exp3 curve and predicts its value far beyond the data', () => {
    const fit = fitSaturatingCurve(tokens.slice(0, 8), tokens.slice(0, 8).map(exp3), 'exp3');
    expect(fit).not.toBeNull();
    expect(fit!.a).toBeCloseTo(0.9, 9);
    expect(fit!.predict(2e6)).toBeCloseTo(exp3(2e6), 9);
    expect(fit!.predictionSe(2e6)).toBeLessThan(1e-6);
  });

  it('recovers an exact pow3 curve', () => {
    const fit = fitSaturatingCurve(tokens, tokens.map(pow3), 'pow3');
    expect(fit!.a).toBeCloseTo(0.95, 9);
    expect(fit!.c).toBeCloseTo(0.7, 9);
    expect(fit!.predict(5e6)).toBeCloseTo(pow3(5e6), 9);
  });

  it("gives a prediction standard error that matches the spread of fits over noise (delta method)", () => {
    const rng = createRng(11);
    const noise = 0.01;
    const predictions: number[] = [];
    const ses: number[] = [];
    for (let replicate = 0; replicate < 200; replicate++) {
      const values = tokens.map((t) => exp3(t) + noise * rng.normal());
      const fit = fitSaturatingCurve(tokens, values, 'exp3')!;
      predictions.push(fit.predict(2e6));
      ses.push(fit.predictionSe(2e6));
    }
    const mean = predictions.reduce((s, v) => s + v, 0) / predictions.length;
    const spread = Math.sqrt(predictions.reduce((s, v) => s + (v - mean) ** 2, 0) / (predictions.length - 1));
    const typicalSe = [...ses].sort((x, y) => x - y)[ses.length >> 1];
    expect(Math.abs(mean - exp3(2e6))).toBeLessThan(2 * spread);
    expect(typicalSe / spread).toBeGreaterThan(0.6);
    expect(typicalSe / spread).toBeLessThan(1.6);
  });

  it('fits a flat curve as flat without NaN, and refuses too few or non-finite points', () => {
    const flat = fitSaturatingCurve(tokens, tokens.map(() => 0.5), 'exp3')!;
    expect(flat.predict(1e7)).toBeCloseTo(0.5, 12);
    expect(flat.predictionSe(1e7)).toBe(0);
    expect(fitSaturatingCurve(tokens.slice(0, 3), [0.1, 0.2, 0.3], 'exp3')).toBeNull();
    expect(fitSaturatingCurve(tokens.slice(0, 4), [0.1, NaN, 0.3, 0.4], 'exp3')).toBeNull();
    expect(fitSaturatingCurve([0, 1, 2, 3], [0.1, 0.2, 0.3, 0.4], 'pow3')).toBeNull();
  });
});
