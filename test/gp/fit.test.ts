import { describe, expect, it } from 'vitest';
import { fitGaussianProcess } from '../../src/gp/fit.js';
import { toHyperparameterVector } from '../../src/gp/hyperparameter-vector.js';
import { MarginalLikelihoodObjective } from '../../src/gp/marginal-likelihood.js';
import { standardize, standardizationOf } from '../../src/gp/standardize.js';
import type { GPInputs } from '../../src/gp/types.js';
import { createRng } from '../../src/random/rng.js';

/** A smooth function of dims 0 and 1; dim 2 is irrelevant. */
function branin01(x0: number, x1: number): number {
  return Math.sin(5 * x0) + 0.7 * Math.cos(3 * x1 + 1) + 0.5 * x0 * x1;
}

function sample(n: number, d: number, seed: number, f: (x: Float64Array, offset: number) => number): GPInputs {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * d }, () => rng.next());
  const y = Float64Array.from({ length: n }, (_, a) => f(x, a * d));
  return { x, y, n, d, categorical: new Array<boolean>(d).fill(false) };
}

function rmse(predicted: Float64Array, truth: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += (predicted[i] - truth[i]) ** 2;
  return Math.sqrt(sum / truth.length);
}

describe('fitGaussianProcess', () => {
  it('recovers a smooth function and gives the irrelevant dimension a much longer length scale', () => {
    const f = (x: Float64Array, o: number) => branin01(x[o], x[o + 1]);
    const inputs = sample(50, 3, 1, f);
    const gp = fitGaussianProcess(inputs, { seed: 0 });
    const test = sample(400, 3, 2, f);
    const { mean, variance } = gp.predict(test.x, test.n);
    // y ranges over about 3.5; an RMSE of 0.03 is < 1 % of it.
    expect(rmse(mean, test.y)).toBeLessThan(0.03);
    const [l0, l1, l2] = gp.hyperparameters.lengthscales;
    expect(l2).toBeGreaterThan(3 * Math.max(l0, l1));
    // Predictive standard deviations are honest: most errors within 3 sd.
    let within = 0;
    for (let i = 0; i < test.n; i++) if (Math.abs(mean[i] - test.y[i]) < 3 * Math.sqrt(variance[i]) + 1e-3) within++;
    expect(within / test.n).toBeGreaterThan(0.9);
    expect(Number.isFinite(gp.logMarginalLikelihood)).toBe(true);
  });

  it('learns the noise level of noisy data', () => {
    const rng = createRng(5);
    const noiseSd = 0.3;
    const inputs = sample(80, 1, 3, (x, o) => Math.sin(4 * x[o]) + noiseSd * rng.normal());
    const gp = fitGaussianProcess(inputs, { seed: 0 });
    // The fitted noise is in standardized units: compare in y's units.
    let mean = 0;
    for (const v of inputs.y) mean += v / inputs.n;
    let variance = 0;
    for (const v of inputs.y) variance += (v - mean) ** 2 / (inputs.n - 1);
    const noiseInYUnits = gp.hyperparameters.noiseVariance * variance;
    expect(noiseInYUnits).toBeGreaterThan(0.5 * noiseSd ** 2);
    expect(noiseInYUnits).toBeLessThan(2 * noiseSd ** 2);
  });

  it('models categorical dims with the Hamming kernel', () => {
    // y depends on a numeric dim and strongly on which of three categories (codes 10, 20, 30) a point is in.
    const offsets: Record<number, number> = { 10: 0, 20: 2, 30: -1.5 };
    const rng = createRng(8);
    const n = 45;
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      x[a * 2] = rng.next();
      x[a * 2 + 1] = [10, 20, 30][a % 3];
      y[a] = Math.sin(3 * x[a * 2]) + offsets[x[a * 2 + 1]];
    }
    const gp = fitGaussianProcess({ x, y, n, d: 2, categorical: [false, true] }, { seed: 0 });
    const queries = Float64Array.from([0.33, 10, 0.33, 20, 0.33, 30, 0.81, 20]);
    const { mean } = gp.predict(queries, 4);
    const truth = [0.33, 0.33, 0.33, 0.81].map((v, i) => Math.sin(3 * v) + offsets[queries[i * 2 + 1]]);
    for (let i = 0; i < 4; i++) expect(mean[i]).toBeCloseTo(truth[i], 1);
  });

  it('is deterministic for a given seed', () => {
    const inputs = sample(30, 4, 9, (x, o) => Math.sin(6 * x[o]) * x[o + 1] + x[o + 2]);
    const a = fitGaussianProcess(inputs, { seed: 42 });
    const b = fitGaussianProcess(inputs, { seed: 42 });
    expect(Array.from(b.hyperparameters.lengthscales)).toEqual(Array.from(a.hyperparameters.lengthscales));
    expect(b.hyperparameters.signalVariance).toBe(a.hyperparameters.signalVariance);
    expect(b.hyperparameters.noiseVariance).toBe(a.hyperparameters.noiseVariance);
    expect(b.logMarginalLikelihood).toBe(a.logMarginalLikelihood);
  });

  it('warm-started on one more point lands close to a cold fit of the same data', () => {
    const f = (x: Float64Array, o: number) => branin01(x[o], x[o + 1]) + 0.2 * x[o + 2];
    const inputs = sample(41, 3, 4, f);
    const previous = fitGaussianProcess({ ...inputs, n: 40 }, { seed: 0 });
    const warm = fitGaussianProcess(inputs, { seed: 0, warmStart: previous.hyperparameters });
    const cold = fitGaussianProcess(inputs, { seed: 0 });
    // Compare what the fit maximizes, the log posterior (likelihood + priors), on the same data.
    const standardization = standardizationOf(inputs.y, inputs.n);
    const objective = new MarginalLikelihoodObjective(
      inputs.x, inputs.n, 3, inputs.categorical, standardize(inputs.y, inputs.n, standardization), undefined,
    );
    const warmValue = objective.value(toHyperparameterVector(warm.hyperparameters, 3));
    const coldValue = objective.value(toHyperparameterVector(cold.hyperparameters, 3));
    expect(Math.abs(warmValue - coldValue)).toBeLessThan(0.05);
    const test = sample(100, 3, 5, f);
    const warmPrediction = warm.predict(test.x, 100);
    const coldPrediction = cold.predict(test.x, 100);
    expect(rmse(warmPrediction.mean, coldPrediction.mean)).toBeLessThan(0.01);
    for (let i = 0; i < 100; i++) {
      expect(Math.abs(Math.sqrt(warmPrediction.variance[i] / coldPrediction.variance[i]) - 1)).toBeLessThan(0.15);
    }
  });

  it('handles one observation, constant observations and none', () => {
    const one = fitGaussianProcess({ x: Float64Array.from([0.3, 0.6]), y: Float64Array.from([4]), n: 1, d: 2, categorical: [false, false] });
    const p1 = one.predict(Float64Array.from([0.3, 0.6, 0.9, 0.1]), 2);
    expect(p1.mean[0]).toBeCloseTo(4, 6);
    expect(p1.variance[1]).toBeGreaterThan(p1.variance[0]);

    const constant = fitGaussianProcess(sample(10, 2, 6, () => 2.5), { seed: 0 });
    const pc = constant.predict(Float64Array.from([0.5, 0.5]), 1);
    expect(pc.mean[0]).toBeCloseTo(2.5, 6);
    expect(Number.isFinite(pc.variance[0])).toBe(true);

    const none = fitGaussianProcess({ x: new Float64Array(0), y: new Float64Array(0), n: 0, d: 2, categorical: [false, false] });
    expect(none.predict(Float64Array.from([0.5, 0.5]), 1).mean[0]).toBe(0);
  });

  it('fits duplicate inputs with known noise', () => {
    // Three folds' means at the same recipe, each with its standard error squared as known noise.
    const x = Float64Array.from([0.5, 0.5, 0.5, 0.1, 0.9]);
    const y = Float64Array.from([1.0, 1.2, 0.8, 0, 0.3]);
    const noiseVariance = Float64Array.from([0.01, 0.01, 0.01, 0.01, 0.01]);
    const gp = fitGaussianProcess({ x, y, n: 5, d: 1, categorical: [false], noiseVariance });
    const { mean, variance } = gp.predict(Float64Array.from([0.5]), 1);
    expect(mean[0]).toBeGreaterThan(0.8);
    expect(mean[0]).toBeLessThan(1.2);
    // Three observations with variance 0.01 each: the mean is known to about 0.01/3, not exactly.
    expect(variance[0]).toBeGreaterThan(0.001);
  });

  it('rejects a warm start of the wrong dimension', () => {
    const inputs = sample(5, 2, 1, (x, o) => x[o]);
    expect(() =>
      fitGaussianProcess(inputs, {
        warmStart: { lengthscales: Float64Array.from([1]), signalVariance: 1, noiseVariance: 1e-3 },
      }),
    ).toThrow(/1 length scales, expected 2/);
  });
});

