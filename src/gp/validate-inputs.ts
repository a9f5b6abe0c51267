import type { GPInputs } from './types.js';

/** Throws an Error naming the first inconsistent field of GP inputs (shapes, non-finite values, NaN outside conditional dims). Cost: n·d. */
export function validateInputs(inputs: GPInputs): void {
  const { x, y, n, d, categorical, conditional, noiseVariance } = inputs;
  if (!Number.isInteger(n) || n < 0) throw new Error(`GP inputs: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new Error(`GP inputs: d must be a positive integer, got ${d}`);
  if (x.length < n * d) throw new Error(`GP inputs: x has ${x.length} values, expected n x d = ${n * d}`);
  if (y.length < n) throw new Error(`GP inputs: y has ${y.length} values, expected ${n}`);
  if (categorical.length !== d) throw new Error(`GP inputs: categorical has ${categorical.length} flags, expected ${d}`);
  if (conditional && conditional.length !== d) throw new Error(`GP inputs: conditional has ${conditional.length} flags, expected ${d}`);
  if (conditional?.some((flag, i) => flag && categorical[i])) throw new Error('GP inputs: a conditional dim must be numeric');
  if (noiseVariance && noiseVariance.length < n) {
    throw new Error(`GP inputs: noiseVariance has ${noiseVariance.length} values, expected ${n}`);
  }
  for (let i = 0; i < n * d; i++) {
    // NaN marks an inactive coordinate, allowed only in conditional dims.
    if (Number.isNaN(x[i]) && conditional?.[i % d]) continue;
    if (!Number.isFinite(x[i])) throw new Error(`GP inputs: x[${Math.floor(i / d)}][${i % d}] is not finite`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new Error(`GP inputs: y[${i}] is not finite`);
    if (noiseVariance && !(noiseVariance[i] >= 0 && Number.isFinite(noiseVariance[i]))) {
      throw new Error(`GP inputs: noiseVariance[${i}] must be finite and ≥ 0, got ${noiseVariance[i]}`);
    }
  }
}
