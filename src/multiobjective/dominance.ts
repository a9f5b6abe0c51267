/**
 * Pareto dominance for minimized objectives: row i dominates row j when it is no worse in every objective and
 * strictly better in at least one. Identical rows do not dominate each other. Cost O(m).
 *
 * @param values n x m, row-major.
 */
export function dominates(values: Float64Array, i: number, j: number, m: number): boolean {
  const rowI = i * m;
  const rowJ = j * m;
  let strictlyBetter = false;
  for (let objective = 0; objective < m; objective++) {
    const a = values[rowI + objective];
    const b = values[rowJ + objective];
    if (!(a <= b)) return false; // also false when either is NaN
    if (a < b) strictlyBetter = true;
  }
  return strictlyBetter;
}

/** Whether row i has a NaN in any objective; such rows are never on a front and never dominate. Cost O(m). */
export function hasMissingValue(values: Float64Array, i: number, m: number): boolean {
  for (let objective = 0; objective < m; objective++) if (Number.isNaN(values[i * m + objective])) return true;
  return false;
}

/** Row indices sorted by the first objective, ties by the second (2-D sweeps start from this). O(n log n). */
export function indicesSortedByFirstThenSecond(values: Float64Array, rows: number[], m: number): number[] {
  return rows.sort((i, j) => values[i * m] - values[j * m] || values[i * m + 1] - values[j * m + 1] || i - j);
}
