import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { replay } from '../../../src/stopping/replay.js';
import { emCurve, randomCurve } from '../curves.js';

describe('none rule', () => {
  it('never stops, whatever the curve; the run ends at the budget', () => {
    const config = defaultStoppingConfig('none');
    const flat = emCurve(Array.from({ length: 50 }, () => 0.5));
    expect(replay(config, flat, { budgetTokens: 1000 }).stopIndex).toBeNull();
    for (let seed = 0; seed < 20; seed++) {
      const result = replay(config, randomCurve(seed, 40), { budgetTokens: 1e6, peers: [randomCurve(seed + 100, 40)] });
      expect(result.stopIndex).toBeNull();
      expect(result.reason).toBe('end of curve');
    }
  });
});
