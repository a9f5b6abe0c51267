import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from '../../src/linalg/cholesky.js';
import { choleskyLogDeterminant } from '../../src/linalg/cholesky-log-determinant.js';

describe('choleskyLogDeterminant', () => {
  it('gives log det of the textbook matrix (det = (2·1·3)² = 36)', () => {
    const factor = new Float64Array(9);
    choleskyInPlace(Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]), 3, factor);
    expect(choleskyLogDeterminant(factor, 3)).toBeCloseTo(Math.log(36), 12);
  });

  it('matches the closed form for a 2 x 2 matrix', () => {
    const a = Float64Array.from([3, 1.2, 1.2, 2]);
    const factor = new Float64Array(4);
    choleskyInPlace(a, 2, factor);
    expect(choleskyLogDeterminant(factor, 2)).toBeCloseTo(Math.log(3 * 2 - 1.2 * 1.2), 12);
  });
});
