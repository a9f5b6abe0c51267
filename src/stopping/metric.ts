import type { RuleParameter } from './rule-definition.js';
import type { CurvePoint } from './types.js';

/** The `metric` parameter of rules that can watch either dev EM or dev loss. */
export const METRIC_PARAMETER = {
  name: 'metric',
  type: 'choice',
  default: 'devEm',
  choices: ['devEm', 'devLoss'],
  doc: 'devEm (higher is better) or devLoss (lower is better)',
} as const satisfies RuleParameter;

/** Dev metric a rule watches: dev EM (higher is better) or dev loss (lower is better). */
export type DevMetric = (typeof METRIC_PARAMETER.choices)[number];

/** The metric's value at a point, signed so that larger is always better. */
export function higherIsBetter(point: CurvePoint, metric: DevMetric): number {
  return metric === 'devEm' ? point.devEm : -point.devLoss;
}

export function metricLabel(metric: DevMetric): string {
  return metric === 'devEm' ? 'dev EM' : 'dev loss';
}
