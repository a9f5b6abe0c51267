import { describe, expect, it } from 'vitest';
import { hyperparameterBounds } from '../../src/gp/hyperparameter-vector.js';
import { lengthscalePrior, logHyperparameterPrior, priorModeVector, samplePriorVector } from '../../src/gp/priors.js';
import { createRng } from '../../src/random/rng.js';

describe('hyperparameter priors', () => {
  it('uses the dimension-scaled length-scale prior of Hvarfner et al. 2024', () => {
    expect(lengthscalePrior(1)).toEqual({ loc: Math.SQRT2, scale: Math.sqrt(3) });
    expect(lengthscalePrior(8).loc).toBeCloseTo(Math.SQRT2 + 0.5 * Math.log(8), 14);
  });

  it('has an analytic gradient that matches finite differences', () => {
    const d = 3;
    const u = Float64Array.from([-1, 0.3, 2, 0.4, -7]);
    const gradient = new Float64Array(d + 2);
    logHyperparameterPrior(u, d, gradient);
    const h = 1e-6;
    for (let j = 0; j < d + 2; j++) {
      const plus = Float64Array.from(u);
      const minus = Float64Array.from(u);
      plus[j] += h;
      minus[j] -= h;
      const numeric = (logHyperparameterPrior(plus, d) - logHyperparameterPrior(minus, d)) / (2 * h);
      expect(gradient[j]).toBeCloseTo(numeric, 6);
    }
  });

  it('is maximal at the mode vector (zero gradient there, inside the bounds)', () => {
    const d = 4;
    const mode = priorModeVector(d);
    const gradient = new Float64Array(d + 2);
    logHyperparameterPrior(mode, d, gradient);
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-12);
  });

  it('draws restarts inside the bounds, reproducibly', () => {
    const { lower, upper } = hyperparameterBounds(5);
    const a = samplePriorVector(5, createRng(3));
    expect(Array.from(samplePriorVector(5, createRng(3)))).toEqual(Array.from(a));
    const rng = createRng(4);
    for (let t = 0; t < 200; t++) {
      const u = samplePriorVector(5, rng);
      for (let j = 0; j < 7; j++) {
        expect(u[j]).toBeGreaterThanOrEqual(lower[j]);
        expect(u[j]).toBeLessThanOrEqual(upper[j]);
      }
    }
  });
});
