import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../src/stopping/config.js';
import { decide, learningHasStarted, RULE_NAMES, RULES } from '../../src/stopping/registry.js';
import type { StoppingConfig } from '../../src/stopping/rule.js';
import { emCurve, lateStartCurve } from './curves.js';

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

  it('prefixes reasons with the rule and fills missing parameters (startGain too) with defaults', () => {
    const bare = { rule: 'threshold', evalEvery: 1000, warmup: 0, restoreBest: true } as StoppingConfig;
    expect(decide(bare, emCurve([0.5, 0.96]), { budgetTokens: 1e6 })).toEqual({
      stop: true,
      reason: 'rule:threshold (dev EM 0.96 ≥ target 0.95)',
    });
    // The default startGain 0.01 holds a curve that has not risen above its first value.
    expect(decide(bare, emCurve([0.96]), { budgetTokens: 1e6 })).toEqual({ stop: false });
    expect(decide({ ...bare, startGain: 0 }, emCurve([0.96]), { budgetTokens: 1e6 }).stop).toBe(true);
    expect(() => decide({ ...bare, startGain: -1 }, emCurve([0.96]), { budgetTokens: 1e6 })).toThrow(
      'stopping config: startGain: expected a number ≥ 0, got -1',
    );
  });

  it('a registered rule decides only configs of its own rule', () => {
    expect(() => RULES.patience.decide(defaultStoppingConfig('threshold'), emCurve([0.5]), { budgetTokens: 1e6 })).toThrow(
      'stopping rule patience was given a config of rule threshold',
    );
  });

  it('refuses an unknown rule', () => {
    const bad = { rule: 'early', evalEvery: 1000, warmup: 0, restoreBest: true } as unknown as StoppingConfig;
    expect(() => decide(bad, emCurve([0.5]), { budgetTokens: 1e6 })).toThrow(/unknown stopping rule "early"/);
  });
});

describe('the start guard (startGain)', () => {
  it('says learning has started once the best dev EM exceeds the first by more than startGain', () => {
    expect(learningHasStarted(emCurve([0, 0, 0, 0]), 0.01)).toBe(false);
    expect(learningHasStarted(emCurve([0, 0, 0.01]), 0.01)).toBe(false);
    expect(learningHasStarted(emCurve([0, 0, 0.011]), 0.01)).toBe(true);
    // The best so far counts, not the last: a run that rose and fell back has started.
    expect(learningHasStarted(emCurve([0.2, 0.5, 0.2]), 0.01)).toBe(true);
    // A curve that only falls has not.
    expect(learningHasStarted(emCurve([0.5, 0.4, 0.3]), 0.01)).toBe(false);
    expect(learningHasStarted([], 0.01)).toBe(false);
  });

  it('ignores non-finite dev EM values: the first finite value is the start', () => {
    expect(learningHasStarted(emCurve([NaN, 0.3, 0.3]), 0.01)).toBe(false);
    expect(learningHasStarted(emCurve([NaN, 0.3, Infinity, 0.305]), 0.01)).toBe(false);
    expect(learningHasStarted(emCurve([NaN, 0.3, Infinity, 0.32]), 0.01)).toBe(true);
    expect(learningHasStarted(emCurve([NaN, NaN]), 0.01)).toBe(false);
  });

  it('holds every rule while the curve is flat at EM 0, whatever the rule watches; startGain 0 turns it off', () => {
    // Dev loss falls and flattens during the 8 flat evaluations: loss-watching rules are held by dev EM too.
    const flat = lateStartCurve(8).slice(0, 8);
    const peersAhead = [0.9, 0.95, 0.97].map((level) => emCurve(flat.map((_, i) => level * (1 - 0.5 ** (i + 1))), 50_000));
    const context = { budgetTokens: 3e6, peers: peersAhead };
    const eager: Record<string, Record<string, unknown>> = {
      none: {},
      patience: { patience: 2 },
      threshold: { target: 0 },
      plateau: { window: 3, tolerance: 0.05 },
      median: { minPeers: 3 },
      extrapolate: { minPoints: 4 },
    };
    for (const name of RULE_NAMES) {
      const guarded = defaultStoppingConfig(name, eager[name]);
      for (let i = 0; i < flat.length; i++) expect(decide(guarded, flat.slice(0, i + 1), context).stop).toBe(false);
    }
    // Without the guard, each rule but none (and extrapolate, which has no rise to fit) stops on the flat part.
    for (const name of ['patience', 'threshold', 'plateau', 'median'] as const) {
      const unguarded = defaultStoppingConfig(name, { ...eager[name], startGain: 0 });
      expect(flat.some((_, i) => decide(unguarded, flat.slice(0, i + 1), context).stop)).toBe(true);
    }
  });
});
