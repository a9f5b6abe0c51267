/**
 * A two-objective benchmark problem on [0, 1]^d, both objectives minimized, carrying its reference point and
 * the largest hypervolume any set of points can reach against it (as BoTorch's test problems do), so that a
 * run can be scored as a fraction of the best possible.
 */
export interface TestProblem {
  readonly name: string;
  /** Number of inputs; `evaluate` takes x in [0, 1]^d. */
  readonly d: number;
  /** The two objective values at x (length d), both to be minimized. */
  evaluate(x: Float64Array): [number, number];
  readonly refPoint: [number, number];
  /** Hypervolume of the true Pareto front against `refPoint`. */
  readonly maxHypervolume: number;
}
