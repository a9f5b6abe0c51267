import { hypervolume2d } from '../../src/multiobjective/hypervolume-2d.js';
import { dtlz2 } from './dtlz2.js';

/**
 * The geometry of DTLZ2's two-objective front, to tell apart the two ways a finite point set falls short of the
 * maximum hypervolume: distance (a point at x has objectives (1 + g(x))·(cos θ, sin θ) with θ = x₁π/2, so g > 0
 * moves it out along its ray) and coverage (finitely many points on the quarter circle leave a staircase
 * between them and the arc, largest where the ends are missed).
 */

/** DTLZ2's distance function g(x) = Σ_{i≥2} (x_i − 1/2)², 0 exactly on the front. Cost O(d). */
export function dtlz2Distance(x: ArrayLike<number>): number {
  let g = 0;
  for (let i = 1; i < x.length; i++) g += (x[i] - 0.5) * (x[i] - 0.5);
  return g;
}

/**
 * Hypervolume against `ref` of the points radius·(cos θ, sin θ) for each angle θ (radians, [0, π/2]): the
 * objectives of DTLZ2 recipes with x₁ = 2θ/π, all at distance g = radius − 1. Cost O(n log n).
 */
export function arcHypervolume(angles: readonly number[], radius: number, ref: readonly [number, number] = dtlz2.refPoint): number {
  const points = new Float64Array(2 * angles.length);
  angles.forEach((angle, i) => {
    points[2 * i] = radius * Math.cos(angle);
    points[2 * i + 1] = radius * Math.sin(angle);
  });
  return hypervolume2d(points, angles.length, ref);
}

/**
 * The largest hypervolume of `count` points on the arc of `radius` (radius ≤ ref), and their angles, ascending:
 * the optimal μ-distribution of Auger, Bader, Brockhoff & Zitzler ("Theory of the hypervolume indicator: optimal
 * μ-distributions and the choice of the reference point", FOGA 2009) for this front.
 *
 * With the angles ascending (first objective descending), the hypervolume is a sum over consecutive pairs,
 * Σ_i (r·cos θ_{i−1} − r·cos θ_i)·(ref₁ − r·sin θ_i) with r·cos θ_0 = ref₀, so dynamic programming over a grid of
 * GRID_STEPS + 1 angles finds the best grid placement globally (a point's exclusive box can have two local
 * maxima, which defeats a local search from an arbitrary start). Each angle is then refined by golden-section
 * search within one grid step, between its neighbours, sweeping until none moves by 1e-12 rad.
 * Cost O(count·GRID_STEPS²) ≈ count·10⁶.
 */
export function bestArcHypervolume(
  count: number,
  radius = 1,
  ref: readonly [number, number] = dtlz2.refPoint,
): { hypervolume: number; angles: number[] } {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (!(radius > 0 && radius <= Math.min(ref[0], ref[1]))) {
    throw new RangeError(`radius must be positive and at most the reference point's coordinates, got ${radius}`);
  }
  const steps = GRID_STEPS;
  const step = Math.PI / 2 / steps;
  const first = Float64Array.from({ length: steps + 1 }, (_, j) => radius * Math.cos(j * step));
  const second = Float64Array.from({ length: steps + 1 }, (_, j) => radius * Math.sin(j * step));
  // best[j]: the largest hypervolume of k points whose largest angle is grid angle j; from[k][j] its predecessor.
  let best = Float64Array.from({ length: steps + 1 }, (_, j) => (ref[0] - first[j]) * (ref[1] - second[j]));
  const from: Int32Array[] = [];
  for (let k = 1; k < count; k++) {
    const next = new Float64Array(steps + 1).fill(-Infinity);
    const previous = new Int32Array(steps + 1).fill(-1);
    for (let j = k; j <= steps; j++) {
      const height = ref[1] - second[j];
      let value = -Infinity;
      let argument = -1;
      for (let i = k - 1; i < j; i++) {
        const candidate = best[i] + (first[i] - first[j]) * height;
        if (candidate > value) {
          value = candidate;
          argument = i;
        }
      }
      next[j] = value;
      previous[j] = argument;
    }
    best = next;
    from.push(previous);
  }
  let last = 0;
  for (let j = 1; j <= steps; j++) if (best[j] > best[last]) last = j;
  const grid = [last];
  for (let k = from.length - 1; k >= 0; k--) grid.unshift(from[k][grid[0]]);
  const angles = grid.map((j) => j * step);

  // Moving one point changes only its exclusive box: first objective below `right` (the neighbour at the smaller
  // angle, or ref₀) and second below `top` (the neighbour at the larger angle, or ref₁).
  const exclusive = (angle: number, right: number, top: number) =>
    Math.max(0, right - radius * Math.cos(angle)) * Math.max(0, top - radius * Math.sin(angle));
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let largestMove = 0;
    for (let i = 0; i < count; i++) {
      const right = i === 0 ? ref[0] : radius * Math.cos(angles[i - 1]);
      const top = i === count - 1 ? ref[1] : radius * Math.sin(angles[i + 1]);
      let a = Math.max(i === 0 ? 0 : angles[i - 1], angles[i] - step);
      let b = Math.min(i === count - 1 ? Math.PI / 2 : angles[i + 1], angles[i] + step);
      while (b - a > 1e-14) {
        const lower = b - ratio * (b - a);
        const upper = a + ratio * (b - a);
        if (exclusive(lower, right, top) < exclusive(upper, right, top)) a = lower;
        else b = upper;
      }
      const moved = (a + b) / 2;
      if (exclusive(moved, right, top) > exclusive(angles[i], right, top)) {
        largestMove = Math.max(largestMove, Math.abs(moved - angles[i]));
        angles[i] = moved;
      }
    }
    if (largestMove < 1e-12) break;
  }
  return { hypervolume: arcHypervolume(angles, radius, ref), angles };
}

/** Grid steps over [0, π/2] of bestArcHypervolume's global stage. */
const GRID_STEPS = 720;

/**
 * The hypervolume of infinitely many points on the arc of `radius`: the reference box minus the quarter disc,
 * ref₀·ref₁ − π·radius²/4 (radius ≤ min(ref)). At radius 1 this is DTLZ2's maximum hypervolume.
 */
export function arcLimitHypervolume(radius: number, ref: readonly [number, number] = dtlz2.refPoint): number {
  return ref[0] * ref[1] - (Math.PI * radius * radius) / 4;
}

/**
 * The largest distance g at which `count` best-placed points, all at that distance, still reach `share` of
 * DTLZ2's maximum hypervolume (count = Infinity: the whole arc), by bisection on g to 1e-9; 0 when even the
 * front itself falls short. Cost O(30 · bestArcHypervolume(count)).
 */
export function largestDistanceForShare(count: number, share: number): number {
  const target = share * dtlz2.maxHypervolume;
  const at = (g: number) => (count === Infinity ? arcLimitHypervolume(1 + g) : bestArcHypervolume(count, 1 + g).hypervolume);
  if (at(0) < target) return 0;
  let low = 0;
  let high = Math.min(...dtlz2.refPoint) - 1;
  while (high - low > 1e-9) {
    const middle = (low + high) / 2;
    if (at(middle) >= target) low = middle;
    else high = middle;
  }
  return low;
}

/** The fewest points on DTLZ2's front whose best placement reaches `share` of the maximum hypervolume (share < 1). */
export function smallestCountForShare(share: number): number {
  if (!(share > 0 && share < 1)) throw new RangeError(`share must lie in (0, 1), got ${share}`);
  let count = 1;
  while (bestArcHypervolume(count).hypervolume < share * dtlz2.maxHypervolume) count++;
  return count;
}
