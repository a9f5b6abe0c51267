import { staircaseInsideReference } from '../multiobjective/staircase-2d.js';
import * as shortfall from './expected-shortfall.js';

// Local copies: imported bindings are read through getters once tsx or vite transpile the module, which
// doubled the cost of the inner loop below (CPU profile).
const expectedShortfall = shortfall.expectedShortfall;
const NEGLIGIBLE_STANDARD_SCORE = shortfall.NEGLIGIBLE_STANDARD_SCORE;

/**
 * Exact expected hypervolume improvement (EHVI) for two minimized objectives with independent Gaussian
 * predictions Y₁ ~ N(mean1, sd1²), Y₂ ~ N(mean2, sd2²), for m candidates at once.
 *
 * The region that a new point can add is cut into k + 1 vertical strips (the cells of the current front):
 * with the front points that strictly dominate `ref` sorted as a₁ < … < a_k (first objective) and
 * b₁ > … > b_k (second), strip i (i = 0 … k) is [a_i, a_{i+1}) × (−∞, b_i) with a₀ = −∞, a_{k+1} = ref₁,
 * b₀ = ref₂. A point y adds |[max(y₁, a_i), a_{i+1})| · (b_i − y₂)⁺ inside strip i, and the two factors are
 * independent, so (the 2-D case of the box-decomposition formula of Yang, Emmerich, Deutz & Bäck,
 * "Efficient computation of expected hypervolume improvement using box decomposition algorithms",
 * J. Glob. Optim. 75 (2019); equivalently the strip sum of Emmerich, Deutz & Klinkenberg, CEC 2011, and
 * Emmerich, Yang, Deutz, Wang & Fonseca 2016):
 *
 *   EHVI = Σ_{i=0..k} [ψ₁(a_{i+1}) − ψ₁(a_i)] · ψ₂(b_i),
 *   ψ_j(c) = E[(c − Y_j)⁺] = σ_j φ((c − μ_j)/σ_j) + (c − μ_j) Φ((c − μ_j)/σ_j)   (ψ(c, c, μ, σ) in Emmerich's
 *   notation),  ψ_j(−∞) = 0,
 *
 * using E[|[max(y₁, a_i), a_{i+1})|] = E[(a_{i+1} − Y₁)⁺] − E[(a_i − Y₁)⁺]. With sd = 0 the same formula gives
 * the exact (deterministic) hypervolume improvement; with an empty front it is ψ₁(ref₁)·ψ₂(ref₂), the
 * expected volume of the box between the prediction and `ref`. Candidates beyond `ref` get the small positive
 * value their tails give.
 *
 * Cost: O(k log k) to sort the front once, then O(k) per candidate with one exp per ψ — fewer where strips lie
 * more than 40 standard deviations below a prediction (their terms underflow to 0 and are skipped by
 * bisection). No allocation per candidate.
 *
 * @param front k x 2, row-major, any order; dominated points and points not strictly dominating `ref` are
 *   tolerated and contribute nothing.
 * @param mean1 m predicted means of objective 1 (mean2, sd1, sd2 likewise, each of length m). sd ≤ 0 means a
 *   certain prediction; NaN in a candidate's inputs gives NaN for that candidate.
 * @returns m expected improvements (≥ 0).
 */
export function expectedHypervolumeImprovement2d(
  front: Float64Array,
  k: number,
  ref: readonly [number, number],
  mean1: Float64Array,
  sd1: Float64Array,
  mean2: Float64Array,
  sd2: Float64Array,
): Float64Array {
  const candidates = mean1.length;
  if (sd1.length !== candidates || mean2.length !== candidates || sd2.length !== candidates) {
    throw new RangeError(
      `mean1, sd1, mean2, sd2 must have one length, got ${candidates}, ${sd1.length}, ${mean2.length}, ${sd2.length}`,
    );
  }
  const { count, first, second } = staircaseInsideReference(front, k, ref);
  // Strip i spans [lower1(i), upper1(i)) × (−∞, upper2(i)).
  const upper1 = new Float64Array(count + 1); // a₁ … a_k, ref₁
  const upper2 = new Float64Array(count + 1); // ref₂, b₁ … b_k
  upper1.set(first);
  upper1[count] = ref[0];
  upper2[0] = ref[1];
  upper2.set(second, 1);

  const result = new Float64Array(candidates);
  for (let c = 0; c < candidates; c++) {
    const mu1 = mean1[c];
    const sigma1 = sd1[c] > 0 ? sd1[c] : 0;
    const mu2 = mean2[c];
    const sigma2 = sd2[c] > 0 ? sd2[c] : 0;
    if (Number.isNaN(mu1 + sigma1 + mu2 + sigma2)) {
      result[c] = Number.NaN;
      continue;
    }
    // Strips whose right edge lies far below Y₁'s distribution, or whose top lies far below Y₂'s, add 0.
    const firstStrip = firstIndexAtLeast(upper1, mu1 + NEGLIGIBLE_STANDARD_SCORE * sigma1);
    const lastStrip = lastIndexAtLeastDescending(upper2, mu2 + NEGLIGIBLE_STANDARD_SCORE * sigma2);
    let total = 0;
    let shortfallAtLeft = firstStrip === 0 ? 0 : expectedShortfall(upper1[firstStrip - 1], mu1, sigma1);
    for (let i = firstStrip; i <= lastStrip; i++) {
      const shortfallAtRight = expectedShortfall(upper1[i], mu1, sigma1);
      const width = shortfallAtRight - shortfallAtLeft;
      if (width > 0) total += width * expectedShortfall(upper2[i], mu2, sigma2);
      shortfallAtLeft = shortfallAtRight;
    }
    result[c] = total;
  }
  return result;
}

/** Smallest i with sortedAscending[i] ≥ value (length if none). O(log n). */
function firstIndexAtLeast(sortedAscending: Float64Array, value: number): number {
  let low = 0;
  let high = sortedAscending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedAscending[middle] >= value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Largest i with sortedDescending[i] ≥ value (−1 if none). O(log n). */
function lastIndexAtLeastDescending(sortedDescending: Float64Array, value: number): number {
  let low = 0;
  let high = sortedDescending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedDescending[middle] >= value) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}
