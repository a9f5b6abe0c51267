/** One dev evaluation of one run. */
export interface CurvePoint {
  /** Tokens used so far by the run (training + dev evaluation), at this evaluation. */
  tokens: number;
  /** Exact match on the dev split. */
  devEm: number;
  /** Mean per-token cross-entropy on the dev split. */
  devLoss: number;
}

export type LearningCurve = readonly CurvePoint[];
