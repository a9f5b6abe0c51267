import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { lowerProductSquaredNorms } from '../../src/linalg/lower-product-squared-norms.js';
import { lowerProductSquaredNormEvaluator } from '../../src/linalg/simd-squared-norms.js';
import { lowerTriangularInverse } from '../../src/linalg/triangular-inverse.js';
import { createRng } from '../../src/random/rng.js';
import { randomSpd } from './random-matrices.js';

describe('lowerProductSquaredNormEvaluator', () => {
  it('uses the WebAssembly SIMD kernel on this Node', () => {
    expect(lowerProductSquaredNormEvaluator(Float64Array.from([1]), 1).simd).toBe(true);
  });

  it('computes ‖M·r‖² by hand for a 2 x 2 M', () => {
    const lower = Float64Array.from([1, 0, 2, 3]);
    const out = new Float64Array(2);
    lowerProductSquaredNormEvaluator(lower, 2).evaluate(Float64Array.from([1, 1, 2, -1]), 2, out);
    // M·(1, 1) = (1, 5) → 26; M·(2, −1) = (2, 1) → 5.
    expect(Array.from(out)).toEqual([26, 5]);
  });

  it.each([
    [1, 1],
    [3, 2],
    [4, 7],
    [13, 64],
    [30, 65],
    [37, 131],
  ])('matches the scalar version and the forced fallback (n = %i, m = %i)', (n, m) => {
    const factor = new Float64Array(n * n);
    choleskyInPlace(randomSpd(n, n + m), n, factor);
    const lower = lowerTriangularInverse(factor, n);
    const rng = createRng(m);
    const rows = Float64Array.from({ length: m * n }, () => rng.normal());
    const expected = lowerProductSquaredNorms(lower, n, rows, m);
    const simd = new Float64Array(m);
    const scalar = new Float64Array(m);
    const evaluator = lowerProductSquaredNormEvaluator(lower, n);
    evaluator.evaluate(rows, m, simd);
    lowerProductSquaredNormEvaluator(lower, n, { simd: false }).evaluate(rows, m, scalar);
    for (let r = 0; r < m; r++) {
      expect(simd[r]).toBeCloseTo(expected[r], 9);
      expect(scalar[r]).toBe(expected[r]);
    }
    // Reusable: a second call with fewer rows gives the same leading results.
    const again = new Float64Array(1);
    evaluator.evaluate(rows, 1, again);
    expect(again[0]).toBe(simd[0]);
  });
});
