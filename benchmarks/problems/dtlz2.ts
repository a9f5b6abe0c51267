import type { TestProblem } from './types.js';

/**
 * DTLZ2 with two objectives and d = 6 (Deb, Thiele, Laumanns & Zitzler, "Scalable multi-objective optimization
 * test problems", CEC 2002), as in BoTorch's test_functions:
 * g = Σ_{i≥2} (x_i − 1/2)², f₁ = (1 + g)·cos(x₁π/2), f₂ = (1 + g)·sin(x₁π/2).
 * The front is the quarter circle f₁² + f₂² = 1, so the max hypervolume against (1.1, 1.1) is 1.1² − π/4.
 */
export const dtlz2: TestProblem = {
  name: 'DTLZ2',
  d: 6,
  evaluate(x) {
    let g = 0;
    for (let i = 1; i < x.length; i++) g += (x[i] - 0.5) * (x[i] - 0.5);
    const angle = (x[0] * Math.PI) / 2;
    return [(1 + g) * Math.cos(angle), (1 + g) * Math.sin(angle)];
  },
  refPoint: [1.1, 1.1],
  maxHypervolume: 1.21 - Math.PI / 4,
};
