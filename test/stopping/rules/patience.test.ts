import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { decide } from '../../../src/stopping/registry.js';
import { replay } from '../../../src/stopping/replay.js';
import { emCurve, lateStartCurve, lossCurve } from '../curves.js';

const context = { budgetTokens: 1e6 };

describe('patience rule', () => {
  const stalling = emCurve([0.2, 0.4, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]);

  it('stops at the patience-th evaluation without improvement, with a reason', () => {
    const config = defaultStoppingConfig('patience', { patience: 3, minDelta: 0.001 });
    const result = replay(config, stalling, context);
    expect(result.stopIndex).toBe(5);
    expect(result.tokensAtStop).toBe(6000);
    expect(result.reason).toBe('rule:patience (no dev EM gain > 0.001 in 3 evals)');
    expect(decide(config, stalling.slice(0, 5), context).stop).toBe(false);
  });

  it('does not stop before warmup, and stops at the first evaluation past it', () => {
    const config = defaultStoppingConfig('patience', { patience: 3, warmup: 7000 });
    const result = replay(config, stalling, context);
    expect(result.stopIndex).toBe(6);
    expect(result.reason).toBe('rule:patience (no dev EM gain > 0.001 in 4 evals)');
  });

  it('measures gains against the last improvement, so a slow creep resets the count once it adds up', () => {
    // Each step gains 0.0008 < minDelta, but every second step is 0.0016 above the reference.
    const creep = emCurve([0.5, 0.5008, 0.5016, 0.5024, 0.5032, 0.504, 0.5048, 0.5056]);
    const config = defaultStoppingConfig('patience', { patience: 2, minDelta: 0.001 });
    expect(replay(config, creep, context).stopIndex).toBeNull();
    // Against a larger minDelta the same creep is a stall (startGain 0: the creep never gains the default 0.01).
    const strict = defaultStoppingConfig('patience', { patience: 2, minDelta: 0.002, startGain: 0 });
    expect(replay(strict, creep, context).stopIndex).toBe(2);
  });

  it('watches dev loss (lower is better) when metric is devLoss', () => {
    // Dev EM stays at 0.5 on this curve: startGain 0 lets the loss alone decide.
    const curve = lossCurve([2, 1.5, 1.2, 1.25, 1.3, 1.19, 1.0]);
    const config = defaultStoppingConfig('patience', { patience: 3, minDelta: 0.05, metric: 'devLoss', startGain: 0 });
    const result = replay(config, curve, context);
    expect(result.stopIndex).toBe(5);
    expect(result.reason).toBe('rule:patience (no dev loss drop > 0.05 in 3 evals)');
  });

  it('keeps going while the metric improves', () => {
    const rising = emCurve([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(replay(defaultStoppingConfig('patience', { patience: 1 }), rising, context).stopIndex).toBeNull();
  });

  it('does not stop a run flat at EM 0 before it starts learning, then stops once it saturates', () => {
    // Dev EM 0 for 8 evaluations (dev loss within 0.01 of 1.3 from the 4th), then an S-shaped rise to 0.9.
    const late = lateStartCurve(8);
    for (const metric of ['devEm', 'devLoss']) {
      const config = defaultStoppingConfig('patience', { patience: 3, minDelta: 0.01, metric });
      const result = replay(config, late, context);
      expect(result.stopIndex).not.toBeNull();
      expect(late[result.stopIndex!].devEm).toBeGreaterThanOrEqual(0.89);
      // With the guard off, the flat start is a stall.
      const unguarded = defaultStoppingConfig('patience', { patience: 3, minDelta: 0.01, metric, startGain: 0 });
      expect(replay(unguarded, late, context).stopIndex).toBeLessThan(8);
    }
  });
});
