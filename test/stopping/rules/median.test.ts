import { describe, expect, it } from 'vitest';
import { defaultStoppingConfig } from '../../../src/stopping/config.js';
import { replay } from '../../../src/stopping/replay.js';
import { peerRunningAverage } from '../../../src/stopping/rules/median.js';
import type { CurvePoint } from '../../../src/stopping/types.js';
import { emCurve, lateStartCurve } from '../curves.js';

const points = (pairs: [number, number][]): CurvePoint[] =>
  pairs.map(([tokens, devEm]) => ({ tokens, devEm, devLoss: 1 - devEm }));

// Peers on the grid 1000..4000: A = 0.1 per 1000 tokens, B = 0.2 per 1000, C = A sampled at other tokens.
const peerA = emCurve([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
const peerB = emCurve([0.2, 0.4, 0.6, 0.8, 0.9, 0.9]);
const peerC = points([
  [500, 0.05],
  [1500, 0.15],
  [2500, 0.25],
  [3500, 0.35],
  [4500, 0.45],
]);

describe('median rule (Vizier)', () => {
  it("reads peers at the run's tokens: interpolated inside, held after their end, skipped before their start", () => {
    const grid = [1000, 2000, 3000, 4000];
    expect(peerRunningAverage(peerC, grid.slice(0, 2), 'devEm')).toBeCloseTo(0.15, 12);
    expect(peerRunningAverage(points([[1000, 0.5], [2000, 0.7]]), grid, 'devEm')).toBeCloseTo(0.65, 12);
    expect(peerRunningAverage(points([[2500, 0.4], [3500, 0.6]]), grid, 'devEm')).toBeCloseTo(0.55, 12);
    expect(peerRunningAverage(points([[5000, 0.4]]), grid, 'devEm')).toBeNull();
  });

  it("stops when the run's best so far is strictly below the median of the peers' running averages", () => {
    // Running averages at s = 1..4: A 0.1, 0.15, 0.2, 0.25; B 0.2, 0.3, 0.4, 0.5; C = A. Median = A's.
    const run = emCurve([0.2, 0.22, 0.23, 0.24]);
    const config = defaultStoppingConfig('median', { minPeers: 3 });
    const result = replay(config, run, { budgetTokens: 1e6, peers: [peerA, peerB, peerC] });
    expect(result.stopIndex).toBe(3);
    expect(result.reason).toBe("rule:median (best dev EM 0.24 worse than the median 0.25 of 3 peers' running averages)");
    // Equal to the median is not strictly worse.
    const tie = emCurve([0.2, 0.22, 0.23, 0.25]);
    expect(replay(config, tie, { budgetTokens: 1e6, peers: [peerA, peerB, peerC] }).stopIndex).toBeNull();
  });

  it('abstains with fewer than minPeers usable peers, and respects warmup', () => {
    // A flat run: startGain 0 so that only minPeers and warmup hold the rule back (the start guard is tested below).
    const run = emCurve([0.01, 0.01, 0.01, 0.01]);
    const peers = [peerA, peerB, peerC];
    const median = (overrides: Record<string, unknown>) => defaultStoppingConfig('median', { startGain: 0, ...overrides });
    expect(replay(median({ minPeers: 4 }), run, { budgetTokens: 1e6, peers }).stopIndex).toBeNull();
    expect(replay(median({ minPeers: 3 }), run, { budgetTokens: 1e6 }).stopIndex).toBeNull();
    const withEmpty = [peerA, peerB, []];
    expect(replay(median({ minPeers: 3 }), run, { budgetTokens: 1e6, peers: withEmpty }).stopIndex).toBeNull();
    expect(replay(median({ minPeers: 3 }), run, { budgetTokens: 1e6, peers }).stopIndex).toBe(0);
    const warm = median({ minPeers: 3, warmup: 2500 });
    expect(replay(warm, run, { budgetTokens: 1e6, peers }).stopIndex).toBe(2);
  });

  it('compares dev loss with lower is better', () => {
    const lossPeers = [0.5, 0.6, 0.7].map((level) => emCurve([0, 0, 0], 1000, [level, level, level]));
    // Dev EM is 0 throughout: startGain 0 lets the loss alone decide.
    const config = defaultStoppingConfig('median', { minPeers: 3, metric: 'devLoss', startGain: 0 });
    const worse = emCurve([0, 0, 0], 1000, [0.9, 0.8, 0.65]);
    expect(replay(config, worse, { budgetTokens: 1e6, peers: lossPeers }).stopIndex).toBe(0);
    const better = emCurve([0, 0, 0], 1000, [0.59, 0.7, 0.8]);
    expect(replay(config, better, { budgetTokens: 1e6, peers: lossPeers }).stopIndex).toBeNull();
  });

  it('does not stop a run flat at EM 0 behind peers that are ahead until it starts learning', () => {
    const late = lateStartCurve(8);
    // Peers that learn from the start and reach 0.9–0.97 by 500k tokens.
    const ahead = [0.9, 0.95, 0.97].map((level) => late.map((p) => ({ ...p, devEm: level * (1 - Math.exp(-p.tokens / 100_000)) })));
    const context = { budgetTokens: 3e6, peers: ahead };
    expect(replay(defaultStoppingConfig('median', { startGain: 0 }), late, context).stopIndex).toBe(0);
    const result = replay(defaultStoppingConfig('median'), late, context);
    // Once learning has started (EM 0.06 at index 8) the run is still far behind: the rule then works as before.
    expect(result.stopIndex).toBe(8);
    expect(result.reason).toBe("rule:median (best dev EM 0.06 worse than the median 0.789 of 3 peers' running averages)");
  });
});
