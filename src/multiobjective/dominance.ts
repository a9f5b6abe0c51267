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

/**
 * Sorts row indices in place by the first objective, ties by the second, then by index (2-D sweeps start from
 * this), and returns them. Insertion sort for short lists, where it beats a comparator sort several times over
 * (hypervolume of a small front is called in inner loops); O(n log n) otherwise.
 */
export function indicesSortedByFirstThenSecond(values: Float64Array, rows: number[], m: number): number[] {
  const comesBefore = (i: number, j: number): boolean => {
    const a = values[i * m];
    const b = values[j * m];
    if (a !== b) return a < b;
    const c = values[i * m + 1];
    const d = values[j * m + 1];
    return c !== d ? c < d : i < j;
  };
  if (rows.length <= 32) {
    for (let position = 1; position < rows.length; position++) {
      const row = rows[position];
      let slot = position;
      while (slot > 0 && comesBefore(row, rows[slot - 1])) {
        rows[slot] = rows[slot - 1];
        slot--;
      }
      rows[slot] = row;
    }
    return rows;
  }
  return rows.sort((i, j) => (comesBefore(i, j) ? -1 : comesBefore(j, i) ? 1 : 0));
}
