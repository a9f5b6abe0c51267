import { describe, expect, it } from 'vitest';
import {
  fromHyperparameterVector,
  HYPERPARAMETER_BOUNDS,
  toHyperparameterVector,
} from '../../src/gp/hyperparameter-vector.js';

describe('hyperparameter vector', () => {
  it('round-trips hyperparameters through log space', () => {
    const hyperparameters = { lengthscales: Float64Array.from([0.3, 2, 40]), signalVariance: 1.7, noiseVariance: 1e-3 };
    const back = fromHyperparameterVector(toHyperparameterVector(hyperparameters, 3), 3);
    for (let i = 0; i < 3; i++) expect(back.lengthscales[i]).toBeCloseTo(hyperparameters.lengthscales[i], 12);
    expect(back.signalVariance).toBeCloseTo(1.7, 12);
    expect(back.noiseVariance).toBeCloseTo(1e-3, 15);
  });

  it('clamps a warm start that lies outside the bounds (or is not finite) into them', () => {
    const u = toHyperparameterVector({ lengthscales: Float64Array.from([1e-9, 1e9]), signalVariance: Number.NaN, noiseVariance: 0 }, 2);
    expect(u[0]).toBe(HYPERPARAMETER_BOUNDS.lengthscale.lower);
    expect(u[1]).toBe(HYPERPARAMETER_BOUNDS.lengthscale.upper);
    expect(u[2]).toBeGreaterThanOrEqual(HYPERPARAMETER_BOUNDS.signalVariance.lower);
    expect(u[2]).toBeLessThanOrEqual(HYPERPARAMETER_BOUNDS.signalVariance.upper);
    expect(u[3]).toBe(HYPERPARAMETER_BOUNDS.noiseVariance.lower);
    expect(Math.exp(u[3])).toBeCloseTo(1e-6, 18);
  });
});
