/**
 * Per-dimension squared differences between inputs, the raw material of the ARD kernel.
 *
 * Numeric dims contribute (x_i − x'_i)²; categorical dims contribute the Hamming indicator [x_i ≠ x'_i], so that
 * with a length scale ℓ_i a differing category adds 1/ℓ_i² to the scaled squared distance, as Optuna's
 * GPSampler does for categorical parameters (optuna/_gp/gp.py, Matérn 5/2 over a mixed distance).
 *
 * Integers reach the kernel as the centres of their cells on the normalized scale (see src/space/param-scale.ts),
 * so two integers k and k + 1 of a range of c values are 1/c apart: distances live on the integer grid, and no
 * two points between which no integer lies are ever compared.
 *
 * Conditional numeric dims carry NaN where the parameter is inactive, and then contribute the arc-style
 * distance of Swersky, Duvenaud, Snoek, Hutter & Osborne, "Raiders of the lost architecture: kernels for
 * Bayesian optimization in conditional parameter spaces" (2014), after Hutter & Osborne (2013): 0 when the
 * parameter is inactive in both points (its value means nothing in either, so it cannot make them differ),
 * INACTIVE_MISMATCH_SQUARED_DISTANCE when it is active in one only, whatever the active value, and the usual
 * squared difference when active in both. (In the arc kernel's embedding an active value lies on an arc of
 * radius ω around the origin, where inactive values sit, so its distance to an inactive one is ω whatever the
 * value; here ω² is fixed at the largest squared difference two active values can have.)
 */
export const INACTIVE_MISMATCH_SQUARED_DISTANCE = 1;

function squaredDifference(a: number, b: number, categorical: boolean): number {
  if (categorical) return a === b ? 0 : 1;
  // NaN (x !== x) marks an inactive conditional coordinate.
  if (a !== a || b !== b) return a !== a && b !== b ? 0 : INACTIVE_MISMATCH_SQUARED_DISTANCE;
  const delta = a - b;
  return delta * delta;
}

/** Number of unordered pairs (a, b), b < a, among n points. */
export function pairCount(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * Packed per-dimension squared differences of all pairs, dim-major: x is n x d row-major; the result has
 * d · n(n−1)/2 entries, dim i of pair (a, b), b < a, at index i·P + a(a−1)/2 + b with P = n(n−1)/2 — pairs in
 * the order the lower triangle of a row-major matrix is visited. Dim-major so that the likelihood's loops run
 * over contiguous pairs, one dim at a time. Computed once per fit and reused by every marginal-likelihood
 * evaluation. Cost: n²·d/2.
 */
export function pairwiseSquaredDifferences(
  x: Float64Array,
  n: number,
  d: number,
  categorical: readonly boolean[],
): Float64Array {
  const pairs = pairCount(n);
  const out = new Float64Array(pairs * d);
  for (let i = 0; i < d; i++) {
    const base = i * pairs;
    let pair = 0;
    for (let a = 1; a < n; a++) {
      for (let b = 0; b < a; b++, pair++) out[base + pair] = squaredDifference(x[a * d + i], x[b * d + i], categorical[i]);
    }
  }
  return out;
}

/**
 * Σ_i δ_i(p, q)·inverseSquaredLengthscales_i between row `pRow` of p (· x d row-major) and row `qRow` of q.
 * Cost: d.
 */
export function scaledSquaredDistance(
  p: Float64Array,
  pRow: number,
  q: Float64Array,
  qRow: number,
  d: number,
  categorical: readonly boolean[],
  inverseSquaredLengthscales: Float64Array,
): number {
  let sum = 0;
  const pOffset = pRow * d;
  const qOffset = qRow * d;
  for (let i = 0; i < d; i++) {
    sum += squaredDifference(p[pOffset + i], q[qOffset + i], categorical[i]) * inverseSquaredLengthscales[i];
  }
  return sum;
}
