import type { Params } from '../space/types.js';
import type { Estimate } from '../study/types.js';
import type { TrialRow } from './front-report.js';

/** A trial row that can be plotted and be on the front: complete, with params and finite estimates. */
export type EvaluatedRow = TrialRow & { tokens: Estimate; em: Estimate; params: Params };

export function isEvaluated(row: TrialRow): row is EvaluatedRow {
  return (
    row.state === 'complete' &&
    row.params !== null &&
    row.tokens !== null &&
    row.em !== null &&
    Number.isFinite(row.tokens.mean) &&
    Number.isFinite(row.em.mean)
  );
}
