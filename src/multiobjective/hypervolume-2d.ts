import { staircaseInsideReference } from './staircase-2d.js';

/**
 * Exact hypervolume of n points in two minimized objectives: the area of the region they dominate inside the
 * box below `ref`. Points that do not strictly dominate `ref` (or hold NaN) add nothing. A sweep over the
 * points sorted by the first objective, O(n log n).
 *
 * @param points n x 2, row-major.
 */
export function hypervolume2d(points: Float64Array, n: number, ref: readonly [number, number]): number {
  const { count, first, second } = staircaseInsideReference(points, n, ref);
  let area = 0;
  for (let i = 0; i < count; i++) {
    const nextFirst = i + 1 < count ? first[i + 1] : ref[0];
    area += (nextFirst - first[i]) * (ref[1] - second[i]);
  }
  return area;
}
