import { arcSquaredDifference } from './input-distances.js';

// A module-local constant: V8 folds it into the hot loop, while an imported binding is re-read on every use
// (measured: the kernel loop ran 2x slower with SQRT5 imported from matern52.ts).
const SQRT5 = Math.sqrt(5);

/**
 * Which dims are numeric, categorical and conditional numeric (NaN where inactive), as index lists for the
 * distance loops. Conditional dims are kept out of the four-at-a-time numeric loop, so a space without them
 * runs that loop exactly as before.
 */
export interface DimensionLayout {
  numeric: Int32Array;
  categorical: Int32Array;
  conditional: Int32Array;
}

export function dimensionLayout(categorical: readonly boolean[], conditional?: readonly boolean[]): DimensionLayout {
  const numeric: number[] = [];
  const hamming: number[] = [];
  const arc: number[] = [];
  categorical.forEach((flag, i) => (flag ? hamming : conditional?.[i] ? arc : numeric).push(i));
  return { numeric: Int32Array.from(numeric), categorical: Int32Array.from(hamming), conditional: Int32Array.from(arc) };
}

/**
 * Covariances σ_f²·Matérn52(r²) between query rows [start, start + rows) of xq (· x d row-major) and the n
 * training points x (n x d row-major), into out (rows x n row-major).
 *
 * r² = Σ_numeric (Δ_i/ℓ_i)² + Σ_categorical [x_i ≠ x'_i]/ℓ_i² + Σ_conditional δ_i/ℓ_i², δ_i the arc
 * embedding's squared difference of input-distances.ts (NaN = inactive). Numeric dims are taken four at a time with the
 * query's values and weights held in locals (a missing fourth dim gets weight 0), so each training point
 * costs one pass per four dims instead of a load and store of its running r² per dim (measured about 1.3x
 * faster in V8 than one pass per dim).
 *
 * Cost: rows·n·(d + one exp and one sqrt).
 */
export function crossCovarianceRows(
  xq: Float64Array,
  start: number,
  rows: number,
  x: Float64Array,
  n: number,
  d: number,
  layout: DimensionLayout,
  inverseSquaredLengthscales: Float64Array,
  signalVariance: number,
  out: Float64Array,
): void {
  const { numeric, categorical, conditional } = layout;
  for (let r = 0; r < rows; r++) {
    const queryOffset = (start + r) * d;
    const row = r * n;
    if (numeric.length === 0) out.fill(0, row, row + n);
    for (let c = 0; c < numeric.length; c += 4) {
      const i0 = numeric[c];
      const i1 = c + 1 < numeric.length ? numeric[c + 1] : i0;
      const i2 = c + 2 < numeric.length ? numeric[c + 2] : i0;
      const i3 = c + 3 < numeric.length ? numeric[c + 3] : i0;
      addWeightedSquaredDistances(
        x, n, d, i0, i1, i2, i3,
        xq[queryOffset + i0], xq[queryOffset + i1], xq[queryOffset + i2], xq[queryOffset + i3],
        inverseSquaredLengthscales[i0],
        c + 1 < numeric.length ? inverseSquaredLengthscales[i1] : 0,
        c + 2 < numeric.length ? inverseSquaredLengthscales[i2] : 0,
        c + 3 < numeric.length ? inverseSquaredLengthscales[i3] : 0,
        out, row, c === 0,
      );
    }
    for (let c = 0; c < categorical.length; c++) {
      const i = categorical[c];
      const value = xq[queryOffset + i];
      const weight = inverseSquaredLengthscales[i];
      for (let a = 0; a < n; a++) if (x[a * d + i] !== value) out[row + a] += weight;
    }
    for (let c = 0; c < conditional.length; c++) {
      const i = conditional[c];
      addConditionalDistances(x, n, d, i, xq[queryOffset + i], inverseSquaredLengthscales[i], out, row);
    }
  }
  maternInPlace(out, rows * n, signalVariance);
}

/** out[row + a] (+)= Σ_j w_j·(x[a·d + i_j] − q_j)² over four dims, for every training point a. */
function addWeightedSquaredDistances(
  x: Float64Array,
  n: number,
  d: number,
  i0: number,
  i1: number,
  i2: number,
  i3: number,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  out: Float64Array,
  row: number,
  overwrite: boolean,
): void {
  for (let a = 0; a < n; a++) {
    const offset = a * d;
    const e0 = x[offset + i0] - q0;
    const e1 = x[offset + i1] - q1;
    const e2 = x[offset + i2] - q2;
    const e3 = x[offset + i3] - q3;
    const sum = w0 * e0 * e0 + w1 * e1 * e1 + w2 * e2 * e2 + w3 * e3 * e3;
    out[row + a] = overwrite ? sum : out[row + a] + sum;
  }
}

/** out[row + a] += w·δ(x[a·d + i], q) with the arc embedding's δ of input-distances.ts (NaN = inactive). */
function addConditionalDistances(
  x: Float64Array,
  n: number,
  d: number,
  i: number,
  q: number,
  w: number,
  out: Float64Array,
  row: number,
): void {
  for (let a = 0; a < n; a++) out[row + a] += w * arcSquaredDifference(x[a * d + i], q);
}

/** Replaces each of the first `count` entries r² of `values` by σ_f²·Matérn52(r²). */
function maternInPlace(values: Float64Array, count: number, signalVariance: number): void {
  for (let k = 0; k < count; k++) {
    const r2 = values[k];
    const r = Math.sqrt(r2);
    values[k] = signalVariance * (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
  }
}
