import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { choleskyAppend } from '../../src/linalg/cholesky-append.js';
import { maxAbsDifference, randomSpd } from './random-matrices.js';

describe('choleskyAppend', () => {
  it('equals the factor of the whole matrix', () => {
    const n = 12;
    const m = 5;
    const total = n + m;
    const full = randomSpd(total, 31);
    const leading = new Float64Array(n * n);
    const cross = new Float64Array(m * n);
    const corner = new Float64Array(m * m);
    for (let i = 0; i < total; i++) {
      for (let j = 0; j < total; j++) {
        const v = full[i * total + j];
        if (i < n && j < n) leading[i * n + j] = v;
        else if (i >= n && j < n) cross[(i - n) * n + j] = v;
        else if (i >= n && j >= n) corner[(i - n) * m + (j - n)] = v;
      }
    }
    const factor = new Float64Array(n * n);
    choleskyInPlace(leading, n, factor);
    const extended = choleskyAppend(factor, n, cross, corner, m);
    const expected = new Float64Array(total * total);
    choleskyInPlace(full, total, expected);
    expect(extended).toBeDefined();
    expect(maxAbsDifference(extended!, expected)).toBeLessThan(1e-10);
  });

  it('returns undefined when the new block makes the matrix indefinite', () => {
    // [[1, 1], [1, 0.5]] is indefinite: the Schur complement is 0.5 − 1 < 0.
    const factor = Float64Array.from([1]);
    expect(choleskyAppend(factor, 1, Float64Array.from([1]), Float64Array.from([0.5]), 1)).toBeUndefined();
  });
});
