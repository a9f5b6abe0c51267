import { formatNumber } from '../format-number.js';
import type { ParametersOf, RuleDefinition, RuleParameter } from '../rule-definition.js';

const PARAMETERS = [
  { name: 'target', type: 'float', default: 0.95, min: 0, max: 1, doc: 'dev EM (0–1) at which the run is good enough' },
] as const satisfies readonly RuleParameter[];

export type ThresholdParameters = ParametersOf<typeof PARAMETERS>;

/** Stops as soon as dev EM reaches a target: enough is enough. Cost: O(1). */
export const thresholdRule: RuleDefinition<'threshold', ThresholdParameters> = {
  name: 'threshold',
  summary: 'stop when dev EM ≥ target',
  parameters: PARAMETERS,
  evaluate({ target }, curve) {
    const devEm = curve[curve.length - 1].devEm;
    if (devEm >= target) return { stop: true, reason: `dev EM ${formatNumber(devEm)} ≥ target ${formatNumber(target)}` };
    return { stop: false };
  },
};
