import { formatNumber } from '../format-number.js';
import { higherIsBetter, METRIC_PARAMETER, metricLabel, type DevMetric } from '../metric.js';
import type { ParametersOf, RuleDefinition, RuleParameter } from '../rule-definition.js';

const PARAMETERS = [
  { name: 'patience', type: 'int', default: 5, min: 1, doc: 'evaluations without improvement before stopping' },
  { name: 'minDelta', type: 'float', default: 0.001, min: 0, doc: 'smallest change that counts as an improvement' },
  METRIC_PARAMETER,
] as const satisfies readonly RuleParameter[];

export type PatienceParameters = ParametersOf<typeof PARAMETERS>;

/**
 * Classic early stopping with patience (Prechelt, "Early Stopping — But When?", 1998; the counting follows Keras'
 * EarlyStopping): the reference is the metric's value at the last improvement, an evaluation improves on it only by
 * more than `minDelta`, and the run stops once `patience` evaluations in a row have not. Small gains that never
 * exceed `minDelta` one by one do not reset the reference, so a slow creep still counts as stalling until it adds
 * up to more than `minDelta`. Non-finite values never improve. Cost: O(n) for n points.
 */
export const patienceRule: RuleDefinition<'patience', PatienceParameters> = {
  name: 'patience',
  summary: 'stop after `patience` dev evaluations without an improvement > minDelta',
  reference: 'Prechelt 1998, "Early Stopping — But When?"; Keras EarlyStopping counting',
  parameters: PARAMETERS,
  evaluate({ patience, minDelta, metric }, curve) {
    const sinceImprovement = evaluationsSinceImprovement(curve, metric, minDelta);
    if (sinceImprovement < patience) return { stop: false };
    const change = metric === 'devEm' ? 'gain' : 'drop';
    return {
      stop: true,
      reason: `no ${metricLabel(metric)} ${change} > ${formatNumber(minDelta)} in ${sinceImprovement} evals`,
    };
  },
};

/** Evaluations after the last improvement (the first finite point is one). */
function evaluationsSinceImprovement(
  curve: readonly { devEm: number; devLoss: number; tokens: number }[],
  metric: DevMetric,
  minDelta: number,
): number {
  let reference = -Infinity;
  let since = 0;
  for (const point of curve) {
    const value = higherIsBetter(point, metric);
    if (Number.isFinite(value) && (reference === -Infinity || value > reference + minDelta)) {
      reference = value;
      since = 0;
    } else {
      since++;
    }
  }
  return since;
}
