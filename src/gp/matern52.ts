const SQRT5 = Math.sqrt(5);

/**
 * Matérn 5/2 correlation as a function of the scaled squared distance r² = Σ_i Δ_i² / ℓ_i²
 * (Rasmussen & Williams, Gaussian Processes for Machine Learning, 2006, eq. 4.17):
 *
 *   k(r) = (1 + √5·r + 5r²/3) · exp(−√5·r).
 *
 * Unit signal variance; multiply by the signal variance for a covariance. Cost: one sqrt and one exp.
 */
export function matern52(squaredDistance: number): number {
  const r = Math.sqrt(squaredDistance);
  return (1 + SQRT5 * r + (5 / 3) * squaredDistance) * Math.exp(-SQRT5 * r);
}
