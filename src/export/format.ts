import type { Params, ParamValue } from '../space/types.js';
import type { Estimate } from '../study/types.js';

/** Tokens with thousands separators and ± SE: `123,456 ± 7,890`. */
export function formatTokensEstimate(estimate: Estimate): string {
  const whole = (value: number): string => Math.round(value).toLocaleString('en-US');
  return `${whole(estimate.mean)} ± ${whole(estimate.se)}`;
}

/** EM as a percentage with one decimal and ± SE in points: `93.4% ± 0.8`. */
export function formatEmEstimate(estimate: Estimate): string {
  return `${(100 * estimate.mean).toFixed(1)}% ± ${(100 * estimate.se).toFixed(1)}`;
}

function formatValue(value: ParamValue): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return String(value);
}

/**
 * A recipe in words: the stopping rule with its parameters, `patience (patience 3, minDelta 0.001)`, and the
 * hyperparameters, `batchSize 64 · learningRate 0.01` (names sorted).
 */
export function describeRecipe(params: Params): { stopping: string; hyperparameters: string } {
  const rule = params['stopping.rule'] === undefined ? 'none' : String(params['stopping.rule']);
  const ruleParams = Object.keys(params)
    .filter((key) => key.startsWith('stopping.') && key !== 'stopping.rule')
    .sort()
    .map((key) => `${key.slice('stopping.'.length)} ${formatValue(params[key])}`);
  const hyperparameters = Object.keys(params)
    .filter((key) => !key.startsWith('stopping.'))
    .sort()
    .map((key) => `${key} ${formatValue(params[key])}`);
  return {
    stopping: ruleParams.length > 0 ? `${rule} (${ruleParams.join(', ')})` : rule,
    hyperparameters: hyperparameters.join(' · '),
  };
}
