import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { replay } from '../../../src/stopping/replay.js';
import { emCurve, lateStartCurve } from '../curves.js';

const context = { budgetTokens: 1e6 };
const curve = emCurve([0.5, 0.94, 0.95, 0.97, 0.99]);

describe('threshold rule', () => {
  it('stops at the first evaluation with dev EM ≥ target', () => {
    const result = replay(defaultStoppingConfig('threshold', { target: 0.95 }), curve, context);
    expect(result.stopIndex).toBe(2);
    expect(result.reason).toBe('rule:threshold (dev EM 0.95 ≥ target 0.95)');
  });

  it('waits for warmup', () => {
    expect(replay(defaultStoppingConfig('threshold', { target: 0.95, warmup: 3500 }), curve, context).stopIndex).toBe(3);
  });

  it('never stops below the target', () => {
    expect(replay(defaultStoppingConfig('threshold', { target: 0.995 }), curve, context).stopIndex).toBeNull();
  });

  it('does not stop before learning has started, even with a target the flat start meets', () => {
    const late = lateStartCurve(8);
    // Target 0 is met by the first evaluation; the guard waits for the first evaluation above 0 + 0.01.
    const result = replay(defaultStoppingConfig('threshold', { target: 0 }), late, context);
    expect(result.stopIndex).toBe(8);
    expect(result.reason).toBe('rule:threshold (dev EM 0.06 ≥ target 0)');
    expect(replay(defaultStoppingConfig('threshold', { target: 0, startGain: 0 }), late, context).stopIndex).toBe(0);
    expect(replay(defaultStoppingConfig('threshold', { target: 0.85 }), late, context).stopIndex).toBe(22);
  });
});
