import { describe, expect, it } from 'vitest';
import { fitGaussianProcess } from '../../src/gp/fit.js';
import { matern52 } from '../../src/gp/matern52.js';
import { conditionGaussianProcess } from '../../src/gp/posterior.js';
import { standardizationOf } from '../../src/gp/standardize.js';
import type { GPHyperparameters, GPInputs } from '../../src/gp/types.js';
import { createRng } from '../../src/random/rng.js';

const tinyHyperparameters: GPHyperparameters = {
  lengthscales: Float64Array.from([0.5]),
  signalVariance: 1.5,
  noiseVariance: 0.01,
};
const tiny: GPInputs = { x: Float64Array.from([0.2, 0.7]), n: 2, d: 1, y: Float64Array.from([1, 3]), categorical: [false] };

describe('conditionGaussianProcess', () => {
  it('matches hand-computed posterior values on a 2-point problem', () => {
    // Expected values from numpy (y standardized with mean 2 and sample sd √2, K = k(X,X) + 0.01·I):
    // python3 -c "
    // import numpy as np
    // def k(a,b,l=0.5,s=1.5):
    //     r=abs(a-b)/l; return s*(1+np.sqrt(5)*r+5*r*r/3)*np.exp(-np.sqrt(5)*r)
    // X=np.array([0.2,0.7]); y=np.array([1.0,3.0]); m=y.mean(); sd=y.std(ddof=1); yt=(y-m)/sd
    // K=np.array([[k(a,b) for b in X] for a in X])+0.01*np.eye(2)
    // for xs in [0.4, 0.2, 1.0]:
    //     ks=np.array([k(xs,a) for a in X])
    //     print(m+sd*ks@np.linalg.solve(K,yt), sd*sd*(1.5-ks@np.linalg.solve(K,ks)))
    // print(-0.5*yt@np.linalg.solve(K,yt)-0.5*np.linalg.slogdet(K)[1]-np.log(2*np.pi))"
    const gp = conditionGaussianProcess(tiny, tinyHyperparameters);
    const { mean, variance } = gp.predict(Float64Array.from([0.4, 0.2, 1.0]), 3);
    const expectedMean = [1.7626709488620764, 1.0138119861145032, 3.0812390799065694];
    const expectedVariance = [0.28303937273787977, 0.019818325964256815, 1.1417957319986924];
    for (let i = 0; i < 3; i++) {
      expect(mean[i]).toBeCloseTo(expectedMean[i], 12);
      expect(variance[i]).toBeCloseTo(expectedVariance[i], 12);
    }
    expect(gp.logMarginalLikelihood).toBeCloseTo(-2.7825828463736295, 12);
  });

  it('matches the explicit 2 x 2 posterior formulas at a query', () => {
    const gp = conditionGaussianProcess(tiny, tinyHyperparameters);
    const s = 1.5;
    const c = (a: number, b: number) => s * matern52(((a - b) / 0.5) ** 2);
    const k11 = s + 0.01;
    const k12 = c(0.2, 0.7);
    const det = k11 * k11 - k12 * k12;
    const ys = [-1 / Math.SQRT2, 1 / Math.SQRT2];
    const query = 0.55;
    const k1 = c(query, 0.2);
    const k2 = c(query, 0.7);
    // K⁻¹ = [[k11, −k12], [−k12, k11]] / det.
    const w1 = (k11 * k1 - k12 * k2) / det;
    const w2 = (k11 * k2 - k12 * k1) / det;
    const { mean, variance } = gp.predict(Float64Array.from([query]), 1);
    expect(mean[0]).toBeCloseTo(2 + Math.SQRT2 * (w1 * ys[0] + w2 * ys[1]), 12);
    expect(variance[0]).toBeCloseTo(2 * (s - (w1 * k1 + w2 * k2)), 12);
  });

  it('raises the posterior variance at a point whose observation has known noise', () => {
    const inputs: GPInputs = {
      x: Float64Array.from([0.1, 0.5, 0.9]),
      n: 3,
      d: 1,
      y: Float64Array.from([0, 1, 0.5]),
      categorical: [false],
    };
    const hyperparameters = { lengthscales: Float64Array.from([0.3]), signalVariance: 1, noiseVariance: 1e-4 };
    const exact = conditionGaussianProcess(inputs, hyperparameters);
    const noisy = conditionGaussianProcess({ ...inputs, noiseVariance: Float64Array.from([0, 0.2, 0]) }, hyperparameters);
    const at = Float64Array.from([0.5, 0.1]);
    const a = exact.predict(at, 2);
    const b = noisy.predict(at, 2);
    expect(b.variance[0]).toBeGreaterThan(10 * a.variance[0]);
    // Known noise is in y's units: 0.2 / var(y) = 0.2 / 0.25 in standardized units. With it, the posterior
    // at the noisy point no longer interpolates the observation.
    expect(Math.abs(a.mean[0] - 1)).toBeLessThan(1e-3);
    expect(Math.abs(b.mean[0] - 1)).toBeGreaterThan(0.01);
    // Far from the noisy point the effect is small.
    expect(b.variance[1]).toBeLessThan(1.5 * a.variance[1] + 1e-6);
  });

  it('correlates equal categories and treats any two different categories alike (Hamming)', () => {
    const lengthscale = 0.8;
    const hyperparameters = { lengthscales: Float64Array.from([0.3, lengthscale]), signalVariance: 1, noiseVariance: 1e-6 };
    const inputs: GPInputs = { x: Float64Array.from([0.5, 3]), n: 1, d: 2, y: Float64Array.from([2]), categorical: [false, true] };
    const gp = conditionGaussianProcess(inputs, hyperparameters);
    const { mean, variance } = gp.predict(Float64Array.from([0.5, 3, 0.5, 4, 0.5, 1000]), 3);
    // n = 1: standardization mean 2, scale 1, so ỹ = 0 and every mean is 2.
    expect(Array.from(mean)).toEqual([2, 2, 2]);
    expect(variance[0]).toBeLessThan(1e-5);
    // Different category: 1 − ρ²/(1 + noise) with ρ = Matérn52(1/ℓ²).
    const rho = matern52(1 / lengthscale ** 2);
    expect(variance[1]).toBeCloseTo(1 - (rho * rho) / (1 + 1e-6), 10);
    expect(variance[2]).toBe(variance[1]);
  });

  it('withObservations equals conditioning on all points with the same hyperparameters', () => {
    const rng = createRng(2);
    const n = 30;
    const m = 4;
    const d = 3;
    const categorical = [false, false, true];
    const draw = (count: number) => {
      const x = new Float64Array(count * d);
      const y = new Float64Array(count);
      for (let a = 0; a < count; a++) {
        x[a * d] = rng.next();
        x[a * d + 1] = rng.next();
        x[a * d + 2] = rng.int(2);
        y[a] = Math.cos(4 * x[a * d]) + x[a * d + 1] ** 2 + x[a * d + 2];
      }
      return { x, y };
    };
    const base = draw(n);
    const extra = draw(m);
    const noise = Float64Array.from({ length: n }, () => 0.01 * rng.next());
    const gp = fitGaussianProcess({ x: base.x, y: base.y, n, d, categorical, noiseVariance: noise }, { seed: 1 });
    const updated = gp.withObservations(extra.x, extra.y, m);

    const allX = new Float64Array((n + m) * d);
    allX.set(base.x);
    allX.set(extra.x, n * d);
    const allY = new Float64Array(n + m);
    allY.set(base.y);
    allY.set(extra.y, n);
    const allNoise = new Float64Array(n + m);
    allNoise.set(noise);
    const recomputed = conditionGaussianProcess(
      { x: allX, y: allY, n: n + m, d, categorical, noiseVariance: allNoise },
      gp.hyperparameters,
      standardizationOf(base.y, n),
    );
    const queries = draw(50).x;
    const a = updated.predict(queries, 50);
    const b = recomputed.predict(queries, 50);
    // After a predict the parent caches L⁻¹ and the child extends it instead of recomputing: same answers.
    const before = gp.predict(queries, 50);
    const c = gp.withObservations(extra.x, extra.y, m).predict(queries, 50);
    for (let i = 0; i < 50; i++) {
      expect(a.mean[i]).toBeCloseTo(b.mean[i], 9);
      expect(a.variance[i]).toBeCloseTo(b.variance[i], 9);
      expect(c.mean[i]).toBeCloseTo(b.mean[i], 9);
      expect(c.variance[i]).toBeCloseTo(b.variance[i], 9);
    }
    expect(updated.logMarginalLikelihood).toBeCloseTo(recomputed.logMarginalLikelihood, 8);
    // The fantasies pull the mean to the fantasized values.
    const atExtra = updated.predict(extra.x, m);
    for (let r = 0; r < m; r++) expect(Math.abs(atExtra.mean[r] - extra.y[r])).toBeLessThan(0.1);
    // The original GP is unchanged.
    expect(gp.predict(queries, 50)).toEqual(before);
    expect(before.mean).not.toEqual(a.mean);
    expect(updated.hyperparameters).toEqual(gp.hyperparameters);
  });

  it('withObservations adds known noise of the new points to the diagonal', () => {
    const hyperparameters = { lengthscales: Float64Array.from([0.3]), signalVariance: 1, noiseVariance: 1e-6 };
    const x = Float64Array.from([0.1, 0.5, 0.9]);
    const y = Float64Array.from([1, -1, 0.5]);
    const noise = Float64Array.from([0, 0, 0.3]);
    const standardization = standardizationOf(y.subarray(0, 2), 2);
    const gp = conditionGaussianProcess({ x, y, n: 2, d: 1, categorical: [false] }, hyperparameters, standardization);
    const updated = gp.withObservations(x.subarray(2), y.subarray(2), 1, { noiseVariance: noise.subarray(2) });
    const recomputed = conditionGaussianProcess({ x, y, n: 3, d: 1, categorical: [false], noiseVariance: noise }, hyperparameters, standardization);
    const queries = Float64Array.from([0, 0.3, 0.7, 0.9, 1]);
    const a = updated.predict(queries, 5);
    const b = recomputed.predict(queries, 5);
    for (let i = 0; i < 5; i++) {
      expect(a.mean[i]).toBeCloseTo(b.mean[i], 10);
      expect(a.variance[i]).toBeCloseTo(b.variance[i], 10);
    }
    // A noisy observation is not interpolated.
    expect(Math.abs(a.mean[3] - 0.5)).toBeGreaterThan(0.01);
  });

  it('withObservations with a new standardization equals conditioning on all points from scratch', () => {
    const hyperparameters = { lengthscales: Float64Array.from([0.3, 0.5]), signalVariance: 1.3, noiseVariance: 1e-4 };
    const rng = createRng(5);
    const n = 12;
    const x = Float64Array.from({ length: 2 * n }, () => rng.next());
    const y = Float64Array.from({ length: n }, (_, a) => Math.sin(5 * x[2 * a]) + 3 * x[2 * a + 1]);
    const first = conditionGaussianProcess({ x: x.subarray(0, 18), y: y.subarray(0, 9), n: 9, d: 2, categorical: [false, false] }, hyperparameters);
    const standardization = standardizationOf(y, n);
    const extended = first.withObservations(x.subarray(18), y.subarray(9), 3, { standardization });
    const scratch = conditionGaussianProcess({ x, y, n, d: 2, categorical: [false, false] }, hyperparameters);
    const queries = Float64Array.from({ length: 40 }, () => rng.next());
    const a = extended.predict(queries, 20);
    const b = scratch.predict(queries, 20);
    for (let i = 0; i < 20; i++) {
      expect(a.mean[i]).toBeCloseTo(b.mean[i], 10);
      expect(a.variance[i]).toBeCloseTo(b.variance[i], 10);
    }
    expect(extended.logMarginalLikelihood).toBeCloseTo(scratch.logMarginalLikelihood, 9);
    // Known noise is standardized with y: a new standardization is refused.
    const noisy = conditionGaussianProcess(
      { x: x.subarray(0, 18), y: y.subarray(0, 9), n: 9, d: 2, categorical: [false, false], noiseVariance: new Float64Array(9).fill(0.01) },
      hyperparameters,
    );
    expect(() => noisy.withObservations(x.subarray(18), y.subarray(9), 3, { standardization })).toThrow(/standardization/);
  });

  it('withObservations survives a fantasy that duplicates a training point', () => {
    const hyperparameters = { lengthscales: Float64Array.from([0.3]), signalVariance: 1, noiseVariance: 1e-6 };
    const gp = conditionGaussianProcess(tiny, hyperparameters);
    const twice = gp.withObservations(Float64Array.from([0.2, 0.2]), Float64Array.from([1, 1]), 2);
    const { mean, variance } = twice.predict(Float64Array.from([0.2]), 1);
    expect(mean[0]).toBeCloseTo(1, 4);
    expect(variance[0]).toBeGreaterThanOrEqual(0);
    expect(variance[0]).toBeLessThan(1e-5);
  });

  it('predicts the prior with no observations', () => {
    const gp = conditionGaussianProcess(
      { x: new Float64Array(0), y: new Float64Array(0), n: 0, d: 2, categorical: [false, false] },
      { lengthscales: Float64Array.from([1, 1]), signalVariance: 2, noiseVariance: 1e-3 },
    );
    const { mean, variance } = gp.predict(Float64Array.from([0.1, 0.2]), 1);
    expect(mean[0]).toBe(0);
    expect(variance[0]).toBe(2);
  });

  it('conditional dims: the explicit 2 x 2 posterior with one inactive point (arc embedding)', () => {
    // Point 0 has the parameter inactive (NaN), point 1 active at 0.2; ℓ = 0.5, so an inactive point is at
    // r² = (4/π²)/ℓ² from any active value, at 0 from another inactive one, and two active values are at
    // r² = 2(4/π²)(1 − cos(πΔ/2))/ℓ².
    const inputs: GPInputs = {
      x: Float64Array.from([Number.NaN, 0.2]),
      n: 2,
      d: 1,
      y: Float64Array.from([1, 3]),
      categorical: [false],
      conditional: [true],
    };
    const gp = conditionGaussianProcess(inputs, tinyHyperparameters);
    const s = 1.5;
    const k11 = s + 0.01;
    const mismatch = 16 / Math.PI ** 2;
    const arc = (delta: number) => (2 * (4 / Math.PI ** 2) * (1 - Math.cos((Math.PI / 2) * delta))) / 0.25;
    const k12 = s * matern52(mismatch);
    const det = k11 * k11 - k12 * k12;
    const ys = [-1 / Math.SQRT2, 1 / Math.SQRT2];
    const expected = (k1: number, k2: number) => {
      const w1 = (k11 * k1 - k12 * k2) / det;
      const w2 = (k11 * k2 - k12 * k1) / det;
      return { mean: 2 + Math.SQRT2 * (w1 * ys[0] + w2 * ys[1]), variance: 2 * (s - (w1 * k1 + w2 * k2)) };
    };
    const { mean, variance } = gp.predict(Float64Array.from([Number.NaN, 0.55, 0.95]), 3);
    const cases = [
      expected(s, k12),
      expected(k12, s * matern52(arc(0.35))),
      expected(k12, s * matern52(arc(0.75))),
    ];
    cases.forEach((c, i) => {
      expect(mean[i]).toBeCloseTo(c.mean, 12);
      expect(variance[i]).toBeCloseTo(c.variance, 12);
    });
    // Imputing the inactive value as 0.5 instead (no conditional flag) gives a different model.
    const imputed = conditionGaussianProcess({ ...inputs, x: Float64Array.from([0.5, 0.2]), conditional: undefined }, tinyHyperparameters);
    expect(Math.abs(imputed.predict(Float64Array.from([0.55]), 1).mean[0] - mean[1])).toBeGreaterThan(0.1);
  });

  it('rejects NaN outside conditional dims and conditional flags on categorical dims', () => {
    expect(() => conditionGaussianProcess({ ...tiny, x: Float64Array.from([Number.NaN, 0.7]) }, tinyHyperparameters)).toThrow(
      /x\[0\]\[0\] is not finite/,
    );
    expect(() =>
      conditionGaussianProcess({ ...tiny, categorical: [true], conditional: [true] }, tinyHyperparameters),
    ).toThrow(/conditional dim must be numeric/);
  });

  it('rejects inconsistent shapes and non-finite values with a clear message', () => {
    expect(() => conditionGaussianProcess({ ...tiny, categorical: [false, false] }, tinyHyperparameters)).toThrow(
      /categorical has 2 flags, expected 1/,
    );
    expect(() => conditionGaussianProcess({ ...tiny, y: Float64Array.from([1, Number.NaN]) }, tinyHyperparameters)).toThrow(
      /y\[1\] is not finite/,
    );
    expect(() =>
      conditionGaussianProcess({ ...tiny, noiseVariance: Float64Array.from([0, -1]) }, tinyHyperparameters),
    ).toThrow(/noiseVariance\[1\]/);
  });
});
