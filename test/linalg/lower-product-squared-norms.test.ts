import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { choleskySolve } from '../../src/linalg/cholesky-solve.js';
import { lowerProductSquaredNorms } from '../../src/linalg/lower-product-squared-norms.js';
import { lowerTriangularInverse } from '../../src/linalg/triangular-inverse.js';
import { createRng } from '../../src/random/rng.js';
import { randomSpd } from './random-matrices.js';

describe('lowerProductSquaredNorms', () => {
  it('computes ‖M·r‖² for a small triangular M by hand', () => {
    const lower = Float64Array.from([1, 0, 2, 3]);
    // M·(1, 1) = (1, 5) → 26; M·(2, −1) = (2, 1) → 5.
    expect(Array.from(lowerProductSquaredNorms(lower, 2, Float64Array.from([1, 1, 2, -1]), 2))).toEqual([26, 5]);
  });

  it.each([
    [7, 1],
    [10, 6],
    [16, 9],
  ])('with M = L⁻¹ gives rᵀ·A⁻¹·r (n = %i, m = %i rows)', (n, m) => {
    const a = randomSpd(n, 90 + n);
    const factor = new Float64Array(n * n);
    choleskyInPlace(a, n, factor);
    const rng = createRng(n * m);
    const rows = Float64Array.from({ length: m * n }, () => rng.normal());
    const norms = lowerProductSquaredNorms(lowerTriangularInverse(factor, n), n, rows, m);
    for (let r = 0; r < m; r++) {
      const row = rows.subarray(r * n, (r + 1) * n);
      const solved = choleskySolve(factor, n, row);
      let quadratic = 0;
      for (let i = 0; i < n; i++) quadratic += row[i] * solved[i];
      expect(norms[r]).toBeCloseTo(quadratic, 9);
    }
  });
});
