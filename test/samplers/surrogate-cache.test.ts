import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { DETERMINISTIC_NOISE_FLOOR } from '../../src/samplers/model-adjustments.js';
import { SurrogateCache, type SurrogateData } from '../../src/samplers/surrogate-cache.js';

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
});
