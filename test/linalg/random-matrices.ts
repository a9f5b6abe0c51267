import { createRng } from '../../src/random/rng.js';

/** A random symmetric positive-definite n x n row-major matrix M·Mᵀ + shift·I with M standard normal. */
export function randomSpd(n: number, seed: number, shift = 0.5): Float64Array {
  const rng = createRng(seed);
  const m = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = multiplyTransposed(m, m, n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += shift;
  return a;
}

/** X·Yᵀ for X (p x k) and Y (q x k), row-major. */
export function multiplyTransposed(x: Float64Array, y: Float64Array, p: number, q: number, k: number): Float64Array {
  const out = new Float64Array(p * q);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += x[i * k + t] * y[j * k + t];
      out[i * q + j] = s;
    }
  }
  return out;
}

/** A·v for A (n x n row-major). */
export function multiplyVector(a: Float64Array, v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * v[j];
    out[i] = s;
  }
  return out;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
