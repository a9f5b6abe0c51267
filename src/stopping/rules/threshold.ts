import { formatNumber, numberParam, type RuleDefinition } from '../rule.js';

/** Stops as soon as dev EM reaches a target: enough is enough. Cost: O(1). */
export const thresholdRule: RuleDefinition = {
  name: 'threshold',
  summary: 'stop when dev EM ≥ target',
  parameters: [
    { name: 'target', type: 'float', default: 0.95, min: 0, max: 1, doc: 'dev EM (0–1) at which the run is good enough' },
  ],
  evaluate(params, curve) {
    const target = numberParam(params, 'target');
    const devEm = curve[curve.length - 1].devEm;
    if (devEm >= target) return { stop: true, reason: `dev EM ${formatNumber(devEm)} ≥ target ${formatNumber(target)}` };
    return { stop: false };
  },
};
