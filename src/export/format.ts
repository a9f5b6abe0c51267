import type { Estimate } from '../storage/records.js';

/** Tokens with thousands separators and ± SE: `123,456 ± 7,890`. */
export function formatTokensEstimate(estimate: Estimate): string {
  const whole = (value: number): string => Math.round(value).toLocaleString('en-US');
  return `${whole(estimate.mean)} ± ${whole(estimate.se)}`;
}

/** EM as a percentage with one decimal and ± SE in points: `93.4% ± 0.8`. */
export function formatEmEstimate(estimate: Estimate): string {
  return `${(100 * estimate.mean).toFixed(1)}% ± ${(100 * estimate.se).toFixed(1)}`;
}
