import { describe, expect, it } from 'vitest';
import type { GPHyperparameters, GPInputs } from '../../src/gp/index.js';
import { createRng } from '../../src/random/rng.js';
import {
  adjustedHyperparameters,
  conditionAsDataAllow,
  DETERMINISTIC_NOISE_FLOOR,
  LENGTHSCALE_ADJUSTMENTS,
  MAX_MODEL_LENGTHSCALE,
  UNADJUSTED,
} from '../../src/samplers/model-adjustments.js';

const fitted: GPHyperparameters = { lengthscales: Float64Array.of(0.25, 4), signalVariance: 1, noiseVariance: 1e-3 };

describe('adjustedHyperparameters', () => {
  it('shrinks log length scales towards their mean, caps them, and floors the noise of a noiseless fit', () => {
    const adjusted = adjustedHyperparameters(fitted, {}, { shrinkage: 0.5, cap: MAX_MODEL_LENGTHSCALE });
    // Mean log: log(1); halfway: √0.25 = 0.5 and √4 = 2 → capped at 1.5.
    expect(adjusted.lengthscales[0]).toBeCloseTo(0.5, 12);
    expect(adjusted.lengthscales[1]).toBe(MAX_MODEL_LENGTHSCALE);
    expect(adjusted.noiseVariance).toBe(DETERMINISTIC_NOISE_FLOOR);
    expect(adjusted.signalVariance).toBe(1);
  });

  it('leaves everything as fitted when unadjusted with told noise, or with noise above the threshold', () => {
    const told = adjustedHyperparameters(fitted, { noiseVariance: new Float64Array(3) }, UNADJUSTED);
    expect(Array.from(told.lengthscales)).toEqual([0.25, 4]);
    expect(told.noiseVariance).toBe(1e-3);
    expect(adjustedHyperparameters({ ...fitted, noiseVariance: 0.05 }, {}, UNADJUSTED).noiseVariance).toBe(0.05);
  });
});

describe('conditionAsDataAllow', () => {
  function inputs(y: (x0: number, x1: number) => number, n = 30): GPInputs {
    const rng = createRng(3);
    const x = Float64Array.from({ length: n * 2 }, () => rng.next());
    return { x, n, d: 2, y: Float64Array.from({ length: n }, (_, i) => y(x[2 * i], x[2 * i + 1])), categorical: [false, false] };
  }

  it('applies the strongest adjustment when the data do not object', () => {
    // A smooth function of both inputs: shrinking the fitted scales costs little likelihood.
    const smooth = inputs((a, b) => Math.sin(2 * a) + Math.cos(2 * b));
    const { adjustment } = conditionAsDataAllow(smooth, { lengthscales: Float64Array.of(0.8, 1.2), signalVariance: 1, noiseVariance: 1e-4 });
    expect(adjustment).toBe(LENGTHSCALE_ADJUSTMENTS[0]);
  });

  it('keeps a long length scale the data demand: an input that does not matter at all', () => {
    // y depends on x0 only; the fit says x1 is irrelevant (length scale 500). Capping it at 1.5 would claim
    // variation along x1 that 30 exact observations contradict.
    const oneInput = inputs((a) => Math.sin(6 * a));
    const { adjustment, model } = conditionAsDataAllow(oneInput, { lengthscales: Float64Array.of(0.3, 500), signalVariance: 1, noiseVariance: 1e-4 });
    expect(adjustment).toBe(UNADJUSTED);
    expect(model.hyperparameters.lengthscales[1]).toBe(500);
  });
});
