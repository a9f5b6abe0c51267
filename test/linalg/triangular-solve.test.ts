import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { solveLower, solveLowerRows, solveLowerTranspose } from '../../src/linalg/triangular-solve.js';
import { createRng } from '../../src/random/rng.js';
import { maxAbsDifference, multiplyVector, randomSpd } from './random-matrices.js';

const lower = Float64Array.from([2, 0, 0, 6, 1, 0, -8, 5, 3]);

describe('triangular solves', () => {
  it('forward substitution gives the known answer', () => {
    // L·(1, 2, 3) = (2, 8, 11).
    expect(Array.from(solveLower(lower, 3, Float64Array.from([2, 8, 11])))).toEqual([1, 2, 3]);
  });

  it('back substitution with Lᵀ gives the known answer', () => {
    // Lᵀ·(1, 2, 3) = (2·1 + 6·2 − 8·3, 2 + 5·3, 3·3) = (−10, 17, 9).
    expect(Array.from(solveLowerTranspose(lower, 3, Float64Array.from([-10, 17, 9])))).toEqual([1, 2, 3]);
  });

  it('solves in place when out is b', () => {
    const b = Float64Array.from([2, 8, 11]);
    solveLower(lower, 3, b, b);
    expect(Array.from(b)).toEqual([1, 2, 3]);
  });

  it('the row-wise multi-RHS solve matches one solve per row (including a remainder of rows)', () => {
    const n = 23;
    const m = 7;
    const factor = new Float64Array(n * n);
    choleskyInPlace(randomSpd(n, 5), n, factor);
    const rng = createRng(9);
    const rows = Float64Array.from({ length: m * n }, () => rng.normal());
    const forward = solveLowerRows(factor, n, new Float64Array(rows), m);
    for (let r = 0; r < m; r++) {
      const b = rows.subarray(r * n, (r + 1) * n);
      expect(maxAbsDifference(forward.subarray(r * n, (r + 1) * n), solveLower(factor, n, b))).toBeLessThan(1e-12);
      // And the forward solution really satisfies L·x = b.
      const x = forward.subarray(r * n, (r + 1) * n);
      const lx = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) lx[i] += factor[i * n + k] * x[k];
      expect(maxAbsDifference(lx, b)).toBeLessThan(1e-10);
    }
    expect(maxAbsDifference(multiplyVector(factor, forward.subarray(0, n), n), rows.subarray(0, n))).toBeLessThan(
      1e-10,
    );
  });
});
