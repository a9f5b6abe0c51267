import { InputError } from '../errors.js';
import type { Params } from '../space/types.js';
import { checkParameter, isStoppingKey, STOPPING_PREFIX, type RuleParameter } from '../stopping/index.js';
import { DEFAULT_TRAINING, DEFAULT_TRANSFORMER_TRAINING, defaultTrainingFor } from './defaults.js';
import { MODEL_NAMES, OPTIMIZER_NAMES, type ModelName, type TrainingConfig } from './hyperparameters.js';

const T = DEFAULT_TRANSFORMER_TRAINING;

/**
 * What each hyperparameter accepts, in the stopping rules' parameter format, so that one checker
 * (`checkParameter`) serves recipes at trial time and whole search spaces at load time.
 */
export const TRAINING_PARAMETERS: readonly RuleParameter[] = [
  { name: 'model', type: 'choice', default: DEFAULT_TRAINING.model, choices: MODEL_NAMES, doc: 'the learner: slot (routed MLP; default for built-in tasks) or transformer (default for jsonl tasks)' },
  { name: 'learningRate', type: 'float', default: DEFAULT_TRAINING.learningRate, min: 0, minExclusive: true, max: 1e9, doc: `step size at the start of training (transformer default ${T.learningRate})` },
  { name: 'learningRateHalfLife', type: 'float', default: DEFAULT_TRAINING.learningRateHalfLife, min: 0, max: 1e12, doc: `training tokens over which the learning rate halves (0: constant; transformer default ${T.learningRateHalfLife})` },
  { name: 'warmupTokens', type: 'float', default: DEFAULT_TRAINING.warmupTokens, min: 0, max: 1e12, doc: `training tokens over which the learning rate rises linearly from 0 (transformer default ${T.warmupTokens})` },
  { name: 'batchSize', type: 'int', default: DEFAULT_TRAINING.batchSize, min: 1, max: 65_536, doc: `examples per training step (transformer default ${T.batchSize})` },
  { name: 'width', type: 'int', default: DEFAULT_TRAINING.width, min: 1, max: 8192, doc: 'slot model: hidden units per layer' },
  { name: 'depth', type: 'int', default: DEFAULT_TRAINING.depth, min: 0, max: 16, doc: `slot model: hidden layers; transformer: blocks (default ${T.depth})` },
  { name: 'embedding', type: 'int', default: DEFAULT_TRAINING.embedding, min: 1, max: 4096, doc: `embedding size, the transformer's model width (a multiple of heads; transformer default ${T.embedding})` },
  { name: 'heads', type: 'int', default: DEFAULT_TRAINING.heads, min: 1, max: 256, doc: `slot model: routing heads; transformer: attention heads (default ${T.heads})` },
  { name: 'feedForward', type: 'int', default: DEFAULT_TRAINING.feedForward, min: 1, max: 16_384, doc: `transformer: hidden units of each block's feed-forward layer (default ${T.feedForward})` },
  { name: 'dropout', type: 'float', default: DEFAULT_TRAINING.dropout, min: 0, max: 0.95, doc: `probability of zeroing a hidden unit (transformer default ${T.dropout})` },
  { name: 'weightDecay', type: 'float', default: DEFAULT_TRAINING.weightDecay, min: 0, max: 1e6, doc: `weight decay on weight matrices (transformer default ${T.weightDecay})` },
  { name: 'optimizer', type: 'choice', default: DEFAULT_TRAINING.optimizer, choices: OPTIMIZER_NAMES, doc: 'the optimizer' },
];

/** Names of the training hyperparameters a recipe may set. */
export const TRAINING_PARAM_NAMES: readonly string[] = TRAINING_PARAMETERS.map((parameter) => parameter.name);

/**
 * The training config of a recipe: its non-`stopping.` parameters, each checked, missing ones from the defaults of
 * its model (defaultTrainingFor): the recipe's `model`, else `defaultModel` (the task's, defaultModelForTask). A name that is neither a hyperparameter nor a stopping parameter is an error (a typo would
 * otherwise train with a default silently). Throws InputError `SOURCE: NAME: expected …, got …`. Cost: O(params).
 */
export function trainingConfigFromParams(params: Params, source = 'params', defaultModel: ModelName = 'slot'): TrainingConfig {
  for (const key of Object.keys(params)) {
    if (!isStoppingKey(key) && !TRAINING_PARAM_NAMES.includes(key)) {
      throw new InputError(
        `${source}: ${key}: unknown hyperparameter (known: ${TRAINING_PARAM_NAMES.join(', ')}, and ${STOPPING_PREFIX}*)`,
      );
    }
  }
  const modelParameter = TRAINING_PARAMETERS[0];
  const model = params.model === undefined ? defaultModel : (checkParameter(modelParameter, params.model, `${source}: model`) as ModelName);
  const config: Record<string, unknown> = { ...defaultTrainingFor(model) };
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

/**
 * The learning rate after `tokens` training tokens under the config's schedule: a linear warm-up over
 * `warmupTokens` (absent or 0: none) times the half-life decay.
 */
export function learningRateAt(
  config: Pick<TrainingConfig, 'learningRate' | 'learningRateHalfLife'> & Partial<Pick<TrainingConfig, 'warmupTokens'>>,
  tokens: number,
): number {
  const warmup = config.warmupTokens && config.warmupTokens > 0 ? Math.min(1, tokens / config.warmupTokens) : 1;
  if (config.learningRateHalfLife <= 0) return config.learningRate * warmup;
  return config.learningRate * warmup * 2 ** (-tokens / config.learningRateHalfLife);
}
