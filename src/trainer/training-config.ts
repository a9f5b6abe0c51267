import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { STOPPING_PREFIX } from '../stopping/index.js';
import { DEFAULT_TRAINING } from './defaults.js';

export type OptimizerName = 'adam' | 'adamw' | 'sgd-momentum' | 'rmsprop';
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['adam', 'adamw', 'sgd-momentum', 'rmsprop'];

/**
 * Training hyperparameters of one run. Every name is a recipe parameter of the same name; one missing from a
 * recipe takes its value in DEFAULT_TRAINING (defaults.ts).
 */
export interface TrainingConfig {
  /** Step size of the optimizer at the start of training. */
  learningRate: number;
  /**
   * Training tokens over which the learning rate halves (exponential decay, lr · 2^(−tokens/halfLife)); 0 keeps it
   * constant. A schedule in tokens, not in budget fractions, so a run's trajectory does not depend on its budget —
   * what lets a stopping rule find a real plateau (the model settles instead of wandering at a constant step).
   */
  learningRateHalfLife: number;
  /** Examples per training step. */
  batchSize: number;
  /** Hidden units of each layer of the per-position MLP. */
  width: number;
  /** Hidden layers of the per-position MLP (0: a linear read-out of the routed embedding). */
  depth: number;
  /** Size of the character and position embeddings; a multiple of `heads`. */
  embedding: number;
  /** Routing heads: each moves its own embedding-width/heads channels from input slots to output slots. */
  heads: number;
  /** Probability of zeroing a hidden unit during training (inverted dropout; off at evaluation). */
  dropout: number;
  /**
   * Weight decay on weight matrices (not biases): decoupled, w ← w·(1 − learningRate·weightDecay) after each step,
   * for `adamw` (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019); an L2 penalty
   * weightDecay/2·‖w‖² added to the loss for the other optimizers.
   */
  weightDecay: number;
  /** adam, adamw (adam + decoupled decay), sgd-momentum (momentum 0.9), rmsprop. */
  optimizer: OptimizerName;
}

type Field = { [K in keyof TrainingConfig]: { name: K; check: (value: unknown) => boolean; expected: string } }[keyof TrainingConfig];

const isInt = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isFloat = (min: number, max: number, openLow = false) => (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && (openLow ? v > min : v >= min) && v <= max;

const FIELDS: readonly Field[] = [
  { name: 'learningRate', check: isFloat(0, 1e9, true), expected: 'a number > 0' },
  { name: 'learningRateHalfLife', check: isFloat(0, 1e12), expected: 'a number of tokens ≥ 0 (0: constant)' },
  { name: 'batchSize', check: isInt(1, 65_536), expected: 'an integer from 1 to 65536' },
  { name: 'width', check: isInt(1, 8192), expected: 'an integer from 1 to 8192' },
  { name: 'depth', check: isInt(0, 16), expected: 'an integer from 0 to 16' },
  { name: 'embedding', check: isInt(1, 4096), expected: 'an integer from 1 to 4096' },
  { name: 'heads', check: isInt(1, 256), expected: 'an integer from 1 to 256' },
  { name: 'dropout', check: isFloat(0, 0.95), expected: 'a number from 0 to 0.95' },
  { name: 'weightDecay', check: isFloat(0, 1e6), expected: 'a number ≥ 0' },
  { name: 'optimizer', check: (v) => OPTIMIZER_NAMES.includes(v as OptimizerName), expected: `one of ${OPTIMIZER_NAMES.join(', ')}` },
];

/** Names of the training hyperparameters a recipe may set. */
export const TRAINING_PARAM_NAMES: readonly string[] = FIELDS.map((field) => field.name);

/**
 * The training config of a recipe: its non-`stopping.` parameters, each checked, missing ones from
 * DEFAULT_TRAINING. A name that is neither a hyperparameter nor a stopping parameter is an error (a typo would
 * otherwise train with a default silently). Throws InputError `SOURCE: NAME: expected …, got …`. Cost: O(params).
 */
export function trainingConfigFromParams(params: Params, source = 'params'): TrainingConfig {
  for (const key of Object.keys(params)) {
    if (!key.startsWith(STOPPING_PREFIX) && !TRAINING_PARAM_NAMES.includes(key)) {
      throw new InputError(
        `${source}: ${key}: unknown hyperparameter (known: ${TRAINING_PARAM_NAMES.join(', ')}, and stopping.*)`,
      );
    }
  }
  const config: Record<string, unknown> = { ...DEFAULT_TRAINING };
  for (const field of FIELDS) {
    const value = params[field.name];
    if (value === undefined) continue;
    if (!field.check(value)) {
      throw new InputError(`${source}: ${field.name}: expected ${field.expected}, got ${JSON.stringify(value)}`);
    }
    config[field.name] = value;
  }
  const checked = config as unknown as TrainingConfig;
  if (checked.embedding % checked.heads !== 0) {
    throw new InputError(
      `${source}: heads: the embedding size (${checked.embedding}) must be a multiple of heads, got ${checked.heads}`,
    );
  }
  return checked;
}

/** The learning rate after `tokens` training tokens under the config's schedule. */
export function learningRateAt(config: Pick<TrainingConfig, 'learningRate' | 'learningRateHalfLife'>, tokens: number): number {
  if (config.learningRateHalfLife <= 0) return config.learningRate;
  return config.learningRate * 2 ** (-tokens / config.learningRateHalfLife);
}
