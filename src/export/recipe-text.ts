import type { Params, ParamValue } from '../space/types.js';
import { isStoppingKey, STOPPING_RULE_KEY, stoppingParameterName } from '../stopping/recipe-keys.js';

/** A recipe in words, the same everywhere it is shown: the terminal (show, search, the TUI, seed) and the HTML export. */
export interface RecipeDescription {
  /** The stopping rule with its parameters, `patience(patience=3,minDelta=0.001)`; null when no rule is named. */
  stopping: string | null;
  /** The training hyperparameters in the recipe's order, short names for the common ones: `lr=0.01 bs=64`. */
  hyperparameters: string;
}

const ABBREVIATIONS: Record<string, string> = {
  learningRate: 'lr',
  batchSize: 'bs',
  weightDecay: 'wd',
  dropout: 'drop',
};

/** Splits a recipe into its stopping part and its hyperparameters, each as short text. Cost: O(params). */
export function describeRecipe(params: Params): RecipeDescription {
  const rule = params[STOPPING_RULE_KEY];
  const ruleParams: string[] = [];
  const hyperparameters: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === STOPPING_RULE_KEY) continue;
    if (isStoppingKey(key)) ruleParams.push(`${stoppingParameterName(key)}=${formatValue(value)}`);
    else hyperparameters.push(`${ABBREVIATIONS[key] ?? key}=${formatValue(value)}`);
  }
  return {
    stopping: rule === undefined ? null : `${String(rule)}${ruleParams.length > 0 ? `(${ruleParams.join(',')})` : ''}`,
    hyperparameters: hyperparameters.join(' '),
  };
}

/** The recipe in one line: its stopping part, then its hyperparameters (see describeRecipe). */
export function recipeText(params: Params): string {
  const { stopping, hyperparameters } = describeRecipe(params);
  return stopping === null ? hyperparameters : `${stopping} ${hyperparameters}`.trim();
}

/** Integers in full; other numbers with two significant digits, in exponent form below 0.01 or from 1000 up. */
function formatValue(value: ParamValue): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) < 0.01 || Math.abs(value) >= 1000 ? value.toExponential(1) : value.toPrecision(2);
  }
  return String(value);
}
