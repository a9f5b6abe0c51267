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
  curve: CurvePoint[];
  seconds: number;
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
