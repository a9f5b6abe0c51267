import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { decide } from '../../../src/stopping/registry.js';
import { replay } from '../../../src/stopping/replay.js';
import type { CurvePoint } from '../../../src/stopping/types.js';
import { lateStartCurve } from '../curves.js';

const budget = { budgetTokens: 2_000_000 };
const curveOf = (f: (t: number) => number, n = 30): CurvePoint[] =>
  Array.from({ length: n }, (_, i) => {
    const tokens = 50_000 * (i + 1);
    return { tokens, devEm: f(tokens), devLoss: 1 - f(tokens) };
  });
// Saturates at 0.9: within margin 0.01 of the prediction at the budget (≈ 0.89996) from 875.6k tokens on.
const saturating = curveOf((t) => 0.9 - 0.8 * Math.exp(-t / 200_000));
// A log-logistic curve: 0.9 / (1 + (t / 300k)^−3), 0.888 at 1.25M and 0.896 at the budget.
const sShaped = curveOf((t) => 0.9 / (1 + Math.pow(t / 300_000, -3)));
const MODELS = ['logistic', 'exp3', 'pow3'] as const;

describe('extrapolate rule', () => {
  it('stops at the first evaluation from which the predicted gain to the budget is ≤ margin (exp3 on an exp3 curve)', () => {
    const result = replay(defaultStoppingConfig('extrapolate', { model: 'exp3', margin: 0.01 }), saturating, budget);
    expect(result.tokensAtStop).toBe(900_000);
    expect(result.reason).toBe(
      'rule:extrapolate (predicted dev EM at 2e+6 tokens 0.9 (+1 SE: 0.9) ≤ best 0.891 + margin 0.01)',
    );
  });

  it('waits for minPoints and warmup', () => {
    const plateaued = curveOf((t) => (t === 50_000 ? 0.3 : 0.5), 10);
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

  it('fits a logistic in log tokens by default, which exp3 and pow3 cannot follow', () => {
    expect(defaultStoppingConfig('extrapolate').model).toBe('logistic');
    const result = replay(defaultStoppingConfig('extrapolate'), sShaped, budget);
    expect(result.tokensAtStop).toBe(1_250_000);
    expect(result.reason).toBe(
      'rule:extrapolate (predicted dev EM at 2e+6 tokens 0.897 (+1 SE: 0.897) ≤ best 0.888 + margin 0.01)',
    );
    for (const model of ['exp3', 'pow3']) {
      expect(replay(defaultStoppingConfig('extrapolate', { model }), sShaped, budget).stopIndex).toBeNull();
    }
  });

  it('does not stop a run flat at EM 0 before it starts learning, with every model', () => {
    const late = lateStartCurve(8);
    const context = { budgetTokens: 3_000_000 };
    for (const model of MODELS) {
      for (const startGain of [0.01, 0]) {
        const config = defaultStoppingConfig('extrapolate', { model, startGain, minPoints: 4 });
        // Nothing before the first evaluation above 0 (index 8), and nothing in the early rise either.
        const result = replay(config, late, context);
        if (result.stopIndex !== null) expect(late[result.stopIndex].devEm).toBeGreaterThanOrEqual(0.88);
      }
    }
  });

  it('stops a late starter once it saturates, however long its flat start (logistic; exp3/pow3 on a window)', () => {
    const context = { budgetTokens: 3_000_000 };
    for (const flat of [0, 4, 8, 12, 16]) {
      const late = lateStartCurve(flat);
      const result = replay(defaultStoppingConfig('extrapolate'), late, context);
      expect(result.stopIndex).not.toBeNull();
      expect(late[result.stopIndex!].devEm).toBeGreaterThanOrEqual(0.89);
    }
    const late = lateStartCurve(8);
    for (const model of MODELS) {
      const result = replay(defaultStoppingConfig('extrapolate', { model, fitWindow: 8 }), late, context);
      expect(result.stopIndex).not.toBeNull();
      expect(late[result.stopIndex!].devEm).toBeGreaterThanOrEqual(0.885);
    }
  });
});
