import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { choleskyInverse } from '../../src/linalg/cholesky-inverse.js';
import { maxAbsDifference, multiplyTransposed, randomSpd } from './random-matrices.js';

describe('choleskyInverse', () => {
  it('inverts a 2 x 2 matrix like the adjugate formula', () => {
    const a = Float64Array.from([3, 1.2, 1.2, 2]);
    const factor = new Float64Array(4);
    choleskyInPlace(a, 2, factor);
    const det = 3 * 2 - 1.2 * 1.2;
    expect(maxAbsDifference(choleskyInverse(factor, 2), [2 / det, -1.2 / det, -1.2 / det, 3 / det])).toBeLessThan(
      1e-14,
    );
  });

  it.each([1, 3, 8, 31])('gives A·A⁻¹ = I and a symmetric result on a random SPD matrix (n = %i)', (n) => {
    const a = randomSpd(n, 70 + n, 1);
    const factor = new Float64Array(n * n);
    choleskyInPlace(a, n, factor);
    const inverse = choleskyInverse(factor, n);
    // inverse is symmetric, so A·inverse = A·inverseᵀ.
    const product = multiplyTransposed(a, inverse, n, n, n);
    const identity = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
    expect(maxAbsDifference(product, identity)).toBeLessThan(1e-9);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inverse[i * n + j]).toBe(inverse[j * n + i]);
  });
});
