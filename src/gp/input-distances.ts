/**
 * Per-dimension squared differences between inputs, the raw material of the ARD kernel.
 *
 * Numeric dims contribute (x_i − x'_i)²; categorical dims contribute the Hamming indicator [x_i ≠ x'_i], so that
 * with a length scale ℓ_i a differing category adds 1/ℓ_i² to the scaled squared distance, as Optuna's
 * GPSampler does for categorical parameters (optuna/_gp/gp.py, Matérn 5/2 over a mixed distance).
 *
 * Integers reach the kernel as the centres of their cells on the normalized scale (see src/space/param-scale.ts),
 * so two integers k and k + 1 of a range of c values are 1/c apart: distances live on the integer grid.
 *
 * Conditional numeric dims carry NaN where the parameter is inactive and use the arc embedding of Swersky,
 * Duvenaud, Snoek, Hutter & Osborne, "Raiders of the lost architecture: kernels for Bayesian optimization in
 * conditional parameter spaces" (2014), after Hutter & Osborne (2013): an active value x maps to the point
 * ω·(cos θx, sin θx) of the plane and an inactive one to the origin, and the squared difference is the squared
 * distance between the images —
 *
 *   both active: 2ω²(1 − cos θ(x − x')),   one active: ω²,   both inactive: 0.
 *
 * Two points where the parameter is inactive do not differ in it, and an inactive point is equally far from every
 * active value. Because this is a Euclidean distance (in the plane, under one length scale), Matérn of it stays
 * positive definite; fixing "one active" at a constant while keeping (x − x')² between active values would
 * not be (no point of a Euclidean space is equidistant from three points of a line). With θ = π/2 and ω = 2/π
 * the embedding agrees with (x − x')² for small differences (2ω²(1 − cos θΔ) ≈ ω²θ²Δ² = Δ²) and shrinks the
 * largest one to 8/π² ≈ 0.81; an inactive point is 4/π² ≈ 0.41 from every active value.
 */
const ARC_ANGLE = Math.PI / 2;
export const ARC_RADIUS_SQUARED = 4 / (Math.PI * Math.PI);

/** The arc-embedding squared difference of one conditional coordinate (NaN = inactive). */
export function arcSquaredDifference(a: number, b: number): number {
  const aInactive = a !== a;
  const bInactive = b !== b;
  if (aInactive || bInactive) return aInactive && bInactive ? 0 : ARC_RADIUS_SQUARED;
  return 2 * ARC_RADIUS_SQUARED * (1 - Math.cos(ARC_ANGLE * (a - b)));
}

function squaredDifference(a: number, b: number, categorical: boolean, conditional: boolean): number {
  if (categorical) return a === b ? 0 : 1;
  if (conditional) return arcSquaredDifference(a, b);
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
  conditional?: readonly boolean[],
): Float64Array {
  const pairs = pairCount(n);
  const out = new Float64Array(pairs * d);
  for (let i = 0; i < d; i++) {
    const base = i * pairs;
    const arc = conditional?.[i] ?? false;
    let pair = 0;
    for (let a = 1; a < n; a++) {
      for (let b = 0; b < a; b++, pair++) out[base + pair] = squaredDifference(x[a * d + i], x[b * d + i], categorical[i], arc);
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
  conditional?: readonly boolean[],
): number {
  let sum = 0;
  const pOffset = pRow * d;
  const qOffset = qRow * d;
  for (let i = 0; i < d; i++) {
    sum += squaredDifference(p[pOffset + i], q[qOffset + i], categorical[i], conditional?.[i] ?? false) * inverseSquaredLengthscales[i];
  }
  return sum;
}
