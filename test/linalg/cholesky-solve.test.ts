import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { choleskySolve } from '../../src/linalg/cholesky-solve.js';
import { createRng } from '../../src/random/rng.js';
import { maxAbsDifference, multiplyVector, randomSpd } from './random-matrices.js';

describe('choleskySolve', () => {
  it('solves A·x = b for the textbook matrix', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const factor = new Float64Array(9);
    choleskyInPlace(a, 3, factor);
    // A·(1, 2, 3) = (4 + 24 − 48, 12 + 74 − 129, −16 − 86 + 294) = (−20, −43, 192).
    const x = choleskySolve(factor, 3, Float64Array.from([-20, -43, 192]));
    expect(maxAbsDifference(x, [1, 2, 3])).toBeLessThan(1e-12);
  });

  it('recovers a random solution of a random SPD system', () => {
    const n = 40;
    const a = randomSpd(n, 21);
    const factor = new Float64Array(n * n);
    choleskyInPlace(a, n, factor);
    const rng = createRng(4);
    const truth = Float64Array.from({ length: n }, () => rng.normal());
    const b = multiplyVector(a, truth, n);
    expect(maxAbsDifference(choleskySolve(factor, n, b), truth)).toBeLessThan(1e-9);
  });
});
