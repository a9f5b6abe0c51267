import { describe, expect, it } from 'vitest';
import { expectedShortfall } from '../../src/acquisition/expected-shortfall.js';
import { normalPdf } from '../../src/acquisition/normal.js';

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('expectedShortfall', () => {
  it('matches 50-digit values of σ(φ(β) + βΦ(β)) in every branch, including the far lower tail', () => {
    // python3 -c "import mpmath as mp; mp.mp.dps=50; b=mp.mpf(-30); print(float(2*(mp.npdf(b)+b*mp.ncdf(b))))"
    const reference: Array<[number, number]> = [
      [-38, 1.5165503e-317],
      [-30, 3.263913468182802e-199],
      [-20, 2.7400249894591597e-90],
      [-6, 3.127139591941933e-10],
      [-2, 0.016981405233659274],
      [-0.5, 0.39559311480261206],
      [0, 0.7978845608028654],
      [0.4, 1.260877673894906],
      [0.7, 1.6857587536212202],
      [2, 4.016981405233659],
      [6, 12.000000000312713],
      [30, 60],
    ];
    for (const [beta, expected] of reference) {
      const value = expectedShortfall(1 + 2 * beta, 1, 2); // threshold 1 + 2β, mean 1, sd 2
      // β = −38 lands in subnormal numbers, where only a few digits exist.
      const tolerance = beta === -38 ? 1e-5 : 1e-15 * (1 + beta * beta);
      expect(relativeError(value, expected), `β = ${beta}`).toBeLessThan(tolerance);
    }
  });

  it('matches a numerical integral of (c − y)⁺ against the normal density', () => {
    const mean = 0.3;
    const sd = 0.7;
    for (const threshold of [-1.5, 0, 0.3, 1.2]) {
      let integral = 0;
      const step = 1e-4;
      for (let y = mean - 12 * sd; y < threshold; y += step) {
        const mid = y + step / 2;
        if (mid < threshold) integral += (threshold - mid) * (normalPdf((mid - mean) / sd) / sd) * step;
      }
      expect(expectedShortfall(threshold, mean, sd)).toBeCloseTo(integral, 6);
    }
  });

  it('is the plain shortfall when sd is 0, and NaN for NaN input', () => {
    expect(expectedShortfall(2, 0.5, 0)).toBe(1.5);
    expect(expectedShortfall(0.5, 2, 0)).toBe(0);
    expect(expectedShortfall(1, Number.NaN, 1)).toBeNaN();
    expect(expectedShortfall(1, 0, Number.NaN)).toBeNaN();
    expect(expectedShortfall(1, Number.NaN, 0)).toBeNaN();
  });
});
