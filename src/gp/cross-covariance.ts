import { SQRT5 } from './matern52.js';

/** Training inputs x (n x d row-major) transposed to d x n, so each dim's n values are contiguous. Cost: n·d. */
export function transposeInputs(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(d * n);
  for (let a = 0; a < n; a++) for (let i = 0; i < d; i++) out[i * n + a] = x[a * d + i];
  return out;
}

/** d flags as bytes (1 = categorical), cheaper to test in inner loops than a boolean[]. */
export function categoricalMask(categorical: readonly boolean[]): Uint8Array {
  return Uint8Array.from(categorical, (flag) => (flag ? 1 : 0));
}

/**
 * Covariances σ_f²·Matérn52(r²) between query rows [start, start + rows) of xq (· x d row-major) and the n
 * training points, into out (rows x n row-major); returns nothing. r² sums (Δ_i²  or the Hamming indicator on
 * categorical dims) / ℓ_i² dim by dim over contiguous training columns (xTransposed, d x n), which V8 runs
 * about twice as fast as one short d-loop per pair. `scratch` has length ≥ n.
 *
 * Cost: rows·n·(d + one exp and one sqrt).
 */
export function crossCovarianceRows(
  xq: Float64Array,
  start: number,
  rows: number,
  xTransposed: Float64Array,
  n: number,
  d: number,
  categorical: Uint8Array,
  inverseSquaredLengthscales: Float64Array,
  signalVariance: number,
  out: Float64Array,
  scratch: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    const squaredDistance = scratch;
    squaredDistance.fill(0, 0, n);
    const queryOffset = (start + r) * d;
    for (let i = 0; i < d; i++) {
      const value = xq[queryOffset + i];
      const weight = inverseSquaredLengthscales[i];
      const column = i * n;
      if (categorical[i] === 1) {
        for (let a = 0; a < n; a++) if (xTransposed[column + a] !== value) squaredDistance[a] += weight;
      } else {
        for (let a = 0; a < n; a++) {
          const delta = xTransposed[column + a] - value;
          squaredDistance[a] += weight * delta * delta;
        }
      }
    }
    const row = r * n;
    for (let a = 0; a < n; a++) {
      const r2 = squaredDistance[a];
      const distance = Math.sqrt(r2);
      out[row + a] = signalVariance * (1 + SQRT5 * distance + (5 / 3) * r2) * Math.exp(-SQRT5 * distance);
    }
  }
}
