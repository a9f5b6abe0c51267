import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { checkParameter, isStoppingKey, STOPPING_PREFIX, type RuleParameter } from '../stopping/index.js';
import { DEFAULT_TRAINING } from './defaults.js';
import { OPTIMIZER_NAMES, type TrainingConfig } from './hyperparameters.js';

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
