import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../src/stopping/config.js';
import { RULE_NAMES } from '../../src/stopping/registry.js';
import { replay } from '../../src/stopping/replay.js';
import type { StoppingConfig } from '../../src/stopping/rule.js';
import { createStopper } from '../../src/stopping/stopper.js';
import { emCurve, lateStartCurve, randomCurve } from './curves.js';

/** A few parameter settings per rule, so that stops happen early, late and never on the random curves. */
const SETTINGS: StoppingConfig[] = [
  defaultStoppingConfig('none'),
  defaultStoppingConfig('patience', { patience: 2, minDelta: 0 }),
  defaultStoppingConfig('patience', { patience: 4, minDelta: 0.01, warmup: 100_000, restoreBest: false }),
  defaultStoppingConfig('patience', { patience: 3, minDelta: 0.02, metric: 'devLoss' }),
  defaultStoppingConfig('threshold', { target: 0.6 }),
  defaultStoppingConfig('threshold', { target: 0.9, warmup: 150_000 }),
  defaultStoppingConfig('plateau', { window: 3, tolerance: 0.05 }),
  defaultStoppingConfig('plateau', { window: 6, tolerance: 0.02, restoreBest: false }),
  defaultStoppingConfig('median', { minPeers: 3 }),
  defaultStoppingConfig('median', { minPeers: 2, metric: 'devLoss', warmup: 50_000 }),
  defaultStoppingConfig('extrapolate', {}),
  defaultStoppingConfig('extrapolate', { model: 'pow3', margin: 0.02, fitWindow: 10, sigmas: 0 }),
  defaultStoppingConfig('extrapolate', { bound: 0.7, minPoints: 5 }),
  defaultStoppingConfig('patience', { patience: 2, startGain: 0 }),
  defaultStoppingConfig('threshold', { target: 0.3, startGain: 0.2 }),
];

describe('createStopper', () => {
  it('covers every rule in the equivalence settings', () => {
    expect(new Set(SETTINGS.map((s) => s.rule))).toEqual(new Set(RULE_NAMES));
  });

  it('makes exactly the decisions replay finds, point by point, for every rule on random curves', () => {
    let stops = 0;
    let runs = 0;
    for (const config of SETTINGS) {
      for (let seed = 0; seed < 17; seed++) {
        // Fifteen random curves and two that start learning late (flat at EM 0 for 5 and 10 evaluations).
        const curve = seed < 15 ? randomCurve(seed, 30) : lateStartCurve(seed === 15 ? 5 : 10, 30);
        const context = {
          budgetTokens: 400_000,
          peers: [1, 2, 3, 4].map((k) => randomCurve(1000 * k + seed, 25 + k)),
        };
        const expected = replay(config, curve, context);
        const stopper = createStopper(config, context);
        let firstStop: number | null = null;
        let reason = 'end of curve';
        let restoreAtStop: number | null = null;
        curve.forEach((point, index) => {
          const decision = stopper.observe(point);
          if (decision.stop && firstStop === null) {
            firstStop = index;
            reason = decision.reason ?? '';
            restoreAtStop = config.restoreBest ? stopper.bestIndex() : index;
          }
        });
        runs++;
        if (firstStop !== null) stops++;
        expect({ firstStop, reason }).toEqual({ firstStop: expected.stopIndex, reason: expected.reason });
        if (firstStop !== null) expect(restoreAtStop).toBe(expected.restoreIndex);
      }
    }
    // The comparison means something only if rules actually fire on these curves, and not always.
    expect(stops).toBeGreaterThan(runs / 3);
    expect(stops).toBeLessThan(runs);
  });

  it('keeps saying stop after it has stopped, and records the points', () => {
    const stopper = createStopper(defaultStoppingConfig('threshold', { target: 0.5 }), { budgetTokens: 1e6 });
    const curve = emCurve([0.1, 0.6, 0.2]);
    const decisions = curve.map((p) => stopper.observe(p));
    expect(decisions.map((d) => d.stop)).toEqual([false, true, true]);
    expect(decisions[2].reason).toBe(decisions[1].reason);
    expect(stopper.curve).toEqual(curve);
    expect(stopper.bestIndex()).toBe(1);
  });

  it('checks its config up front and rejects decreasing tokens', () => {
    expect(() => createStopper({ rule: 'patience', evalEvery: 1000, warmup: 0, startGain: 0.01, restoreBest: true, patience: 0 }, { budgetTokens: 1 })).toThrow(
      'stopping config.patience: expected an integer ≥ 1, got 0',
    );
    const stopper = createStopper(defaultStoppingConfig('none'), { budgetTokens: 1e6 });
    stopper.observe({ tokens: 2000, devEm: 0, devLoss: 1 });
    expect(() => stopper.observe({ tokens: 1000, devEm: 0, devLoss: 1 })).toThrow(RangeError);
  });

  it('takes startGain from its config: holds a run flat at EM 0 by default, not with startGain 0', () => {
    const late = lateStartCurve(8);
    const firstStop = (startGain: number): number => {
      const stopper = createStopper(defaultStoppingConfig('patience', { patience: 3, startGain }), { budgetTokens: 3e6 });
      return late.findIndex((point) => stopper.observe(point).stop);
    };
    expect(firstStop(0)).toBe(3);
    expect(firstStop(0.01)).toBeGreaterThan(8);
    expect(createStopper({ ...defaultStoppingConfig('none'), startGain: 0.2 }, { budgetTokens: 1 }).config.startGain).toBe(0.2);
  });
});
