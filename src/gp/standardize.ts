/** The affine map between observed y and the standardized y the GP works in: y = mean + scale · ỹ. */
export interface Standardization {
  mean: number;
  scale: number;
}

/**
 * Mean and sample standard deviation of y (n values). With one observation or (nearly) constant y there is no
 * spread to estimate, so the scale is 1 (the GP then models deviations in y's own units) — this keeps the
 * standardized values at 0 instead of dividing by zero. Cost: 2n.
 */
export function standardizationOf(y: Float64Array, n: number): Standardization {
  if (n === 0) return { mean: 0, scale: 1 };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  if (n === 1) return { mean, scale: 1 };
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (y[i] - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const negligible = 1e-12 * Math.max(1, Math.abs(mean));
  return { mean, scale: sd > negligible ? sd : 1 };
}

/** (y − mean) / scale for the first n values. */
export function standardize(y: Float64Array, n: number, standardization: Standardization): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (y[i] - standardization.mean) / standardization.scale;
  return out;
}
