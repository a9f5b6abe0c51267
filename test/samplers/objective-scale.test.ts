import { describe, expect, it } from 'vitest';
import { objectiveScales, standardErrorToModelScale, toModelScale } from '../../src/samplers/objective-scale.js';
import { DEFAULT_OBJECTIVE_TRANSFORMS } from '../../src/samplers/index.js';

const objectives = [
  { name: 'tokens', direction: 'minimize' as const },
  { name: 'em', direction: 'maximize' as const },
];

describe('objectiveScales', () => {
  it('models tokens in log space by default and negates maximized objectives', () => {
    const [tokens, em] = objectiveScales(objectives, DEFAULT_OBJECTIVE_TRANSFORMS, [[1e5, 0.5], [1e6, 0.7]], null);
    expect(tokens).toEqual({ sign: 1, log: true });
    expect(em).toEqual({ sign: -1, log: false });
    expect(toModelScale(1e6, tokens)).toBeCloseTo(Math.log(1e6), 12);
    expect(toModelScale(0.7, em)).toBe(-0.7);
    // Delta method: se of log(v) ≈ se / v.
    expect(standardErrorToModelScale(1e6, 2e4, tokens)).toBeCloseTo(0.02, 12);
    expect(standardErrorToModelScale(0.7, 0.05, em)).toBe(0.05);
  });

  it('falls back to the identity when a value or the reference point is not positive', () => {
    expect(objectiveScales(objectives, DEFAULT_OBJECTIVE_TRANSFORMS, [[0, 0.5]], null)[0].log).toBe(false);
    expect(objectiveScales(objectives, DEFAULT_OBJECTIVE_TRANSFORMS, [[5, 0.5]], [-1, 0])[0].log).toBe(false);
    expect(objectiveScales(objectives, { tokens: 'identity' }, [[5, 0.5]], null)[0].log).toBe(false);
  });
});
