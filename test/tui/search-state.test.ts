import { describe, expect, it } from 'vitest';
import { frontHypervolume, frontIndices, initialSearchViewState, reduceSearchView, type SearchViewState } from '../../src/tui/search-state.js';
import type { SearchEvent } from '../../src/search/events.js';
import { finished, opened, trial } from './fixtures.js';

function fold(events: SearchEvent[]): SearchViewState {
  return events.reduce((state, event, i) => reduceSearchView(state, { type: 'event', event, now: 1000 + i }), initialSearchViewState(0));
}

describe('reduceSearchView', () => {
  it('tracks a running trial through its evaluations and folds, then moves it to finished', () => {
    let state = fold([opened(), { type: 'trial-started', trial: trial(1) }]);
    expect(state.running).toHaveLength(1);
    state = reduceSearchView(state, { type: 'event', now: 5, event: { type: 'evaluation', trialId: 1, fold: 0, point: { tokens: 5000, devEm: 0.4, devLoss: 1 }, budgetTokens: 1 } });
    state = reduceSearchView(state, { type: 'event', now: 6, event: { type: 'evaluation', trialId: 1, fold: 1, point: { tokens: 7000, devEm: 0.5, devLoss: 1 }, budgetTokens: 1 } });
    expect(state.running[0].tokensByFold).toEqual([5000, 7000, 0]);
    expect(state.running[0].devEmHistory).toEqual([0.4, 0.5]);
    state = reduceSearchView(state, { type: 'event', now: 7, event: finished(1, 12000, 0.9, 1) });
    expect(state.running).toHaveLength(0);
    expect(state.finished.map((t) => t.em.mean)).toEqual([0.9]);
    expect(state.complete).toBe(1);
    expect(state.hypervolumeHistory).toHaveLength(1);
    expect(state.hypervolumeHistory[0]).toBeGreaterThan(0);
  });

  it('logs resumes, stale re-asks, divergences and failures in the events pane', () => {
    const state = fold([
      opened(10, 4, true),
      { type: 'stale', trials: [trial(3)] },
      { type: 'trial-started', trial: { ...trial(5), retryOf: 3 } },
      finished(5, 1000, 0, 5, 10, true),
      { type: 'trial-failed', trial: trial(6), error: 'out of memory' },
    ]);
    const texts = state.events.map((e) => e.text).join('\n');
    expect(texts).toMatch(/resumed study default with 4 complete/);
    expect(texts).toMatch(/trial 2 was left by a dead worker/);
    expect(texts).toMatch(/re-asks a stale trial/);
    expect(texts).toMatch(/diverged \(fold 0: diverged: NaN loss\)/);
    expect(texts).toMatch(/trial 5 failed: out of memory/);
    expect(state.failed).toBe(1);
  });

  it('puts the confirmed test-part figures beside the cross-validated ones when a front recipe is confirmed', () => {
    let state = fold([opened(), { type: 'trial-started', trial: trial(1) }, finished(1, 12000, 0.9, 1)]);
    expect(state.finished[0].confirmed).toBeNull();
    const confirmation = {
      tokens: { mean: 13000, se: 100 },
      em: { mean: 0.86, se: 0.01 },
      runs: [],
      testFraction: 0.2,
      backend: 'cpu',
      seconds: 1,
      diverged: false,
    };
    state = reduceSearchView(state, { type: 'event', now: 8, event: { type: 'confirm-started', pending: 1, front: 1, repeats: 3 } });
    expect(state.notice).toMatch(/confirming 1 front recipes on the test part/);
    state = reduceSearchView(state, { type: 'event', now: 9, event: { type: 'confirmed', trial: { ...trial(1), confirmation }, index: 0, total: 1 } });
    expect(state.finished[0].confirmed).toEqual({ tokens: confirmation.tokens, em: confirmation.em, runs: 0 });
    expect(state.finished[0].em.mean).toBe(0.9);
    expect(state.events.at(-1)?.text).toMatch(/trial 0 confirmed: test EM 0\.860/);
  });

  it('reflects pause and stop requests', () => {
    let state = fold([opened()]);
    state = reduceSearchView(state, { type: 'paused', paused: true });
    expect(state.paused).toBe(true);
    state = reduceSearchView(state, { type: 'stopping' });
    expect(state.stopping).toBe(true);
  });
});

describe('front helpers', () => {
  const trials = [
    { tokens: 100, em: 0.5 },
    { tokens: 200, em: 0.4 },
    { tokens: 300, em: 0.9 },
    { tokens: 50, em: 0.1 },
  ].map((t, i) => ({ id: i, number: i, params: null, tokens: { mean: t.tokens, se: 0 }, em: { mean: t.em, se: 0 }, diverged: false, seconds: 1, finishedAt: 0, confirmed: null }));

  it('finds the non-dominated trials, cheapest first', () => {
    expect(frontIndices(trials)).toEqual([3, 0, 2]);
  });

  it('hypervolume grows when a dominating trial is added and ignores dominated ones', () => {
    const base = frontHypervolume(trials.slice(0, 3), 1000);
    expect(frontHypervolume(trials.slice(0, 2), 1000)).toBeLessThan(base);
    const withDominated = [...trials.slice(0, 3), { ...trials[1], id: 9, tokens: { mean: 250, se: 0 }, em: { mean: 0.3, se: 0 } }];
    expect(frontHypervolume(withDominated, 1000)).toBeCloseTo(base, 12);
    // (log10(1000)+0.1 - log10(100)) * 0.5 + (log10(1000)+0.1 - log10(300)) * 0.4
    const ref = 3.1;
    expect(base).toBeCloseTo((ref - 2) * 0.5 + (ref - Math.log10(300)) * 0.4, 12);
  });
});
