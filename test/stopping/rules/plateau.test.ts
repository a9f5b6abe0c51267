import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { replay } from '../../../src/stopping/replay.js';
import { relativeLossChange } from '../../../src/stopping/rules/plateau.js';
import { lateStartCurve, lossCurve } from '../curves.js';

const context = { budgetTokens: 1e6 };
// lossCurve holds dev EM at 0.5: startGain 0 lets these tests watch the loss alone (the guard has its own test).
const unguarded = { startGain: 0 };

describe('plateau rule', () => {
  it('computes |least-squares slope × token span| / |mean loss|', () => {
    // Points (0,1), (1,3), (2,2): slope 0.5, span 2, mean 2 → 0.5.
    const points = [
      { tokens: 0, devEm: 0, devLoss: 1 },
      { tokens: 1, devEm: 0, devLoss: 3 },
      { tokens: 2, devEm: 0, devLoss: 2 },
    ];
    expect(relativeLossChange(points)).toBeCloseTo(0.5, 12);
  });

  it('stops once the last `window` losses are flat within tolerance', () => {
    const curve = lossCurve([3, 2, 1.5, 1.2, 1.1, 1.1, 1.1, 1.1]);
    const result = replay(defaultStoppingConfig('plateau', { window: 3, tolerance: 0.01, ...unguarded }), curve, context);
    // Window [1.2, 1.1, 1.1] changes by 0.1 / 1.133 = 8.8 %; [1.1, 1.1, 1.1] by 0.
    expect(result.stopIndex).toBe(6);
    expect(result.reason).toBe('rule:plateau (relative dev-loss change 0 over the last 3 evals < 0.01)');
    // A looser tolerance admits the 8.8 % window.
    expect(replay(defaultStoppingConfig('plateau', { window: 3, tolerance: 0.1, ...unguarded }), curve, context).stopIndex).toBe(5);
  });

  it('treats a rising loss as change, waits for a full window and for warmup', () => {
    const rising = lossCurve([1, 1.2, 1.4, 1.6, 1.8]);
    expect(replay(defaultStoppingConfig('plateau', { window: 3, ...unguarded }), rising, context).stopIndex).toBeNull();
    const flat = lossCurve([1, 1, 1, 1, 1, 1]);
    expect(replay(defaultStoppingConfig('plateau', { window: 4, ...unguarded }), flat, context).stopIndex).toBe(3);
    expect(replay(defaultStoppingConfig('plateau', { window: 4, warmup: 5500, ...unguarded }), flat, context).stopIndex).toBe(5);
  });

  it('does not stop on a window holding a non-finite loss', () => {
    const curve = lossCurve([1, 1, NaN, 1, 1, 1]);
    // The windows ending at indices 2, 3 and 4 hold the NaN; the one ending at 5 is the first clean full window.
    expect(replay(defaultStoppingConfig('plateau', { window: 3, ...unguarded }), curve, context).stopIndex).toBe(5);
  });

  it('does not stop while dev EM is flat at 0, even though dev loss has flattened; stops once the rise saturates', () => {
    const late = lateStartCurve(8);
    const config = { window: 3, tolerance: 0.01 };
    // Dev loss is flat within 1 % from the 4th evaluation while EM is still 0: without the guard that is a plateau.
    expect(replay(defaultStoppingConfig('plateau', { ...config, ...unguarded }), late, context).stopIndex).toBeLessThan(8);
    const result = replay(defaultStoppingConfig('plateau', config), late, context);
    expect(result.stopIndex).not.toBeNull();
    expect(late[result.stopIndex!].devEm).toBeGreaterThanOrEqual(0.89);
  });
});
