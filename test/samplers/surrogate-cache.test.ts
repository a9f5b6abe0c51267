import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { DETERMINISTIC_NOISE_FLOOR } from '../../src/samplers/model-adjustments.js';
import { addedRows, DEFAULT_REFIT_POLICY, SurrogateCache, type SurrogateData } from '../../src/samplers/surrogate-cache.js';

function data(n: number, noise?: number): SurrogateData {
  const rng = createRng(n);
  const x = Float64Array.from({ length: n * 2 }, () => rng.next());
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * x[2 * i]) + (noise ? noise * rng.normal() : 0));
  return { x, n, d: 2, y, categorical: [false, false], noiseVariance: noise ? new Float64Array(n).fill(noise * noise) : undefined };
}

describe('SurrogateCache', () => {
  it('returns the same model for unchanged data and refits when data changes', () => {
    const cache = new SurrogateCache();
    const first = cache.fit('f', data(15), createRng(1));
    expect(cache.fit('f', data(15), createRng(2))).toBe(first);
    expect(cache.fit('f', data(16), createRng(3))).not.toBe(first);
    // Keys are independent.
    expect(cache.fit('g', data(15), createRng(1))).not.toBe(first);
  });

  it('models a noiseless objective as deterministic: the posterior reproduces the observations', () => {
    const d = data(20);
    const model = new SurrogateCache().fit('f', d, createRng(1));
    expect(model.hyperparameters.noiseVariance).toBe(DETERMINISTIC_NOISE_FLOOR);
    const at = model.predict(d.x.subarray(0, 2), 1);
    expect(Math.abs(at.mean[0] - d.y[0])).toBeLessThan(1e-3);
  });

  it('keeps the fitted noise when standard errors are told', () => {
    const model = new SurrogateCache().fit('f', data(20, 0.2), createRng(1));
    expect(model.hyperparameters.noiseVariance).toBeGreaterThan(DETERMINISTIC_NOISE_FLOOR);
  });

  it('finds the observations added to a data set, wherever they were inserted', () => {
    const full = data(12);
    const rows = (indices: number[]): SurrogateData => ({
      ...full,
      n: indices.length,
      x: Float64Array.from(indices.flatMap((i) => [full.x[2 * i], full.x[2 * i + 1]])),
      y: Float64Array.from(indices, (i) => full.y[i]),
    });
    const before = rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(addedRows(before, rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toEqual([10, 11]);
    // A trial that completed late sits between older ones.
    expect(addedRows(before, rows([0, 1, 2, 10, 3, 4, 5, 6, 7, 8, 9]))).toEqual([3]);
    // Removed or changed rows: no extension.
    expect(addedRows(before, rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11]))).toBeUndefined();
    const changed = rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    changed.y[4] += 1;
    expect(addedRows(before, changed)).toBeUndefined();
    expect(addedRows(before, before)).toBeUndefined();
  });

  it('treats inactive coordinates (NaN) as equal to themselves: finds added rows, tells data sets apart', () => {
    const full = data(8);
    for (let i = 0; i < 8; i += 2) full.x[2 * i + 1] = Number.NaN;
    const withNaN = (n: number): SurrogateData => ({
      ...full,
      n,
      x: full.x.slice(0, 2 * n),
      y: full.y.slice(0, n),
      conditional: [false, true],
    });
    expect(addedRows(withNaN(6), withNaN(8))).toEqual([6, 7]);
    const cache = new SurrogateCache();
    const first = cache.fit('f', withNaN(8), createRng(1));
    expect(Number.isFinite(first.predict(full.x.subarray(0, 2), 1).mean[0])).toBe(true);
    expect(cache.fit('f', withNaN(8), createRng(2))).toBe(first);
    // The same data with one inactive coordinate made active is a different data set.
    const changed = withNaN(8);
    changed.x[1] = 0.5;
    expect(cache.fit('f', changed, createRng(3))).not.toBe(first);
  });

  it('extends the previous model with new observations between optimizing fits', () => {
    // From n = 50 two of every three fits only condition on the new data (DEFAULT_REFIT_POLICY.reuseFits).
    const policy = { ...DEFAULT_REFIT_POLICY, coldEveryFits: () => 100, incrementalFrom: 0 };
    const incremental = new SurrogateCache(policy);
    const scratch = new SurrogateCache({ ...policy, incrementalFrom: Number.POSITIVE_INFINITY });
    const full = data(56);
    const prefix = (n: number): SurrogateData => ({ ...full, n, x: full.x.subarray(0, 2 * n), y: full.y.subarray(0, n) });
    for (const n of [52, 53, 54]) {
      const a = incremental.fit('f', prefix(n), createRng(n));
      const b = scratch.fit('f', prefix(n), createRng(n));
      expect(a.hyperparameters).toEqual(b.hyperparameters);
      // The extension and the refactorization are the same posterior, to rounding.
      const queries = Float64Array.from({ length: 40 }, (_, i) => (i * 0.6180339887) % 1);
      const pa = a.predict(queries, 20);
      const pb = b.predict(queries, 20);
      for (let i = 0; i < 20; i++) {
        expect(pa.mean[i]).toBeCloseTo(pb.mean[i], 6);
        expect(pa.variance[i]).toBeCloseTo(pb.variance[i], 8);
      }
      const newest = a.predict(full.x.subarray(2 * (n - 1), 2 * n), 1).mean[0];
      expect(newest).toBeCloseTo(full.y[n - 1], 3);
    }
  });

  it('extends a model with known noise under its previous standardization', () => {
    const policy = { ...DEFAULT_REFIT_POLICY, coldEveryFits: () => 100, incrementalFrom: 0 };
    const cache = new SurrogateCache(policy);
    const full = data(54, 0.05);
    const prefix = (n: number): SurrogateData => ({
      ...full,
      n,
      x: full.x.subarray(0, 2 * n),
      y: full.y.subarray(0, n),
      noiseVariance: full.noiseVariance!.subarray(0, n),
    });
    cache.fit('f', prefix(52), createRng(1));
    const extended = cache.fit('f', prefix(53), createRng(2));
    const scratch = new SurrogateCache({ ...policy, incrementalFrom: Number.POSITIVE_INFINITY });
    scratch.fit('f', prefix(52), createRng(1));
    const refactored = scratch.fit('f', prefix(53), createRng(2));
    expect(extended.hyperparameters).toEqual(refactored.hyperparameters);
    // Close, not equal: the known noise enters K divided by the standardization's variance.
    const queries = Float64Array.from({ length: 40 }, (_, i) => (i * 0.7548776662) % 1);
    const a = extended.predict(queries, 20);
    const b = refactored.predict(queries, 20);
    for (let i = 0; i < 20; i++) expect(Math.abs(a.mean[i] - b.mean[i])).toBeLessThan(0.05);
  });

  it('fits hyperparameters on the most recent observations of a large data set, and conditions on all', () => {
    const full = data(40);
    // The 15 oldest observations have x₁ in [0, 0.3], the 25 most recent in [0.5, 1].
    for (let i = 0; i < 40; i++) {
      full.x[2 * i] = i < 15 ? 0.3 * full.x[2 * i] : 0.5 + 0.5 * full.x[2 * i];
      full.y[i] = Math.sin(6 * full.x[2 * i]);
    }
    const recent: SurrogateData = { ...full, n: 25, x: full.x.subarray(2 * 15), y: full.y.subarray(15) };
    const large = new SurrogateCache({ ...DEFAULT_REFIT_POLICY, fitSubsetSize: 25 }).fit('f', full, createRng(1));
    const small = new SurrogateCache().fit('f', recent, createRng(1));
    expect(large.hyperparameters).toEqual(small.hyperparameters);
    // The oldest observation, outside the subset, is still conditioned on: reproduced, with no uncertainty left.
    const oldest = full.x.subarray(0, 2);
    const atOldest = large.predict(oldest, 1);
    expect(atOldest.mean[0]).toBeCloseTo(full.y[0], 3);
    expect(small.predict(oldest, 1).variance[0]).toBeGreaterThan(100 * atOldest.variance[0]);
  });
});