describe('fitGaussianProcess with maxIterations 0', () => {
  it('keeps the warm start without optimizing', () => {
    const inputs = sample(30, 2, 12, (x, o) => Math.sin(7 * x[o]) + 0.1 * x[o + 1]);
    const fitted = fitGaussianProcess(inputs, { seed: 0 });
    const reused = fitGaussianProcess(inputs, { warmStart: fitted.hyperparameters, maxIterations: 0 });
    for (let i = 0; i < 2; i++) {
      expect(reused.hyperparameters.lengthscales[i]).toBeCloseTo(fitted.hyperparameters.lengthscales[i], 12);
    }
    expect(reused.logMarginalLikelihood).toBeCloseTo(fitted.logMarginalLikelihood, 8);
  });

  it('with restarts, screens fresh starting points and leaves a bad warm start behind', () => {
    const inputs = sample(30, 2, 13, (x, o) => Math.sin(7 * x[o]) + 0.1 * x[o + 1]);
    const bad = { lengthscales: Float64Array.from([500, 500]), signalVariance: 0.05, noiseVariance: 5 };
    const stuck = fitGaussianProcess(inputs, { warmStart: bad, maxIterations: 0 });
    const rescued = fitGaussianProcess(inputs, { warmStart: bad, maxIterations: 0, restarts: 3, seed: 1 });
    expect(stuck.hyperparameters.noiseVariance).toBeCloseTo(5, 10);
    expect(rescued.logMarginalLikelihood).toBeGreaterThan(stuck.logMarginalLikelihood + 10);
  });
});
