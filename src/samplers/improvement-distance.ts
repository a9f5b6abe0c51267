/**
 * How many predictive standard deviations a prediction must move (towards better values in every objective at
 * once) before it would improve the hypervolume of `front` below `ref`: the smallest t ≥ 0 such that
 * mean − t·sd is strictly better than `ref` and not dominated by any front point. Zero when the mean already
 * improves. Used to rank candidates where the expected improvement underflows to 0 (every candidate looks
 * equally hopeless to EHVI, yet some are much closer than others); the same idea as ranking by the upper
 * confidence bound needed to improve. All objectives minimized. Cost O(k·m) for k front points.
 *
 * @param front k x m, row-major.
 * @param mean m values; @param sd m values (≤ 0 means certain: then t is 0 or +∞).
 */
export function standardDeviationsToImprove(
  front: Float64Array,
  k: number,
  ref: readonly number[],
  mean: ArrayLike<number>,
  sd: ArrayLike<number>,
): number {
  const m = ref.length;
  // The point must get strictly inside the reference box: t > (mean_j − ref_j)/sd_j for every j.
  let needed = 0;
  for (let j = 0; j < m; j++) needed = Math.max(needed, stepsToReach(mean[j] - ref[j], sd[j]));
  // Front point f dominates mean − t·sd while every coordinate stays ≥ f_j, i.e. while t ≤ min_j (mean_j − f_j)/sd_j.
  for (let i = 0; i < k; i++) {
    let dominatedUntil = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) dominatedUntil = Math.min(dominatedUntil, stepsToReach(mean[j] - front[i * m + j], sd[j]));
    needed = Math.max(needed, dominatedUntil);
  }
  return needed;
}

function stepsToReach(gap: number, sd: number): number {
  if (gap < 0) return 0;
  if (!(sd > 0)) return gap === 0 ? 0 : Number.POSITIVE_INFINITY;
  return gap / sd;
}
