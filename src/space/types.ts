/** A parameter value as it appears in a search-space file and in a recipe. */
export type ParamValue = number | string | boolean;

/** A recipe's parameters by name. Inactive conditional parameters are absent. */
export type Params = Record<string, ParamValue>;

interface ParamBase {
  /** mathjs condition over other parameters; the parameter exists only where it is true. */
  when?: string;
}

export interface FloatParamSpec extends ParamBase {
  type: 'float';
  low: number;
  high: number;
  log?: boolean;
}

export interface IntParamSpec extends ParamBase {
  type: 'int';
  low: number;
  high: number;
  log?: boolean;
}

export interface CategoricalParamSpec extends ParamBase {
  type: 'categorical';
  choices: ParamValue[];
}

export type ParamSpec = FloatParamSpec | IntParamSpec | CategoricalParamSpec;

/** The part of a search space the optimizer needs: what `serve --stdio`'s `create` carries. */
export interface SpaceDefinition {
  params: Record<string, ParamSpec>;
  /** mathjs expressions that must be true for a recipe to be valid. */
  constraints?: string[];
  /** Derived values: name → mathjs expression over the parameters, evaluated after sampling. */
  derived?: Record<string, string>;
}

export type Direction = 'minimize' | 'maximize';

export interface ObjectiveSpec {
  name: string;
  direction: Direction;
}
