/**
 * How a recipe names its stopping parameters: `stopping.<name>` (`stopping.rule`, `stopping.patience`, …); every
 * other recipe parameter is a training hyperparameter. Imports nothing, so that formatting and checking code can
 * read recipes without loading the rules.
 */

/** Recipe parameters that configure the stopping rule start with this; the rest are training hyperparameters. */
export const STOPPING_PREFIX = 'stopping.';

/** The recipe parameter that names the stopping rule. */
export const STOPPING_RULE_KEY = `${STOPPING_PREFIX}rule`;

/** Whether a recipe parameter configures the stopping rule (`stopping.patience`: yes; `learningRate`: no). */
export function isStoppingKey(key: string): boolean {
  return key.startsWith(STOPPING_PREFIX);
}

/** The stopping parameter's own name: `stopping.patience` → `patience`. `key` must be a stopping key. */
export function stoppingParameterName(key: string): string {
  return key.slice(STOPPING_PREFIX.length);
}

/** The recipe parameter of a stopping parameter: `patience` → `stopping.patience`. */
export function stoppingKey(name: string): string {
  return `${STOPPING_PREFIX}${name}`;
}
