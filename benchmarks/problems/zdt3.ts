import type { TestProblem } from './types.js';
import { zdtDistance } from './zdt-distance.js';

/**
 * ZDT3 (Zitzler, Deb & Thiele 2000, test function T3), d = 6 as in BoTorch's test_functions:
 * f₁ = x₁, f₂ = g·(1 − √(f₁/g) − (f₁/g)·sin(10π f₁)). The front is five disconnected pieces of
 * f₂ = 1 − √f₁ − f₁ sin(10π f₁). Max hypervolume against (11, 11): 128.77811613069076 (BoTorch's `_max_hv`;
 * a dense sample of the front reproduces it, see test/benchmarks-problems).
 */
export const zdt3: TestProblem = {
  name: 'ZDT3',
  d: 6,
  evaluate(x) {
    const f1 = x[0];
    const g = zdtDistance(x);
    const ratio = f1 / g;
    return [f1, g * (1 - Math.sqrt(ratio) - ratio * Math.sin(10 * Math.PI * f1))];
  },
  refPoint: [11, 11],
  maxHypervolume: 128.77811613069076,
};
