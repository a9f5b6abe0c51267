import { describe, expect, it } from 'vitest';
import { choleskyInPlace, choleskyWithJitter } from '../../src/linalg/cholesky.js';
import { maxAbsDifference, multiplyTransposed, randomSpd } from './random-matrices.js';

describe('choleskyInPlace', () => {
  it('factors the textbook 3 x 3 example exactly', () => {
    // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (worked example in most numerical texts).
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const factor = new Float64Array(9);
    expect(choleskyInPlace(a, 3, factor)).toBe(true);
    expect(Array.from(factor)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it.each([1, 2, 5, 17, 60])('reproduces L·Lᵀ = A on a random SPD matrix (n = %i)', (n) => {
    const a = randomSpd(n, 100 + n);
    const factor = new Float64Array(n * n);
    expect(choleskyInPlace(a, n, factor)).toBe(true);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(factor[i * n + j]).toBe(0);
    expect(maxAbsDifference(multiplyTransposed(factor, factor, n, n, n), a)).toBeLessThan(1e-10 * n);
  });

  it('factors in place, reading only the lower triangle', () => {
    const n = 9;
    const a = randomSpd(n, 3);
    const expected = new Float64Array(n * n);
    choleskyInPlace(a, n, expected);
    const scribbled = new Float64Array(a);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) scribbled[i * n + j] = 1e6;
    expect(choleskyInPlace(scribbled, n)).toBe(true);
    expect(maxAbsDifference(scribbled, expected)).toBe(0);
  });

  it('reports failure on an indefinite matrix', () => {
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2, new Float64Array(4))).toBe(false);
    expect(choleskyInPlace(Float64Array.from([Number.NaN]), 1, new Float64Array(1))).toBe(false);
  });
});

describe('choleskyWithJitter', () => {
  it('adds no jitter when the matrix is positive definite', () => {
    const a = randomSpd(6, 8);
    const result = choleskyWithJitter(a, 6);
    expect(result.jitter).toBe(0);
    expect(maxAbsDifference(multiplyTransposed(result.factor, result.factor, 6, 6, 6), a)).toBeLessThan(1e-12);
  });

  it('adds growing jitter to a singular matrix and reports it', () => {
    // Rank one (two duplicate GP inputs without noise): v·vᵀ with v = (1, 2, 3).
    const v = [1, 2, 3];
    const a = Float64Array.from({ length: 9 }, (_, k) => v[Math.floor(k / 3)] * v[k % 3]);
    const { factor, jitter } = choleskyWithJitter(a, 3);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThan(1e-3 * (14 / 3));
    const jittered = new Float64Array(a);
    for (let i = 0; i < 3; i++) jittered[i * 3 + i] += jitter;
    expect(maxAbsDifference(multiplyTransposed(factor, factor, 3, 3, 3), jittered)).toBeLessThan(1e-12);
    expect(Array.from(a)).toEqual([1, 2, 3, 2, 4, 6, 3, 6, 9]);
  });

  it('throws a clear error when jitter cannot help', () => {
    expect(() => choleskyWithJitter(Float64Array.from([-1, 0, 0, -1]), 2)).toThrow(/not positive definite/);
  });
});
