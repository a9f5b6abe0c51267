import type { TestProblem } from './types.js';

/**
 * Branin–Currin (Belakaria, Deshwal & Doppa, "Max-value entropy search for multi-objective Bayesian
 * optimization", NeurIPS 2019), d = 2, as in BoTorch's test_functions.BraninCurrin (both minimized):
 *   f₁ = Branin at (15x₁ − 5, 15x₂): (v − 5.1u²/(4π²) + 5u/π − 6)² + 10(1 − 1/(8π))·cos u + 10, u = 15x₁ − 5, v = 15x₂;
 *   f₂ = Currin: (1 − exp(−1/(2x₂)))·(2300x₁³ + 1900x₁² + 2092x₁ + 60)/(100x₁³ + 500x₁² + 4x₁ + 20).
 *
 * Max hypervolume against (18, 6): BoTorch's `_max_hv` is 59.36011874867746, which its source calls an
 * NSGA-II approximation. A dense sample of the true front gives more: for each x₁, Branin is a parabola in x₂
 * and Currin falls with x₂, so Pareto-optimal x₂ lie between the parabola's vertex and 1; sampling that band
 * with 32000 values of x₁ ∈ [0, 0.13] and 2000–4000 of x₂ gives 59.40560, converging as 1/N (59.39857,
 * 59.40256, 59.40457, 59.40558 at 4000, 8000, 16000, 32000 values of x₁); Richardson extrapolation gives
 * 59.4066 ± 0.0002, which is used here (0.08 % above BoTorch's figure, so scores against it are slightly
 * stricter).
 */
export const braninCurrin: TestProblem = {
  name: 'BraninCurrin',
  d: 2,
  evaluate(x) {
    const u = 15 * x[0] - 5;
    const v = 15 * x[1];
    const branin =
      (v - (5.1 / (4 * Math.PI * Math.PI)) * u * u + (5 / Math.PI) * u - 6) ** 2 +
      10 * (1 - 1 / (8 * Math.PI)) * Math.cos(u) +
      10;
    const a = x[0];
    // At x₂ = 0, exp(−1/0) = exp(−∞) = 0: the factor is 1, as in BoTorch.
    const currin =
      ((1 - Math.exp(-1 / (2 * x[1]))) * (2300 * a ** 3 + 1900 * a ** 2 + 2092 * a + 60)) /
      (100 * a ** 3 + 500 * a ** 2 + 4 * a + 20);
    return [branin, currin];
  },
  refPoint: [18, 6],
  maxHypervolume: 59.4066,
};
