import type { Params, SpaceDefinition } from '../../src/space/types.js';

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

/**
 * A two-objective benchmark problem over a search space of the kind recipes live in: categorical, integer,
 * log-scaled and conditional (`when`) parameters. Both objectives are minimized: a cost, and 1 − a quality.
 */
export interface MixedTestProblem {
  readonly name: string;
  readonly space: SpaceDefinition;
  /** [cost, 1 − quality] of a valid recipe of `space` (inactive parameters absent). Deterministic. */
  evaluate(params: Params): [number, number];
  readonly refPoint: [number, number];
  /**
   * The largest hypervolume against `refPoint`, estimated by exhaustive enumeration of the discrete part with a
   * refined grid over the continuous part (see max-hypervolume.ts) and extrapolated over the refinement rounds;
   * the problem's comment gives the real recipes' hypervolume (a lower bound) and the stages.
   */
  readonly maxHypervolume: number;
}

/** Either kind of problem, as the optimizer benchmark runs them. */
export type BenchmarkProblem = TestProblem | MixedTestProblem;

export function isMixedProblem(problem: BenchmarkProblem): problem is MixedTestProblem {
  return 'space' in problem;
}
