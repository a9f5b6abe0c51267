import type { TestProblem } from './types.js';
import { zdtDistance } from './zdt-distance.js';

/**
 * ZDT2 (Zitzler, Deb & Thiele 2000, test function T2), d = 6 as in BoTorch's test_functions:
 * f₁ = x₁, f₂ = g·(1 − (f₁/g)²). Concave front f₂ = 1 − f₁², f₁ ∈ [0, 1].
 * Max hypervolume against (11, 11): 11·10 + ∫₀¹ (10 + f²) df = 120 + 1/3.
 */
export const zdt2: TestProblem = {
  name: 'ZDT2',
  d: 6,
  evaluate(x) {
    const f1 = x[0];
    const g = zdtDistance(x);
    const ratio = f1 / g;
    return [f1, g * (1 - ratio * ratio)];
  },
  refPoint: [11, 11],
  maxHypervolume: 120 + 1 / 3,
};
