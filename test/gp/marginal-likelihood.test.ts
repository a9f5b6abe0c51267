import { describe, expect, it } from 'vitest';
import { MarginalLikelihoodObjective } from '../../src/gp/marginal-likelihood.js';
import { matern52 } from '../../src/gp/matern52.js';
import { logHyperparameterPrior } from '../../src/gp/priors.js';
import { createRng } from '../../src/random/rng.js';

describe('MarginalLikelihoodObjective', () => {
  it('equals −log N(ỹ; 0, K) − log prior on a 2-point problem (explicit 2 x 2 formulas)', () => {
    const x = Float64Array.from([0.2, 0.7]);
    const y = Float64Array.from([-0.5, 1.1]);
    const known = Float64Array.from([0.05, 0]);
    const objective = new MarginalLikelihoodObjective(x, 2, 1, [false], y, known);
    const lengthscale = 0.4;
    const signal = 1.3;
    const noise = 0.02;
    const u = Float64Array.from([Math.log(lengthscale), Math.log(signal), Math.log(noise)]);

    const off = signal * matern52((0.5 / lengthscale) ** 2);
    const k11 = signal + noise + 0.05;
    const k22 = signal + noise;
    const det = k11 * k22 - off * off;
    const quadratic = (k22 * y[0] ** 2 - 2 * off * y[0] * y[1] + k11 * y[1] ** 2) / det;
    const logLikelihood = -0.5 * quadratic - 0.5 * Math.log(det) - Math.log(2 * Math.PI);

    expect(objective.value(u)).toBeCloseTo(-(logLikelihood + logHyperparameterPrior(u, 1)), 12);
    expect(objective.logMarginalLikelihoodAtLastValue).toBeCloseTo(logLikelihood, 12);
  });

  it('has an analytic gradient that matches central finite differences (numeric + categorical dims, known noise)', () => {
    const n = 25;
    const d = 3;
    const rng = createRng(11);
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    const known = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      x[a * d] = rng.next();
      x[a * d + 1] = rng.next();
      x[a * d + 2] = rng.int(3); // categorical
      y[a] = Math.sin(5 * x[a * d]) + x[a * d + 2] * 0.5 + 0.1 * rng.normal();
      known[a] = 0.01 * rng.next();
    }
    const objective = new MarginalLikelihoodObjective(x, n, d, [false, false, true], y, known);
    for (const u of [
      Float64Array.from([-1.2, 0.3, -0.5, 0.2, -4]),
      Float64Array.from([0.5, -2, 1.5, -1, -9]),
    ]) {
      const value = objective.value(u);
      expect(Number.isFinite(value)).toBe(true);
      const gradient = new Float64Array(d + 2);
      objective.gradientAtLastValue(gradient);
      const h = 1e-5;
      for (let j = 0; j < d + 2; j++) {
        const plus = Float64Array.from(u);
        const minus = Float64Array.from(u);
        plus[j] += h;
        minus[j] -= h;
        const numeric = (objective.value(plus) - objective.value(minus)) / (2 * h);
        expect(Math.abs(gradient[j] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('has an analytic gradient that matches central finite differences with inactive conditional coordinates (NaN)', () => {
    const n = 20;
    const d = 2;
    const rng = createRng(5);
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      x[a * d] = rng.next();
      const active = rng.next() < 0.6;
      x[a * d + 1] = active ? rng.next() : Number.NaN;
      y[a] = Math.sin(4 * x[a * d]) + (active ? x[a * d + 1] : -0.5) + 0.05 * rng.normal();
    }
    const objective = new MarginalLikelihoodObjective(x, n, d, [false, false], y, undefined, [false, true]);
    const u = Float64Array.from([-0.8, 0.1, 0.2, -4]);
    expect(Number.isFinite(objective.value(u))).toBe(true);
    const gradient = new Float64Array(d + 2);
    objective.gradientAtLastValue(gradient);
    const h = 1e-5;
    for (let j = 0; j < d + 2; j++) {
      const plus = Float64Array.from(u);
      const minus = Float64Array.from(u);
      plus[j] += h;
      minus[j] -= h;
      const numeric = (objective.value(plus) - objective.value(minus)) / (2 * h);
      expect(Math.abs(gradient[j] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('returns Infinity where K is not positive definite and refuses a gradient there', () => {
    // Two identical inputs, no noise at all would be singular; the noise floor here is e^-60 ≈ 1e-26.
    const objective = new MarginalLikelihoodObjective(
      Float64Array.from([0.3, 0.3]), 2, 1, [false], Float64Array.from([1, -1]), undefined,
    );
    expect(objective.value(Float64Array.from([0, 0, -60]))).toBe(Number.POSITIVE_INFINITY);
    expect(() => objective.gradientAtLastValue(new Float64Array(3))).toThrow(/not finite/);
  });
});
