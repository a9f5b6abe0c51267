import { describe, expect, it } from 'vitest';
import { buildFrontReport } from '../../src/export/front-report.js';
import { buildProductionConfig } from '../../src/export/production-config.js';
import { parsePolicy } from '../../src/export/policy.js';
import { frontIndices } from '../../src/tui/search-state.js';
import { makeStudy, makeTrials } from './fixtures.js';

// A diverged recipe (lr 1e9, NaN loss) stops at once, so it is the cheapest trial of the study; a recipe that
// diverges on any fold is not one to deploy, so it is never on the front and no policy can choose it.
const trials = makeTrials([
  { values: [2_000, 0.5], params: { 'stopping.rule': 'none', learningRate: 1e9 }, diverged: true },
  { values: [90_000, 0.8], params: { 'stopping.rule': 'none', learningRate: 0.003 } },
  { values: [300_000, 0.95], params: { 'stopping.rule': 'none', learningRate: 0.01 } },
]);

describe('diverged trials', () => {
  it('are listed and marked but never on the front', () => {
    const report = buildFrontReport(makeStudy(), trials);
    expect(report.trials[0]).toMatchObject({ diverged: true, onFront: false });
    expect(report.front.map((row) => row.number)).toEqual([1, 2]);
  });

  it.each(['knee', 'within-se', 'within:0.005', 'budget:2000', 'budget:100000'])('are never chosen by --policy %s', (text) => {
    const report = buildFrontReport(makeStudy(), trials);
    let chosen: number | undefined;
    try {
      chosen = buildProductionConfig(report, parsePolicy(text)).provenance.trialId;
    } catch (error) {
      // budget:2000 fits no recipe that did not diverge: refusing is right, choosing trial #0 is not.
      expect(text).toBe('budget:2000');
      expect((error as Error).message).toMatch(/no recipe on the front uses that few tokens/);
      return;
    }
    expect(chosen).not.toBe(100);
    expect(buildProductionConfig(report, parsePolicy(text)).front.map((point) => point.trialId)).not.toContain(100);
  });

  it('are left off the front table of the terminal UI', () => {
    const views = [
      { tokens: { mean: 2_000, se: 0 }, em: { mean: 0.5, se: 0 }, diverged: true },
      { tokens: { mean: 90_000, se: 0 }, em: { mean: 0.8, se: 0 }, diverged: false },
    ];
    expect(frontIndices(views as never)).toEqual([1]);
  });
});
