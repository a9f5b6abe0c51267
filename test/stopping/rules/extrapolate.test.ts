import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { decide } from '../../../src/stopping/registry.js';
import { replay } from '../../../src/stopping/replay.js';
import type { CurvePoint } from '../../../src/stopping/types.js';

const budget = { budgetTokens: 2_000_000 };
const curveOf = (f: (t: number) => number, n = 30): CurvePoint[] =>
  Array.from({ length: n }, (_, i) => {
    const tokens = 50_000 * (i + 1);
    return { tokens, devEm: f(tokens), devLoss: 1 - f(tokens) };
  });
// Saturates at 0.9: within margin 0.01 of the prediction at the budget (≈ 0.89996) from 875.6k tokens on.
const saturating = curveOf((t) => 0.9 - 0.8 * Math.exp(-t / 200_000));

describe('extrapolate rule', () => {
  it('stops at the first evaluation from which the predicted gain to the budget is ≤ margin', () => {
    const result = replay(defaultStoppingConfig('extrapolate', { margin: 0.01 }), saturating, budget);
    expect(result.tokensAtStop).toBe(900_000);
    expect(result.reason).toBe(
      'rule:extrapolate (predicted dev EM at 2e+6 tokens 0.9 (+1 SE: 0.9) ≤ best 0.891 + margin 0.01)',
    );
  });

  it('waits for minPoints and warmup', () => {
    const plateaued = curveOf(() => 0.5, 10);
    expect(replay(defaultStoppingConfig('extrapolate', { minPoints: 6 }), plateaued, budget).stopIndex).toBe(5);
    expect(replay(defaultStoppingConfig('extrapolate', { minPoints: 8 }), plateaued, budget).stopIndex).toBe(7);
    const warm = defaultStoppingConfig('extrapolate', { minPoints: 6, warmup: 420_000 });
    expect(replay(warm, plateaued, budget).stopIndex).toBe(8);
  });

  it('keeps going while the curve is far from its asymptote', () => {
    // A slow curve: at 1.5M tokens (EM 0.75) it still has 0.08 to gain by the budget (0.83).
    const slow = curveOf((t) => 0.95 - 0.9 * Math.exp(-t / 1_000_000));
    expect(replay(defaultStoppingConfig('extrapolate', {}), slow, budget).stopIndex).toBeNull();
  });

  it('stops when the run cannot reach the bound', () => {
    const low = curveOf((t) => 0.5 - 0.4 * Math.exp(-t / 200_000));
    const config = defaultStoppingConfig('extrapolate', { bound: 0.8, margin: 0 });
    const result = replay(config, low, budget);
    expect(result.stopIndex).toBe(5);
    expect(result.reason).toMatch(/< bound 0\.8\)$/);
    expect(replay(defaultStoppingConfig('extrapolate', { margin: 0 }), low, budget).stopIndex).toBeNull();
  });

  it('fits pow3 when asked, and only the last fitWindow points', () => {
    const pow = curveOf((t) => 0.95 - 0.5 * Math.pow(t / 100_000, -0.7));
    // pow3 saturates slowly: at 1.5M tokens EM is 0.875 and the budget promises 0.889, a gain between 0.01 and 0.05.
    expect(replay(defaultStoppingConfig('extrapolate', { model: 'pow3', margin: 0.01 }), pow, budget).stopIndex).toBeNull();
    expect(replay(defaultStoppingConfig('extrapolate', { model: 'pow3', margin: 0.05 }), pow, budget).stopIndex).not.toBeNull();
    const config = defaultStoppingConfig('extrapolate', { fitWindow: 6 });
    expect(decide(config, saturating.slice(0, 20), budget).stop).toBe(true);
  });

  it('rejects a context without a positive budget', () => {
    expect(() => decide(defaultStoppingConfig('extrapolate'), saturating, { budgetTokens: 0 })).toThrow(/budgetTokens/);
  });
});
