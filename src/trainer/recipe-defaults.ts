import type { ParamValue, Params } from '../space/types.js';
import { defaultStoppingConfig } from '../stopping/config.js';
import { isStoppingKey, STOPPING_RULE_KEY, stoppingParameterName } from '../stopping/recipe-keys.js';
import { isRuleName } from '../stopping/registry.js';
import { defaultTrainingFor } from './defaults.js';
import { MODEL_NAMES, type ModelName } from './hyperparameters.js';

/**
 * The value the trainer itself uses for a recipe parameter that a recipe leaves out: for a training hyperparameter,
 * the default of the recipe's model (its `model`, else `defaultModel`, the task's: defaultModelForTask); for `stopping.*`, the stopping rule's own default (`stopping.rule` defaults to `none`,
 * other parameters to those of the recipe's rule). Undefined for a name the trainer has no default for. Loads no
 * TensorFlow, so that `train` can complete and check a recipe before its slow start-up. Cost: O(rule parameters).
 */
export function trainerDefault(name: string, recipe: Params, defaultModel: ModelName = 'slot'): ParamValue | undefined {
  if (!isStoppingKey(name)) {
    const model = MODEL_NAMES.includes(recipe.model as ModelName) ? (recipe.model as ModelName) : defaultModel;
    const defaults = defaultTrainingFor(model);
    return Object.hasOwn(defaults, name) ? defaults[name as keyof typeof defaults] : undefined;
  }
  const rule = recipe[STOPPING_RULE_KEY] ?? 'none';
  if (!isRuleName(rule)) return undefined;
  const key = stoppingParameterName(name);
  const config = defaultStoppingConfig(rule) as unknown as Record<string, unknown>;
  const value = key === 'rule' ? rule : config[key];
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : undefined;
}
