import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Estimate } from './results.js';

/** Mean and standard error (sample standard deviation / √k) of per-fold values; the SE is NaN for one value. */
export function foldEstimate(values: readonly number[]): Estimate {
  if (values.length === 0) return { mean: NaN, se: NaN };
  if (values.length === 1) return { mean: values[0], se: NaN };
  return { mean: mean([...values]), se: sampleStandardDeviation([...values]) / Math.sqrt(values.length) };
}
