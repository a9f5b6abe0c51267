import { indicesSortedByFirstThenSecond } from './dominance.js';

/**
 * Exact hypervolume of n points in two minimized objectives: the area of the region they dominate inside the
 * box below `ref`. Points that do not strictly dominate `ref` (or hold NaN) add nothing. A sweep over the
 * points sorted by the first objective, O(n log n).
 *
 * @param points n x 2, row-major.
 */
export function hypervolume2d(points: Float64Array, n: number, ref: readonly [number, number]): number {
  if (!Number.isInteger(n) || n < 0 || points.length < 2 * n) {
    throw new RangeError(`points must hold n x 2 = ${n} x 2 numbers, got ${points.length}`);
  }
  const inside: number[] = [];
  for (let i = 0; i < n; i++) if (points[2 * i] < ref[0] && points[2 * i + 1] < ref[1]) inside.push(i);
  indicesSortedByFirstThenSecond(points, inside, 2);
  // Sweeping right to left, each point that lowers the running minimum of the second objective adds the
  // rectangle between itself, the previous step and the reference point.
  let area = 0;
  let lowestSecond = ref[1];
  for (const i of inside) {
    const second = points[2 * i + 1];
    if (second < lowestSecond) {
      area += (ref[0] - points[2 * i]) * (lowestSecond - second);
      lowestSecond = second;
    }
  }
  return area;
}
