import type { CurvePoint, LearningCurve } from './types.js';

/** The stopping rules stopwise offers; one file each under `rules/`. */
export type RuleName = 'none' | 'patience' | 'threshold' | 'plateau' | 'median' | 'extrapolate';

/**
 * A stopping rule with its parameters, as a run (search, replay or production) uses it.
 *
 * Shared by every rule: `evalEvery` (tokens between dev evaluations; the trainer schedules evaluations with it, the
 * rules count evaluations), `warmup` (no stop while the last evaluation is at fewer tokens than this), `startGain`
 * (no stop until learning has started: until the best dev EM so far exceeds the curve's first dev EM by more than
 * this; 0 turns it off; see `learningHasStarted`) and `restoreBest` (the run's final model is its best dev
 * checkpoint, see `bestCheckpointIndex`). The rule's own parameters sit beside them under their bare names
 * (`patience`, `minDelta`, …); `RULES[rule].parameters` lists them with types and defaults.
 * `stoppingConfigFromParams` / `validateStoppingConfig` build complete ones.
 */
export interface StoppingConfig {
  rule: RuleName;
  /** Tokens between dev evaluations. */
  evalEvery: number;
  /** No stop before this many tokens. */
  warmup: number;
  /** No stop until the best dev EM so far exceeds the first dev EM by more than this (0: no such guard). */
  startGain: number;
  restoreBest: boolean;
  [ruleParam: string]: unknown;
}

export interface StopDecision {
  stop: boolean;
  /** Why, when stopping: e.g. `rule:patience (no dev EM gain > 0.001 in 4 evals)`. */
  reason?: string;
}

export interface StoppingContext {
  /** Tokens a run may use at most (the trainer ends the run there; `extrapolate` predicts EM at this point). */
  budgetTokens: number;
  /** Other runs' curves on the same fold, for `median`. */
  peers?: readonly LearningCurve[];
}

/** A rule parameter's type, default, admissible values and meaning. */
export type RuleParameter =
  | { name: string; type: 'int'; default: number; min: number; max?: number; doc: string }
  | { name: string; type: 'float'; default: number; min: number; minExclusive?: boolean; max?: number; doc: string }
  | { name: string; type: 'choice'; default: string; choices: readonly string[]; doc: string }
  | { name: string; type: 'boolean'; default: boolean; doc: string };

/** A rule's parameters after defaults are filled in and values checked. */
export type RuleParams = Readonly<Record<string, number | string | boolean>>;

/** What a rule file defines. */
export interface RuleDefinition {
  name: RuleName;
  /** One line for `--help`, the TUI and exports. */
  summary: string;
  /** The paper or convention it follows, if any. */
  reference?: string;
  parameters: readonly RuleParameter[];
  /**
   * The rule's own verdict on the curve so far (at least one point), given its resolved parameters. Warmup and the
   * start guard (`startGain`) are applied before this is called; the reason is given without the `rule:NAME` prefix.
   */
  evaluate(params: RuleParams, curve: LearningCurve, context: StoppingContext): { stop: boolean; reason?: string };
}

/** A registered rule: its definition plus `decide`, which applies warmup, the start guard and parameter defaults. */
export interface StoppingRule extends RuleDefinition {
  decide(config: StoppingConfig, curve: LearningCurve, context: StoppingContext): StopDecision;
}

/** Dev metric a rule watches: dev EM (higher is better) or dev loss (lower is better). */
export type DevMetric = 'devEm' | 'devLoss';

/** The `metric` parameter of rules that can watch either dev EM or dev loss. */
export const METRIC_PARAMETER: RuleParameter = {
  name: 'metric',
  type: 'choice',
  default: 'devEm',
  choices: ['devEm', 'devLoss'],
  doc: 'devEm (higher is better) or devLoss (lower is better)',
};

/** The metric's value at a point, signed so that larger is always better. */
export function higherIsBetter(point: CurvePoint, metric: DevMetric): number {
  return metric === 'devEm' ? point.devEm : -point.devLoss;
}

export function metricLabel(metric: DevMetric): string {
  return metric === 'devEm' ? 'dev EM' : 'dev loss';
}

/** Reads a resolved numeric parameter (resolution guarantees its type). */
export function numberParam(params: RuleParams, name: string): number {
  const value = params[name];
  if (typeof value !== 'number') throw new TypeError(`stopping parameter ${name} is not a number`);
  return value;
}

/** Reads a resolved choice parameter. */
export function choiceParam<T extends string>(params: RuleParams, name: string): T {
  const value = params[name];
  if (typeof value !== 'string') throw new TypeError(`stopping parameter ${name} is not a string`);
  return value as T;
}

/** Compact number for reasons (0.001, 0.912, 1.5e+6): three significant digits, deterministic. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)) return Number(value.toPrecision(3)).toExponential();
  return String(Number(value.toPrecision(3)));
}
