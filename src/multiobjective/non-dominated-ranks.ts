import { dominates, hasMissingValue, indicesSortedByFirstThenSecond } from './dominance.js';
import { checkShape } from './pareto-front.js';

/**
 * Non-dominated sorting, all objectives minimized: rank 0 is the Pareto front, rank 1 the front of what is
 * left, and so on (Deb, Pratap, Agarwal & Meyarivan, "A fast and elitist multiobjective genetic algorithm:
 * NSGA-II", IEEE TEVC 2002). Rows containing NaN get one rank past the last front.
 *
 * Two objectives: a sweep in O(n log n) (each rank keeps its row with the lowest second objective, and the
 * first rank whose such row does not dominate the next row is found by bisection). More objectives: Deb's
 * fast non-dominated sort, O(m·n²) time and O(n²) memory in the worst case.
 *
 * @param values n x m, row-major.
 * @returns n ranks.
 */
export function nonDominatedRanks(values: Float64Array, n: number, m: number): Int32Array {
  checkShape(values, n, m);
  return m === 2 ? nonDominatedRanks2d(values, n) : nonDominatedRanksPairwise(values, n, m);
}

function nonDominatedRanks2d(values: Float64Array, n: number): Int32Array {
  const ranks = new Int32Array(n);
  const rows: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < n; i++) (hasMissingValue(values, i, 2) ? missing : rows).push(i);
  indicesSortedByFirstThenSecond(values, rows, 2);
  // tailFirst[r], tailSecond[r]: the row of rank r with the lowest second objective so far. Rows arrive with
  // non-decreasing first objective, so that row dominates the new one iff it has a lower second objective, or
  // an equal one and a lower first. If rank r's tail dominates a row, so does rank r−1's: bisection applies.
  const tailFirst: number[] = [];
  const tailSecond: number[] = [];
  for (const i of rows) {
    const first = values[2 * i];
    const second = values[2 * i + 1];
    let low = 0;
    let high = tailSecond.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const tailDominates =
        tailSecond[middle] < second || (tailSecond[middle] === second && tailFirst[middle] < first);
      if (tailDominates) low = middle + 1;
      else high = middle;
    }
    tailFirst[low] = first;
    tailSecond[low] = second;
    ranks[i] = low;
  }
  for (const i of missing) ranks[i] = tailSecond.length;
  return ranks;
}

/** Deb's fast non-dominated sort for any m, O(m·n²). Exported so that the 2-D sweep can be tested against it. */
export function nonDominatedRanksPairwise(values: Float64Array, n: number, m: number): Int32Array {
  const ranks = new Int32Array(n);
  const dominatedBy = new Int32Array(n); // how many rows dominate row i
  const dominatedRows: number[][] = Array.from({ length: n }, () => []);
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (hasMissingValue(values, i, m)) {
      missing.push(i);
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      if (dominates(values, i, j, m)) {
        dominatedRows[i].push(j);
        dominatedBy[j]++;
      } else if (dominates(values, j, i, m)) {
        dominatedRows[j].push(i);
        dominatedBy[i]++;
      }
    }
  }
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (dominatedBy[i] === 0 && !hasMissingValue(values, i, m)) current.push(i);
  let rank = 0;
  while (current.length > 0) {
    const next: number[] = [];
    for (const i of current) {
      ranks[i] = rank;
      for (const j of dominatedRows[i]) if (--dominatedBy[j] === 0) next.push(j);
    }
    current = next;
    rank++;
  }
  for (const i of missing) ranks[i] = rank;
  return ranks;
}
