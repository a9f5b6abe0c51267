import type { Rng } from '../random/rng.js';

export interface PerturbationOptions {
  /** Standard deviations of the Gaussian moves, cycled through (in units of the box side). */
  readonly scales?: readonly number[];
  /** Mean number of coordinates moved per candidate (at least one always moves). */
  readonly meanMovedCoordinates?: number;
}

/**
 * Candidates near `anchors` (`a x d`, row-major): each moves a random subset of coordinates by a Gaussian step
 * and clips to [0,1]. Clipping is deliberate: it puts a share of the candidates exactly on the box's faces,
 * where optima of benchmark-like problems (and of real ones, at a parameter's bound) often sit. Local moves
 * around the current best recipes are what the acquisition's maximum is usually next to (the "TuRBO"-style
 * trust-region sampling of Eriksson et al. 2019 uses the same idea of perturbing a subset of coordinates).
 * Returns `count x d`. Cost O(count·d).
 */
export function perturbationCandidates(
  anchors: Float64Array,
  anchorCount: number,
  d: number,
  count: number,
  rng: Rng,
  options: PerturbationOptions = {},
): Float64Array {
  const scales = options.scales ?? [0.02, 0.08, 0.25];
  const movedProbability = Math.min(1, (options.meanMovedCoordinates ?? Math.min(d, 3)) / Math.max(d, 1));
  const out = new Float64Array(count * d);
  if (anchorCount === 0 || d === 0) {
    for (let i = 0; i < out.length; i++) out[i] = rng.next();
    return out;
  }
  for (let i = 0; i < count; i++) {
    const anchor = i % anchorCount;
    const scale = scales[Math.floor(i / anchorCount) % scales.length];
    const forced = rng.int(d);
    for (let j = 0; j < d; j++) {
      let value = anchors[anchor * d + j];
      if (j === forced || rng.next() < movedProbability) value += scale * rng.normal();
      out[i * d + j] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
  return out;
}
