import type { ObjectiveSpec, Params } from '../space/types.js';
import type { CurvePoint } from '../stopping/types.js';

export type TrialState = 'running' | 'complete' | 'failed' | 'stale';

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

/** A study as stored. */
export interface StudyRecord {
  id: number;
  name: string;
  createdAt: string;
  /** The search-space file's JSON (or, for `serve --stdio`, the `create` message's space). */
  space: unknown;
  spaceHash: string;
  objectives: ObjectiveSpec[];
  sampler: string;
  seed: number;
  refPoint: number[] | null;
  /** Free-form facts: task, folds, budget, backend, source file. */
  meta: Record<string, unknown>;
}

/** A trial as stored. `values` and `stderr` are aligned with the study's objectives. */
export interface TrialRecord {
  id: number;
  studyId: number;
  /** 0-based order of creation within the study. */
  number: number;
  state: TrialState;
  params: Params | null;
  values: number[] | null;
  stderr: number[] | null;
  result: TrialResult | null;
  error: string | null;
  workerId: string | null;
  /** The stale trial whose recipe this trial asks again. */
  retryOf: number | null;
  createdAt: string;
  updatedAt: string;
  heartbeatAt: string;
  /** The trial's confirmation on the test part, if `confirm` has run for it (null or absent otherwise). */
  confirmation?: Confirmation | null;
}
