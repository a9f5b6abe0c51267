import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { decide } from '../../../src/stopping/registry.js';
import { replay } from '../../../src/stopping/replay.js';
import { emCurve, lossCurve } from '../curves.js';

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
    // Against a larger minDelta the same creep is a stall.
    const strict = defaultStoppingConfig('patience', { patience: 2, minDelta: 0.002 });
    expect(replay(strict, creep, context).stopIndex).toBe(2);
  });

  it('watches dev loss (lower is better) when metric is devLoss', () => {
    const curve = lossCurve([2, 1.5, 1.2, 1.25, 1.3, 1.19, 1.0]);
    const config = defaultStoppingConfig('patience', { patience: 3, minDelta: 0.05, metric: 'devLoss' });
    const result = replay(config, curve, context);
    expect(result.stopIndex).toBe(5);
    expect(result.reason).toBe('rule:patience (no dev loss drop > 0.05 in 3 evals)');
  });

  it('keeps going while the metric improves', () => {
    const rising = emCurve([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(replay(defaultStoppingConfig('patience', { patience: 1 }), rising, context).stopIndex).toBeNull();
  });
});
