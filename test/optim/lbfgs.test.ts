import { describe, expect, it } from 'vitest';
import { minimizeLbfgsBox, type BoundedObjective } from '../../src/optim/lbfgs.js';

/** Rosenbrock's function in 2-D, minimum 0 at (1, 1). */
function rosenbrock(): BoundedObjective & { calls: number } {
  let last = new Float64Array(2);
  return {
    calls: 0,
    value(x) {
      this.calls++;
      last = Float64Array.from(x);
      return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
    },
    gradientAtLastValue(out) {
      const [a, b] = last;
      out[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      out[1] = 200 * (b - a * a);
    },
  };
}

const wide = { lower: Float64Array.from([-5, -5]), upper: Float64Array.from([5, 5]) };

describe('minimizeLbfgsBox', () => {
  it('finds the minimum of Rosenbrock’s function', () => {
    const objective = rosenbrock();
    const result = minimizeLbfgsBox(objective, Float64Array.from([-1.2, 1]), wide.lower, wide.upper, {
      maxIterations: 200,
      gradientTolerance: 1e-8,
      relativeFunctionTolerance: 0,
    });
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
    expect(result.evaluations).toBe(objective.calls);
  });

  it('stops on a bound when the minimum lies outside the box', () => {
    // Box x ≤ 0.5: the constrained minimum of Rosenbrock is at x = 0.5, y = 0.25, value 0.25.
    const result = minimizeLbfgsBox(
      rosenbrock(),
      Float64Array.from([-1, 0]),
      wide.lower,
      Float64Array.from([0.5, 5]),
      { maxIterations: 200, gradientTolerance: 1e-8, relativeFunctionTolerance: 0 },
    );
    expect(result.x[0]).toBe(0.5);
    expect(result.x[1]).toBeCloseTo(0.25, 5);
    expect(result.value).toBeCloseTo(0.25, 8);
  });

  it('shortens steps that land where the objective is undefined', () => {
    // f = x² − log(1 − x), defined for x < 1; minimum where 2x = −1/(1 − x)... i.e. 2x(1 − x) = −1 → x = (1 − √3)/2.
    let last = 0;
    const objective: BoundedObjective = {
      value: (x) => {
        last = x[0];
        return x[0] < 1 ? x[0] ** 2 - Math.log(1 - x[0]) : Number.POSITIVE_INFINITY;
      },
      gradientAtLastValue: (out) => {
        out[0] = 2 * last + 1 / (1 - last);
      },
    };
    const result = minimizeLbfgsBox(objective, Float64Array.from([0.9]), Float64Array.from([-10]), Float64Array.from([10]), {
      maxIterations: 100,
      maxStep: 5,
      gradientTolerance: 1e-9,
    });
    expect(result.x[0]).toBeCloseTo((1 - Math.sqrt(3)) / 2, 6);
  });

  it('reports a non-finite start without iterating', () => {
    const objective: BoundedObjective = { value: () => Number.POSITIVE_INFINITY, gradientAtLastValue: () => {} };
    const result = minimizeLbfgsBox(objective, Float64Array.from([0]), Float64Array.from([-1]), Float64Array.from([1]), {
      maxIterations: 10,
    });
    expect(result.stop).toBe('not-finite');
    expect(result.iterations).toBe(0);
  });
});
