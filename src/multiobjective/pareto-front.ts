import { dominates, hasMissingValue, indicesSortedByFirstThenSecond } from './dominance.js';

/**
 * Indices (ascending) of the rows that no other row dominates, all objectives minimized. Identical rows are
 * all kept; rows containing NaN are never on the front.
 *
 * Two objectives use a sweep over the rows sorted by the first objective, O(n log n); more objectives use the
 * pairwise check, O(m·n²).
 *
 * @param values n x m, row-major.
 */
export function paretoFrontIndices(values: Float64Array, n: number, m: number): number[] {
  checkShape(values, n, m);
  const onFront = m === 2 ? paretoMask2d(values, n) : paretoMaskPairwise(values, n, m);
  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (onFront[i]) indices.push(i);
  return indices;
}

/** The pairwise definition, any m. O(m·n²). Exported so that the 2-D sweep can be tested against it. */
export function paretoMaskPairwise(values: Float64Array, n: number, m: number): Uint8Array {
  const onFront = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (hasMissingValue(values, i, m)) continue;
    let dominated = false;
    for (let j = 0; j < n && !dominated; j++) dominated = j !== i && dominates(values, j, i, m);
    onFront[i] = dominated ? 0 : 1;
  }
  return onFront;
}

function paretoMask2d(values: Float64Array, n: number): Uint8Array {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!hasMissingValue(values, i, 2)) rows.push(i);
  indicesSortedByFirstThenSecond(values, rows, 2);
  const onFront = new Uint8Array(n);
  // Every earlier row has first objective ≤ this one's, so this row is dominated exactly when some earlier
  // row has second objective ≤ its own and differs from it; the earliest row holding the running minimum of
  // the second objective decides.
  let bestSecond = Number.NaN;
  let bestFirst = Number.NaN;
  for (const i of rows) {
    const first = values[2 * i];
    const second = values[2 * i + 1];
    if (Number.isNaN(bestSecond) || second < bestSecond) {
      bestSecond = second;
      bestFirst = first;
      onFront[i] = 1;
    } else if (second === bestSecond && first === bestFirst) {
      onFront[i] = 1; // a duplicate of a front row
    }
  }
  return onFront;
}

function checkShape(values: Float64Array, n: number, m: number): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 1 || values.length < n * m) {
    throw new RangeError(`values must hold n x m = ${n} x ${m} numbers, got ${values.length}`);
  }
}
