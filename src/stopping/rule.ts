import type { SharedStoppingParameters } from './parameters.js';
import type { RuleDefinition, StoppingContext } from './rule-definition.js';
import type { ExtrapolateParameters } from './rules/extrapolate.js';
import type { MedianParameters } from './rules/median.js';
import type { NoneParameters } from './rules/none.js';
import type { PatienceParameters } from './rules/patience.js';
import type { PlateauParameters } from './rules/plateau.js';
import type { ThresholdParameters } from './rules/threshold.js';
import type { LearningCurve } from './types.js';

export type { DevMetric } from './metric.js';
export type { ParametersOf, RuleDefinition, RuleParameter, RuleVerdict, StoppingContext } from './rule-definition.js';
export type { SharedStoppingParameters } from './parameters.js';

/** Each stopping rule's own checked parameters, by rule name; one file each under `rules/`. */
export interface RuleParametersByName {
  none: NoneParameters;
  patience: PatienceParameters;
  threshold: ThresholdParameters;
  plateau: PlateauParameters;
  median: MedianParameters;
  extrapolate: ExtrapolateParameters;
}

/** The stopping rules stopwise offers. */
export type RuleName = keyof RuleParametersByName;

/**
 * The checked config of rule `Name`: the rule, the parameters every rule shares and the rule's own, all side by
 * side under their bare names (as production configs store them).
 *
 * Shared by every rule: `evalEvery` (tokens between dev evaluations; the trainer schedules evaluations with it, the
 * rules count evaluations), `warmup` (no stop while the last evaluation is at fewer tokens than this), `startGain`
 * (no stop until learning has started: until the best dev EM so far exceeds the curve's first dev EM by more than
 * this; 0 turns it off; see `learningHasStarted`) and `restoreBest` (the run's final model is its best dev
 * checkpoint, see `bestCheckpointIndex`). `RULES[rule].parameters` lists the rule's own with types and defaults.
 */
export type StoppingConfigOf<Name extends RuleName> = Name extends RuleName
  ? { rule: Name } & SharedStoppingParameters & RuleParametersByName[Name]
  : never;

/**
 * A stopping rule with its parameters, checked and complete, as a run (search, replay or production) uses it: one
 * member per rule, told apart by `rule`. `stoppingConfigFromParams` / `validateStoppingConfig` /
 * `defaultStoppingConfig` build them; nothing downstream checks them again.
 */
export type StoppingConfig = StoppingConfigOf<RuleName>;

/** A stopping config as a caller may write it by hand: the rule, and any of its parameters (defaults fill the rest). */
export type StoppingConfigInput = {
  [Name in RuleName]: { rule: Name } & Partial<SharedStoppingParameters & RuleParametersByName[Name]>;
}[RuleName];

export interface StopDecision {
  stop: boolean;
  /** Why, when stopping: e.g. `rule:patience (no dev EM gain > 0.001 in 4 evals)`. */
  reason?: string;
}

/** A registered rule: its description, and `decide`, which applies warmup and the start guard before its own verdict. */
export interface StoppingRule<Name extends RuleName = RuleName> extends Omit<RuleDefinition<Name>, 'evaluate'> {
  /** The decision after the last point of `curve` for a checked config of this rule (checks nothing). */
  decide(config: StoppingConfig, curve: LearningCurve, context: StoppingContext): StopDecision;
}
