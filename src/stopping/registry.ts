import { InputError } from '../errors.js';
import { checkParameter, resolveParameters, START_GAIN_PARAMETER } from './parameters.js';
import type {
  RuleDefinition,
  RuleName,
  StopDecision,
  StoppingConfig,
  StoppingContext,
  StoppingRule,
} from './rule.js';
import { extrapolateRule } from './rules/extrapolate.js';
import { medianRule } from './rules/median.js';
import { noneRule } from './rules/none.js';
import { patienceRule } from './rules/patience.js';
import { plateauRule } from './rules/plateau.js';
import { thresholdRule } from './rules/threshold.js';
import type { LearningCurve } from './types.js';

/**
 * Wraps a rule file's definition with the behaviour every rule shares: defaults, warmup, the start guard, the
 * reason's prefix.
 */
function register(definition: RuleDefinition): StoppingRule {
  return {
    ...definition,
    decide(config, curve, context) {
      if (curve.length === 0) return { stop: false };
      if (curve[curve.length - 1].tokens < config.warmup) return { stop: false };
      const startGain = checkParameter(START_GAIN_PARAMETER, config.startGain, 'stopping config: startGain') as number;
      if (startGain > 0 && !learningHasStarted(curve, startGain)) return { stop: false };
      const params = resolveParameters(
        definition.parameters,
        (name) => config[name],
        (name) => `stopping config: ${name}`,
      );
      const verdict = definition.evaluate(params, curve, context);
      if (!verdict.stop) return { stop: false };
      return { stop: true, reason: `rule:${definition.name}${verdict.reason ? ` (${verdict.reason})` : ''}` };
    },
  };
}

/**
 * Whether the best dev EM so far exceeds the curve's first dev EM by more than `startGain`; non-finite dev EM values
 * are skipped (no finite value: not started). The guard watches dev EM for every rule, also for rules that watch dev
 * loss: EM is the objective, and on these tasks dev loss falls long before EM moves, so a guard on loss would let a
 * run stop while it is still flat at EM 0. Cost: O(n).
 */
export function learningHasStarted(curve: LearningCurve, startGain: number): boolean {
  let first = NaN;
  let best = -Infinity;
  for (const point of curve) {
    if (!Number.isFinite(point.devEm)) continue;
    if (Number.isNaN(first)) first = point.devEm;
    if (point.devEm > best) best = point.devEm;
  }
  return best - first > startGain;
}

/** Every stopping rule by name: parameters (names, types, defaults, documentation), summary, reference, decide. */
export const RULES: Readonly<Record<RuleName, StoppingRule>> = {
  none: register(noneRule),
  patience: register(patienceRule),
  threshold: register(thresholdRule),
  plateau: register(plateauRule),
  median: register(medianRule),
  extrapolate: register(extrapolateRule),
};

export const RULE_NAMES = Object.keys(RULES) as RuleName[];

export function isRuleName(value: unknown): value is RuleName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULES, value);
}

/**
 * The decision after the last point of `curve` (the curve so far, ascending tokens): continue, or stop with a reason
 * such as `rule:patience (no dev EM gain > 0.001 in 4 evals)`. Never stops on an empty curve, while the last
 * point is below `config.warmup` tokens, or before learning has started (`learningHasStarted` with
 * `config.startGain`, unless that is 0), whatever the rule. Pure and deterministic; missing parameters (the rule's,
 * and `startGain`) take their defaults.
 * Cost: the rule's (O(n) for most; see each rule).
 */
export function decide(config: StoppingConfig, curve: LearningCurve, context: StoppingContext): StopDecision {
  if (!isRuleName(config.rule)) {
    throw new InputError(
      `stopping config: rule: unknown stopping rule ${JSON.stringify(config.rule)} (expected ${RULE_NAMES.join(', ')})`,
    );
  }
  return RULES[config.rule].decide(config, curve, context);
}
