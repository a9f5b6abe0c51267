import { formatNumber } from '../format-number.js';
import type { ParametersOf, RuleDefinition, RuleParameter } from '../rule-definition.js';
import type { LearningCurve } from '../types.js';

const PARAMETERS = [
  { name: 'window', type: 'int', default: 5, min: 2, doc: 'evaluations the slope is fitted over' },
  {
    name: 'tolerance',
    type: 'float',
    default: 0.01,
    min: 0,
    minExclusive: true,
    doc: 'relative change of dev loss across the window under which the run stops',
  },
] as const satisfies readonly RuleParameter[];

export type PlateauParameters = ParametersOf<typeof PARAMETERS>;

/**
 * Stops when dev loss has flattened: over the last `window` evaluations it fits a least-squares line to
 * (tokens, devLoss) and stops when the change that line predicts across the window, relative to the window's mean
 * loss, is below `tolerance`:  |slope · (tokens_last − tokens_first)| / |mean loss| < tolerance.
 * A rising loss counts as change too (use `patience` on devLoss to stop on overfitting). Waits for `window` points;
 * a window holding a non-finite loss never stops (divergence is the trainer's business). Cost: O(window).
 */
export const plateauRule: RuleDefinition<'plateau', PlateauParameters> = {
  name: 'plateau',
  summary: 'stop when dev loss changes by < tolerance (relative) across the last `window` evaluations',
  parameters: PARAMETERS,
  evaluate({ window, tolerance }, curve) {
    if (curve.length < window) return { stop: false };
    const change = relativeLossChange(curve.slice(curve.length - window));
    if (!(change < tolerance)) return { stop: false };
    return {
      stop: true,
      reason: `relative dev-loss change ${formatNumber(change)} over the last ${window} evals < ${formatNumber(tolerance)}`,
    };
  },
};

/**
 * |slope · token span| / |mean loss| of the least-squares line through (tokens, devLoss) of `points`; NaN when a
 * loss is not finite or the tokens do not vary. A zero mean loss gives 0 for a flat window and Infinity otherwise.
 */
export function relativeLossChange(points: LearningCurve): number {
  const n = points.length;
  let meanTokens = 0;
  let meanLoss = 0;
  for (const p of points) {
    if (!Number.isFinite(p.devLoss) || !Number.isFinite(p.tokens)) return NaN;
    meanTokens += p.tokens / n;
    meanLoss += p.devLoss / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    const dx = p.tokens - meanTokens;
    sxy += dx * (p.devLoss - meanLoss);
    sxx += dx * dx;
  }
  if (sxx === 0) return NaN;
  const span = points[n - 1].tokens - points[0].tokens;
  const predictedChange = Math.abs((sxy / sxx) * span);
  if (meanLoss === 0) return predictedChange === 0 ? 0 : Infinity;
  return predictedChange / Math.abs(meanLoss);
}
