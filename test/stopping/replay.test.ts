import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../src/stopping/config.js';
import { decide } from '../../src/stopping/registry.js';
import { replay } from '../../src/stopping/replay.js';
import { emCurve, lateStartCurve, randomCurve } from './curves.js';

const context = { budgetTokens: 1e6 };

describe('replay', () => {
  const curve = emCurve([0.2, 0.7, 0.5, 0.5, 0.5, 0.9]);

  it('restores the best checkpoint before the stop with restoreBest, the stop point without', () => {
    const restoring = replay(defaultStoppingConfig('patience', { patience: 3 }), curve, context);
    expect(restoring).toEqual({
      stopIndex: 4,
      tokensAtStop: 5000,
      reason: 'rule:patience (no dev EM gain > 0.001 in 3 evals)',
      restoreIndex: 1,
    });
    const keeping = replay(defaultStoppingConfig('patience', { patience: 3, restoreBest: false }), curve, context);
    expect(keeping.restoreIndex).toBe(4);
  });

  it('reports the end of the curve when the rule never fires', () => {
    expect(replay(defaultStoppingConfig('patience', { patience: 10 }), curve, context)).toEqual({
      stopIndex: null,
      tokensAtStop: 6000,
      reason: 'end of curve',
      restoreIndex: 5,
    });
    expect(replay(defaultStoppingConfig('none'), [], context)).toEqual({
      stopIndex: null,
      tokensAtStop: 0,
      reason: 'end of curve',
      restoreIndex: null,
    });
  });

  it('is the first prefix on which decide says stop, and is deterministic', () => {
    const config = defaultStoppingConfig('plateau', { window: 3, tolerance: 0.05 });
    for (let seed = 0; seed < 10; seed++) {
      const random = randomCurve(seed, 30);
      const result = replay(config, random, context);
      const first = random.findIndex((_, i) => decide(config, random.slice(0, i + 1), context).stop);
      expect(result.stopIndex).toBe(first === -1 ? null : first);
      expect(replay(config, random, context)).toEqual(result);
    }
  });

  it("applies the config's startGain: a run flat at EM 0 is not stopped before it starts learning", () => {
    const late = lateStartCurve(8);
    const guarded = replay(defaultStoppingConfig('patience', { patience: 3 }), late, context);
    expect(guarded.stopIndex).toBeGreaterThan(8);
    expect(late[guarded.restoreIndex!].devEm).toBeGreaterThan(0.85);
    expect(replay(defaultStoppingConfig('patience', { patience: 3, startGain: 0 }), late, context)).toEqual({
      stopIndex: 3,
      tokensAtStop: 200_000,
      reason: 'rule:patience (no dev EM gain > 0.001 in 3 evals)',
      // All at EM 0: the best checkpoint is the one with the lowest dev loss.
      restoreIndex: 3,
    });
  });
});
