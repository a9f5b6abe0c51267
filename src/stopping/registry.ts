import { completeStoppingConfig } from './config.js';
import { RULE_DEFINITIONS, RULE_NAMES, isRuleName, type RuleDefinitions } from './definitions.js';
import type { SharedStoppingParameters } from './parameters.js';
import type {
  RuleName,
  RuleParametersByName,
  StopDecision,
  StoppingConfig,
  StoppingConfigInput,
  StoppingContext,
  StoppingRule,
} from './rule.js';
import type { LearningCurve } from './types.js';

export { RULE_NAMES, isRuleName };

/** The checked config of rule `Name`, spelled so that a generic `Name` ties it to `RULE_DEFINITIONS[Name]`. */
type ConfigOfRule<Name extends RuleName> = { rule: Name } & SharedStoppingParameters & RuleParametersByName[Name];

/** A decision function bound to one checked config: the decision after the last point of the curve so far. */
export type Decider = (curve: LearningCurve, context: StoppingContext) => StopDecision;

/**
 * The behaviour every rule shares, around the rule's own verdict: no stop on an empty curve, during warmup, or
 * before learning has started (unless `startGain` is 0); the reason's `rule:NAME` prefix. Checks nothing: `config`
 * is complete and checked by its type.
 */
function decideWith<Name extends RuleName>(
  definition: RuleDefinitions[Name],
  config: ConfigOfRule<Name>,
  curve: LearningCurve,
  context: StoppingContext,
): StopDecision {
  if (curve.length === 0) return { stop: false };
  if (curve[curve.length - 1].tokens < config.warmup) return { stop: false };
  if (config.startGain > 0 && !learningHasStarted(curve, config.startGain)) return { stop: false };
  const verdict = definition.evaluate(config, curve, context);
  if (!verdict.stop) return { stop: false };
  return { stop: true, reason: `rule:${definition.name}${verdict.reason ? ` (${verdict.reason})` : ''}` };
}

function register<Name extends RuleName>(definition: RuleDefinitions[Name]): StoppingRule<Name> {
  const { evaluate, ...description } = definition;
  void evaluate;
  return {
    ...description,
    decide(config, curve, context) {
      if (config.rule !== definition.name) {
        throw new TypeError(`stopping rule ${definition.name} was given a config of rule ${config.rule}`);
      }
      return decideWith(definition, config as ConfigOfRule<Name>, curve, context);
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
export const RULES: { readonly [Name in RuleName]: StoppingRule<Name> } = {
  none: register<'none'>(RULE_DEFINITIONS.none),
  patience: register<'patience'>(RULE_DEFINITIONS.patience),
  threshold: register<'threshold'>(RULE_DEFINITIONS.threshold),
  plateau: register<'plateau'>(RULE_DEFINITIONS.plateau),
  median: register<'median'>(RULE_DEFINITIONS.median),
  extrapolate: register<'extrapolate'>(RULE_DEFINITIONS.extrapolate),
};

/**
 * The decision function of a checked config: the rule is looked up once, and no call checks a parameter. What
 * `createStopper` and `replay` decide with. Cost per call: the rule's (O(n) for most; see each rule).
 */
export function deciderFor(config: StoppingConfig): Decider {
  return bind(config);
}

function bind<Name extends RuleName>(config: ConfigOfRule<Name>): Decider {
  const definition: RuleDefinitions[Name] = RULE_DEFINITIONS[config.rule];
  return (curve, context) => decideWith(definition, config, curve, context);
}

/**
 * One decision: the decision after the last point of `curve` (the curve so far, ascending tokens): continue, or
 * stop with a reason such as `rule:patience (no dev EM gain > 0.001 in 4 evals)`. Never stops on an empty curve,
 * while the last point is below `config.warmup` tokens, or before learning has started (`learningHasStarted` with
 * `config.startGain`, unless that is 0), whatever the rule. `config` may leave parameters out (they take their
 * defaults) and is checked on every call (InputError `stopping config: NAME: …`); a run that decides again and again
 * uses `createStopper` or `replay`, which check it once. Pure and deterministic.
 * Cost: the rule's (O(n) for most; see each rule).
 */
export function decide(config: StoppingConfigInput, curve: LearningCurve, context: StoppingContext): StopDecision {
  return deciderFor(completeStoppingConfig(config))(curve, context);
}
