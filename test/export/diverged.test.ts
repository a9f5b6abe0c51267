import { describe, expect, it } from 'vitest';
import { buildFrontReport } from '../../src/export/front-report.js';
import { buildProductionConfig } from '../../src/export/production-config.js';
import { parsePolicy } from '../../src/export/policy.js';
import { initialSearchViewState, reduceSearchView } from '../../src/tui/search-state.js';
import { finished, opened } from '../tui/fixtures.js';
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
      chosen = buildProductionConfig(report, parsePolicy(text)).provenance.trialNumber;
    } catch (error) {
      // budget:2000 fits no recipe that did not diverge: refusing is right, choosing trial #0 is not.
      expect(text).toBe('budget:2000');
      expect((error as Error).message).toMatch(/no recipe on the front uses that few tokens/);
      return;
    }
    expect(chosen).not.toBe(0);
    expect(buildProductionConfig(report, parsePolicy(text)).front.map((point) => point.trialNumber)).not.toContain(0);
  });

  it('are left off the front table of the terminal UI', () => {
    const events = [opened(), finished(1, 2_000, 0.5, 1, 10, true), finished(2, 90_000, 0.8, 2)];
    const state = events.reduce((view, event, i) => reduceSearchView(view, { type: 'event', event, now: i }), initialSearchViewState(0));
    expect(state.report!.front.map((row) => row.number)).toEqual([1]);
  });
});
