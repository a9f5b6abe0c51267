import type { Params } from '../space/types.js';

export type TrialState = 'running' | 'complete' | 'failed' | 'stale';

/** Mean and standard error of one objective over folds. */
export interface Estimate {
  mean: number;
  se: number;
}
