/**
 * What the trainer produces: one fold's run, a recipe's cross-validated result and a recipe's confirmation on the
 * test part. Storage keeps them as they are (study/types.ts re-exports them with the stored records).
 */
import type { CurvePoint } from '../stopping/types.js';

/** Mean and standard error of one objective over folds. */
export interface Estimate {
  mean: number;
  se: number;
}

/** One training run: one fold of one trial. */
export interface FoldResult {
  fold: number;
  /** Tokens used: training tokens (padding excluded) plus tokens read by dev evaluations. */
  tokens: number;
  /** Exact match on the held-out fold. */
  em: number;
  heldOutSize: number;
  /** Why the run ended, e.g. `rule:patience`, `budget`, `diverged: NaN loss`. */
  stopReason: string;
  diverged: boolean;
  /** Tokens at the dev checkpoint whose weights were restored (`restoreBest`), if any. */
  restoredFromTokens?: number;
  /** The recipe's own dev evaluations: what its stopping rule saw. */
  curve: CurvePoint[];
  /** Measurements at a fine grid of training tokens: only when the job asked for them (FoldJob.gridEvery). */
  grid?: GridCurve;
  seconds: number;
}

/**
 * Dev and held-out measurements of one run at the first batch boundary at or past each multiple of `every` training
 * tokens (reachesMultiple), in order: the material for scoring, without training, any stopping rule whose
 * `evalEvery` is a multiple of `every` on the same run (recipeCurveOnGrid). Columns of n numbers each, n the points.
 * Measurements only: the run's stopping rule sees its own evaluations (FoldResult.curve) and nothing else here.
 */
export interface GridCurve {
  /** Training tokens between grid points (the job's gridEvery). */
  every: number;
  /** Tokens one dev evaluation reads. */
  devTokens: number;
  /** Tokens one held-out measurement reads. */
  heldOutTokens: number;
  /** Training tokens (padding excluded, no evaluation reads) at each point. */
  trainingTokens: number[];
  devEm: number[];
  devLoss: number[];
  /** Exact match on the fold's held-out examples at each point. */
  heldOutEm: number[];
  /**
   * Tokens the grid's measurements read beyond the recipe's own dev evaluations: every held-out measurement and
   * every dev evaluation at a point where the recipe did not evaluate. A cost of the search, never part of `tokens`.
   */
  measurementTokens: number;
}

/** What evaluating one recipe over the folds produces. */
export interface TrialResult {
  tokens: Estimate;
  em: Estimate;
  folds: FoldResult[];
  paramCount: number;
  /** tfjs backend that trained it: `tensorflow` (native), `wasm` or `cpu`. */
  backend: string;
  seconds: number;
  /** True if any fold diverged. */
  diverged: boolean;
}

/**
 * A recipe confirmed (DESIGN.md, Methodology): retrained on the whole search part over several seeds, each run
 * with the recipe's own stopping rule on a dev split carved from that part, and measured on the test part the
 * search never saw. These are the figures users rely on; the trial's own values are cross-validated estimates.
 */
export interface Confirmation {
  /** Tokens used per run: mean and standard error over the runs. */
  tokens: Estimate;
  /** Exact match on the test part: mean and standard error over the runs. */
  em: Estimate;
  /** One run per seed; `fold` is the run's index, `em` its test-part EM, `heldOutSize` the test part's size. */
  runs: FoldResult[];
  /** Share of the task's distinct lines in the test part. */
  testFraction: number;
  backend: string;
  seconds: number;
  /** True if any run diverged. */
  diverged: boolean;
}
