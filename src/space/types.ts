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

/** A search-space file (`search-spaces/*.json`): the optimizer's definition plus what the trainer needs. */
export interface SpaceFile extends SpaceDefinition {
  /** The study's default name. */
  name: string;
  /** The training task; the trainer validates every field but `name`, which is kept here as given. */
  task: { name: string; [k: string]: unknown };
  /** k of the k-fold cross-validation (≥ 2). */
  folds: number;
  budget: { maxTokensPerRun: number };
  objectives: ObjectiveSpec[];
  /** Seed of the study (folds, sampler); absent means the command line's or the default one. */
  seed?: number;
  /** Settings of the gp-ehvi sampler; absent means its defaults. */
  samplerOptions?: SamplerSettings;
}

/**
 * What a search-space file's `samplerOptions` and `serve`'s `create` may set on the gp-ehvi sampler (see
 * GpEhviSamplerOptions, where each is documented).
 */
export interface SamplerSettings {
  /** EHVI tempering: the multiplier of the posterior standard deviation EHVI sees (1 is plain EHVI). */
  ehviSdScale?: number;
}

/** One coordinate of the unit cube the samplers work in; one per parameter, in file order. */
export interface EncodedDimension {
  name: string;
  kind: 'float' | 'int' | 'categorical';
  /** Number of choices (categorical only). */
  choices?: number;
}

/**
 * A validated search space with its expressions compiled once, mapping recipes to and from [0,1]^d.
 * Every method is pure; none of them keeps state between calls.
 */
export interface CompiledSpace {
  /** The validated definition (a copy; the caller's object is not kept). */
  readonly definition: SpaceDefinition;
  /** One per parameter, in file order. */
  readonly dimensions: readonly EncodedDimension[];
  /** Number of dimensions (= number of parameters, active or not). */
  readonly d: number;
  /**
   * Any point u of [0,1]^d (length d; coordinates outside [0,1] are clamped) → a valid recipe: float and int
   * through their (log) scale, floats rounded to 12 significant digits, int rounded, categorical index
   * floor(u*c) (clamped); only active parameters are present; derived values are not included. Constraints are
   * not applied (see `isFeasible`). Cost: O(d) plus one evaluation per `when` condition.
   */
  decode(u: ArrayLike<number>): Params;
  /**
   * A recipe → its canonical point in [0,1]^d (length d): numeric dims at their value's position (ints at the
   * centre of their cell), categorical at (index + 0.5)/c, inactive dims at a fixed value (0.5 numeric,
   * 0 categorical). encode(decode(u)) is the canonical form of u; decode(encode(p)) equals p exactly (floats:
   * any of at most 12 significant digits, which includes every decoded one). Throws InputError if `params` is
   * not a valid recipe (constraints are not checked). Cost: O(d) plus one evaluation per condition.
   */
  encode(params: Params): Float64Array;
  /** True if every active parameter is present, typed and in range, no inactive one is present, and the constraints hold. */
  isFeasible(params: Params): boolean;
  /**
   * Throws InputError naming the parameter (or the constraint) if `params` is not a valid recipe for this space:
   * unknown name, wrong type, out of range, inactive present, active missing, a constraint false. For recipes
   * from users (`train --params`, `tell`); `source` starts the message (default `params`).
   */
  validate(params: Params, source?: string): void;
  /**
   * Fills each active parameter `params` leaves out with the space's value nearest to `preferred(name, recipe so far)`:
   * a number is clamped into [low, high] (ints rounded), a categorical default is used only if it is one of the
   * choices. Parameters are filled in condition order, so a default sees the values its condition reads. Names with
   * no usable default are listed in `missing`; given values are kept as they are (check the result with `validate`).
   * Cost: O(d) plus one evaluation per condition.
   */
  complete(params: Params, preferred: (name: string, recipe: Params) => ParamValue | undefined): { params: Params; filled: string[]; missing: string[] };
  /**
   * Derived values of a recipe (the file's `derived` expressions), e.g. { "stopping.evalEvery": 20000 }.
   * An expression that evaluates to undefined (it used an inactive parameter without a guard) is left out.
   */
  derive(params: Params): Record<string, ParamValue>;
  /**
   * The recipe as it will be trained and stored: `params` (a valid recipe of this space) plus its derived values.
   * The one place derived values join a recipe: it is applied when a recipe is asked, never downstream.
   */
  withDerived(params: Params): Params;
  /** The sampled part of a stored recipe: `params` without the names the file derives (what encode/validate take). */
  sampledPart(params: Params): Params;
  /** Which dims are categorical (for the GP's Hamming kernel); length d. */
  readonly categoricalMask: boolean[];
}
