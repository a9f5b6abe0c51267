import type { CanonicalPoint, SearchDomain } from '../../src/optim/index.js';

/**
 * A small mixed domain for tests: dim 0 float, dim 1 int 0..4 (canonical (v + 0.5)/5), dim 2 categorical with
 * 3 choices, dim 3 a float active only when the categorical is choice 1 (else held at 0.5). Constraint: the
 * float may not exceed 0.9 while the categorical is choice 2.
 */
export function mixedDomain(): SearchDomain {
  return {
    d: 4,
    kinds: ['float', 'int', 'categorical', 'float'],
    choiceCounts: [0, 0, 3, 0],
    canonicalize(u: Float64Array): CanonicalPoint | null {
      const clamp = (v: number) => Math.min(1, Math.max(0, v));
      const value = Math.min(4, Math.floor(clamp(u[1]) * 5));
      const choice = Math.min(2, Math.floor(clamp(u[2]) * 3));
      const float = clamp(u[0]);
      if (choice === 2 && float > 0.9) return null;
      const conditional = choice === 1 ? clamp(u[3]) : 0.5;
      const point = Float64Array.of(float, (value + 0.5) / 5, (choice + 0.5) / 3, conditional);
      return { point, key: Array.from(point, (v) => v.toFixed(12)).join(',') };
    },
  };
}

/** Decodes a canonical point of mixedDomain to readable values. */
export function decodeMixed(point: ArrayLike<number>): { float: number; int: number; choice: number; conditional: number | null } {
  const choice = Math.floor(point[2] * 3);
  return { float: point[0], int: Math.floor(point[1] * 5), choice, conditional: choice === 1 ? point[3] : null };
}
