import type { LearningCurve } from './types.js';

/** A rule parameter's type, default, admissible values and meaning. */
export type RuleParameter =
  | { name: string; type: 'int'; default: number; min: number; max?: number; doc: string }
  | { name: string; type: 'float'; default: number; min: number; minExclusive?: boolean; max?: number; doc: string }
  | { name: string; type: 'choice'; default: string; choices: readonly string[]; doc: string }
  | { name: string; type: 'boolean'; default: boolean; doc: string };

/** The value a checked parameter of spec `Spec` holds: a number, a boolean, or one of its choices. */
type CheckedValue<Spec> = Spec extends { type: 'int' | 'float' }
  ? number
  : Spec extends { type: 'boolean' }
    ? boolean
    : Spec extends { type: 'choice'; choices: readonly (infer Choice)[] }
      ? Choice
      : never;

/**
 * The checked parameters a list of specs (declared `as const`) describes, by name, e.g.
 * `{ patience: number; minDelta: number; metric: 'devEm' | 'devLoss' }`.
 */
export type ParametersOf<Specs extends readonly RuleParameter[]> = {
  [Spec in Specs[number] as Spec['name']]: CheckedValue<Spec>;
};

export interface StoppingContext {
  /** Tokens a run may use at most (the trainer ends the run there; `extrapolate` predicts EM at this point). */
  budgetTokens: number;
  /** Other runs' curves on the same fold, for `median`. */
  peers?: readonly LearningCurve[];
}

/** A rule's own verdict; the reason is given without the `rule:NAME` prefix. */
export interface RuleVerdict {
  stop: boolean;
  reason?: string;
}

/** What a rule file defines: `Parameters` are its own checked parameters (`ParametersOf` its `parameters`). */
export interface RuleDefinition<Name extends string = string, Parameters = unknown> {
  name: Name;
  /** One line for `--help`, the TUI and exports. */
  summary: string;
  /** The paper or convention it follows, if any. */
  reference?: string;
  parameters: readonly RuleParameter[];
  /**
   * The rule's own verdict on the curve so far (at least one point), given its checked parameters. Warmup and the
   * start guard (`startGain`) are applied before this is called.
   */
  evaluate(params: Parameters, curve: LearningCurve, context: StoppingContext): RuleVerdict;
}
