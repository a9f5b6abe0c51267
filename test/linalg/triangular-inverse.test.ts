import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import {
  extendLowerTriangularInverse,
  lowerInverseTranspose,
  lowerTriangularInverse,
} from '../../src/linalg/triangular-inverse.js';
import { maxAbsDifference, multiplyTransposed, randomSpd } from './random-matrices.js';

describe('lowerTriangularInverse', () => {
  it('inverts the textbook factor', () => {
    // L = [[2,0,0],[6,1,0],[-8,5,3]]; forward substitution by hand: row 2 of L⁻¹ is (−6·(1/2), 1) = (−3, 1),
    const factor = Float64Array.from([2, 0, 0, 6, 1, 0, -8, 5, 3]);
    const inverse = lowerTriangularInverse(factor, 3);
    // Row 3: (−(−8·1/2 + 5·(−3)) / 3, −5/3, 1/3) = (19/3, −5/3, 1/3).
    expect(maxAbsDifference(inverse, [0.5, 0, 0, -3, 1, 0, 19 / 3, -5 / 3, 1 / 3])).toBeLessThan(1e-14);
  });

  it.each([1, 4, 6, 13, 33])('gives L·L⁻¹ = I with an exactly triangular result (n = %i)', (n) => {
    const factor = new Float64Array(n * n);
    choleskyInPlace(randomSpd(n, 40 + n), n, factor);
    const inverse = lowerTriangularInverse(factor, n);
    const inverseTranspose = lowerInverseTranspose(factor, n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        expect(inverse[i * n + j]).toBe(0);
        expect(inverseTranspose[j * n + i]).toBe(0);
      }
    }
    // L·M = L·(Mᵀ)ᵀ, and Mᵀ = inverseTranspose.
    const product = multiplyTransposed(factor, inverseTranspose, n, n, n);
    const identity = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
    expect(maxAbsDifference(product, identity)).toBeLessThan(1e-10);
  });
});

describe('extendLowerTriangularInverse', () => {
  it('equals the inverse of the extended factor computed from scratch', () => {
    const n = 11;
    const m = 3;
    const total = n + m;
    const extended = new Float64Array(total * total);
    choleskyInPlace(randomSpd(total, 77), total, extended);
    const leading = new Float64Array(n * n);
    for (let i = 0; i < n; i++) leading.set(extended.subarray(i * total, i * total + n), i * n);
    const grown = extendLowerTriangularInverse(lowerTriangularInverse(leading, n), n, extended, m);
    expect(maxAbsDifference(grown, lowerTriangularInverse(extended, total))).toBeLessThan(1e-11);
  });
});
