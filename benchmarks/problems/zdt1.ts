import type { TestProblem } from './types.js';
import { zdtDistance } from './zdt-distance.js';

/**
 * ZDT1 (Zitzler, Deb & Thiele, "Comparison of multiobjective evolutionary algorithms: empirical results",
 * Evolutionary Computation 8(2), 2000, test function T1), d = 6 as in BoTorch's test_functions:
 * f₁ = x₁, f₂ = g·(1 − √(f₁/g)). Convex front f₂ = 1 − √f₁, f₁ ∈ [0, 1].
 * Max hypervolume against (11, 11): 11·10 + ∫₀¹ (10 + √f) df = 120 + 2/3.
 */
export const zdt1: TestProblem = {
  name: 'ZDT1',
  d: 6,
  evaluate(x) {
    const f1 = x[0];
    const g = zdtDistance(x);
    return [f1, g * (1 - Math.sqrt(f1 / g))];
  },
  refPoint: [11, 11],
  maxHypervolume: 120 + 2 / 3,
};
