import { describe, expect, it } from 'vitest';
import { crossCovarianceRows, dimensionLayout } from '../../src/gp/cross-covariance.js';
import { scaledSquaredDistance } from '../../src/gp/input-distances.js';
import { matern52 } from '../../src/gp/matern52.js';
import { createRng } from '../../src/random/rng.js';

describe('crossCovarianceRows', () => {
  it.each([
    [[false]],
    [[true]],
    [[false, true, false, false, false]],
    [[true, false, true, false, false, false, false, false, false]],
  ])('matches σ²·Matérn52 of the per-pair scaled distance (categorical flags %j)', (categorical) => {
    const d = categorical.length;
    const n = 7;
    const m = 5;
    const rng = createRng(d);
    const draw = (rows: number) =>
      Float64Array.from({ length: rows * d }, (_, k) => (categorical[k % d] ? rng.int(3) : rng.next()));
    const x = draw(n);
    const xq = draw(m + 2);
    const inverseSquared = Float64Array.from({ length: d }, () => 0.5 + 4 * rng.next());
    const out = new Float64Array(m * n).fill(Number.NaN);
    // Rows 2..6 of xq, to check the start offset too.
    crossCovarianceRows(xq, 2, m, x, n, d, dimensionLayout(categorical), inverseSquared, 1.7, out);
    for (let r = 0; r < m; r++) {
      for (let a = 0; a < n; a++) {
        const expected = 1.7 * matern52(scaledSquaredDistance(xq, r + 2, x, a, d, categorical, inverseSquared));
        expect(out[r * n + a]).toBeCloseTo(expected, 13);
      }
    }
  });

  it('routes conditional dims (NaN where inactive) through the arc embedding, other dims as before', () => {
    // Dims: numeric, conditional numeric, categorical, conditional numeric, numeric.
    const categorical = [false, false, true, false, false];
    const conditional = [false, true, false, true, false];
    const d = categorical.length;
    const n = 9;
    const m = 6;
    const rng = createRng(11);
    const draw = (rows: number) =>
      Float64Array.from({ length: rows * d }, (_, k) =>
        categorical[k % d] ? rng.int(3) : conditional[k % d] && rng.next() < 0.4 ? Number.NaN : rng.next(),
      );
    const x = draw(n);
    const xq = draw(m);
    const inverseSquared = Float64Array.from({ length: d }, () => 0.5 + 4 * rng.next());
    const out = new Float64Array(m * n);
    crossCovarianceRows(xq, 0, m, x, n, d, dimensionLayout(categorical, conditional), inverseSquared, 1.3, out);
    let inactivePairs = 0;
    for (let r = 0; r < m; r++) {
      for (let a = 0; a < n; a++) {
        const expected = 1.3 * matern52(scaledSquaredDistance(xq, r, x, a, d, categorical, inverseSquared, conditional));
        expect(out[r * n + a]).toBeCloseTo(expected, 13);
        if (Number.isNaN(xq[r * d + 1]) || Number.isNaN(x[a * d + 1])) inactivePairs++;
      }
    }
    expect(inactivePairs).toBeGreaterThan(0);
    expect(out.every(Number.isFinite)).toBe(true);
  });
});
