import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../src/stopping/config.js';
import { decide, RULE_NAMES, RULES } from '../../src/stopping/registry.js';
import type { StoppingConfig } from '../../src/stopping/rule.js';
import { emCurve } from './curves.js';

describe('decide and RULES', () => {
  it('lists the six rules, each with a summary and a decide that applies warmup', () => {
    expect(RULE_NAMES).toEqual(['none', 'patience', 'threshold', 'plateau', 'median', 'extrapolate']);
    const curve = emCurve([0.99]);
    for (const name of RULE_NAMES) {
      expect(RULES[name].summary.length).toBeGreaterThan(10);
      const config = defaultStoppingConfig(name, { warmup: 2000 });
      expect(RULES[name].decide(config, curve, { budgetTokens: 1e6 })).toEqual({ stop: false });
      expect(decide(config, [], { budgetTokens: 1e6 })).toEqual({ stop: false });
    }
  });

  it('prefixes reasons with the rule and fills missing parameters with defaults', () => {
    const bare = { rule: 'threshold', evalEvery: 1000, warmup: 0, restoreBest: true } as StoppingConfig;
    expect(decide(bare, emCurve([0.96]), { budgetTokens: 1e6 })).toEqual({
      stop: true,
      reason: 'rule:threshold (dev EM 0.96 ≥ target 0.95)',
    });
  });

  it('refuses an unknown rule', () => {
    const bad = { rule: 'early', evalEvery: 1000, warmup: 0, restoreBest: true } as unknown as StoppingConfig;
    expect(() => decide(bad, emCurve([0.5]), { budgetTokens: 1e6 })).toThrow(/unknown stopping rule "early"/);
  });
});
