import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { checkParameter, isStoppingKey, STOPPING_PREFIX, type RuleParameter } from '../stopping/index.js';
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

/**
 * What each hyperparameter accepts, in the stopping rules' parameter format, so that one checker
 * (`checkParameter`) serves recipes at trial time and whole search spaces at load time.
 */
export const TRAINING_PARAMETERS: readonly RuleParameter[] = [
  { name: 'learningRate', type: 'float', default: DEFAULT_TRAINING.learningRate, min: 0, minExclusive: true, max: 1e9, doc: 'step size at the start of training' },
  { name: 'learningRateHalfLife', type: 'float', default: DEFAULT_TRAINING.learningRateHalfLife, min: 0, max: 1e12, doc: 'training tokens over which the learning rate halves (0: constant)' },
  { name: 'batchSize', type: 'int', default: DEFAULT_TRAINING.batchSize, min: 1, max: 65_536, doc: 'examples per training step' },
  { name: 'width', type: 'int', default: DEFAULT_TRAINING.width, min: 1, max: 8192, doc: 'hidden units per layer' },
  { name: 'depth', type: 'int', default: DEFAULT_TRAINING.depth, min: 0, max: 16, doc: 'hidden layers' },
  { name: 'embedding', type: 'int', default: DEFAULT_TRAINING.embedding, min: 1, max: 4096, doc: 'embedding size (a multiple of heads)' },
  { name: 'heads', type: 'int', default: DEFAULT_TRAINING.heads, min: 1, max: 256, doc: 'routing heads' },
  { name: 'dropout', type: 'float', default: DEFAULT_TRAINING.dropout, min: 0, max: 0.95, doc: 'probability of zeroing a hidden unit' },
  { name: 'weightDecay', type: 'float', default: DEFAULT_TRAINING.weightDecay, min: 0, max: 1e6, doc: 'weight decay on weight matrices' },
  { name: 'optimizer', type: 'choice', default: DEFAULT_TRAINING.optimizer, choices: OPTIMIZER_NAMES, doc: 'the optimizer' },
];

/** Names of the training hyperparameters a recipe may set. */
export const TRAINING_PARAM_NAMES: readonly string[] = TRAINING_PARAMETERS.map((parameter) => parameter.name);

/**
 * The training config of a recipe: its non-`stopping.` parameters, each checked, missing ones from
 * DEFAULT_TRAINING. A name that is neither a hyperparameter nor a stopping parameter is an error (a typo would
 * otherwise train with a default silently). Throws InputError `SOURCE: NAME: expected …, got …`. Cost: O(params).
 */
export function trainingConfigFromParams(params: Params, source = 'params'): TrainingConfig {
  for (const key of Object.keys(params)) {
    if (!isStoppingKey(key) && !TRAINING_PARAM_NAMES.includes(key)) {
      throw new InputError(
        `${source}: ${key}: unknown hyperparameter (known: ${TRAINING_PARAM_NAMES.join(', ')}, and ${STOPPING_PREFIX}*)`,
      );
    }
  }
  const config: Record<string, unknown> = { ...DEFAULT_TRAINING };
  for (const parameter of TRAINING_PARAMETERS) {
    const value = params[parameter.name];
    if (value !== undefined) config[parameter.name] = checkParameter(parameter, value, `${source}: ${parameter.name}`);
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
