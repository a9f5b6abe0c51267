import { indicesSortedByFirstThenSecond } from './dominance.js';

/** The non-dominated points inside a reference box, as a staircase: first strictly up, second strictly down. */
export interface Staircase2d {
  /** Number of steps k. */
  count: number;
  /** k values of the first objective, strictly increasing. */
  first: Float64Array;
  /** k values of the second objective, strictly decreasing. */
  second: Float64Array;
}

/**
 * The points that strictly dominate `ref` and are not dominated by another such point (duplicates once),
 * sorted by the first objective; both objectives minimized. Points with NaN are ignored. O(n log n).
 *
 * @param points n x 2, row-major.
 */
export function staircaseInsideReference(points: Float64Array, n: number, ref: readonly [number, number]): Staircase2d {
  if (!Number.isInteger(n) || n < 0 || points.length < 2 * n) {
    throw new RangeError(`points must hold n x 2 = ${n} x 2 numbers, got ${points.length}`);
  }
  const inside: number[] = [];
  for (let i = 0; i < n; i++) if (points[2 * i] < ref[0] && points[2 * i + 1] < ref[1]) inside.push(i);
  indicesSortedByFirstThenSecond(points, inside, 2);
  const first = new Float64Array(inside.length);
  const second = new Float64Array(inside.length);
  let count = 0;
  let lowestSecond = ref[1];
  for (const i of inside) {
    if (points[2 * i + 1] < lowestSecond) {
      lowestSecond = points[2 * i + 1];
      first[count] = points[2 * i];
      second[count] = lowestSecond;
      count++;
    }
  }
  return { count, first: first.subarray(0, count), second: second.subarray(0, count) };
}
