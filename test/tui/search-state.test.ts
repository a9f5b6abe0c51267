import { describe, expect, it } from 'vitest';
import { buildFrontReport } from '../../src/export/front-report.js';
import {
  frontHypervolume,
  initialSearchViewState,
  leadingFoldHistory,
  reduceSearchView,
  tokensPerRun,
  type SearchViewState,
} from '../../src/tui/search-state.js';
import type { SearchEvent } from '../../src/search/events.js';
import type { TrialRecord } from '../../src/storage/records.js';
import { makeStudy, makeTrials } from '../export/fixtures.js';
import { completeTrial, finished, opened, study, trial } from './fixtures.js';

function fold(events: SearchEvent[]): SearchViewState {
  return events.reduce((state, event, i) => reduceSearchView(state, { type: 'event', event, now: 1000 + i }), initialSearchViewState(0));
}

describe('reduceSearchView', () => {
  it('puts replayed trials on the plot and the front, marked with their source, and logs pruned trials without adding them', () => {
    const pruned = { ...completeTrial(3, 900_000, 0.2), state: 'pruned' as const };
    const replayed = { ...completeTrial(4, 5_000, 0.85), replayedFrom: 0 };
    const state = fold([
      opened(),
      { type: 'trial-started', trial: trial(1) },
      finished(1, 12_000, 0.9, 1),
      { type: 'trial-replayed', trial: completeTrial(1, 12_000, 0.9), replayed: [replayed] },
      { type: 'trial-started', trial: trial(3) },
      { type: 'trial-pruned', trial: pruned, reason: 'raced when 1 of 3 folds had finished', skippedFolds: 2, complete: 2, target: 10 },
    ]);
    expect(state.completeTrials.map((t) => t.number)).toEqual([0, 3]);
    expect(state.report!.front.map((row) => [row.number, row.replayedFrom])).toEqual([[3, 0], [0, null]]);
    expect(state.running).toHaveLength(0);
    expect(state.complete).toBe(2);
    expect(state.hypervolumeHistory).toHaveLength(2);
    expect(state.events.map((event) => event.text)).toEqual(
      expect.arrayContaining(['trial #0: replayed 1 rule', 'trial #2 pruned: 2 of 3 folds skipped (raced when 1 of 3 folds had finished)']),
    );
  });

  it('tracks a running trial through its evaluations and folds, then moves it to finished', () => {
    let state = fold([opened(), { type: 'trial-started', trial: trial(1) }]);
    expect(state.running).toHaveLength(1);
    state = reduceSearchView(state, { type: 'event', now: 5, event: { type: 'evaluation', trialId: 1, fold: 0, point: { tokens: 5000, devEm: 0.4, devLoss: 1 }, budgetTokens: 1 } });
    state = reduceSearchView(state, { type: 'event', now: 6, event: { type: 'evaluation', trialId: 1, fold: 1, point: { tokens: 7000, devEm: 0.5, devLoss: 1 }, budgetTokens: 1 } });
    expect(state.running[0].tokensByFold).toEqual([5000, 7000, 0]);
    expect(state.running[0].devEmByFold).toEqual([[0.4], [0.5], []]);
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
    expect(texts).toMatch(/trial #2 was left by a dead worker/);
    expect(texts).toMatch(/re-asks a stale trial/);
    expect(texts).toMatch(/diverged \(fold 0: diverged: NaN loss\)/);
    expect(texts).toMatch(/trial #5 failed: out of memory/);
    expect(state.failed).toBe(1);
  });

  it('puts the confirmed test-part figures beside the cross-validated ones when a front recipe is confirmed', () => {
    let state = fold([opened(), { type: 'trial-started', trial: trial(1) }, finished(1, 12000, 0.9, 1)]);
    expect(state.report!.front[0].confirmed).toBeNull();
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
    const stored = (finished(1, 12000, 0.9, 1) as { trial: TrialRecord }).trial;
    state = reduceSearchView(state, { type: 'event', now: 9, event: { type: 'confirmed', trial: { ...stored, confirmation }, index: 0, total: 1 } });
    expect(state.report!.front[0].confirmed).toEqual({ tokens: confirmation.tokens, em: confirmation.em, runs: 0, diverged: false });
    expect(state.report!.front[0].em!.mean).toBe(0.9);
    expect(state.events.at(-1)?.text).toMatch(/trial #0 confirmed: test EM 0\.860 \(cross-validated 0\.900\)/);
  });

  it('reflects pause and stop requests', () => {
    let state = fold([opened()]);
    state = reduceSearchView(state, { type: 'paused', paused: true });
    expect(state.paused).toBe(true);
    state = reduceSearchView(state, { type: 'stopping' });
    expect(state.stopping).toBe(true);
  });
});

describe('a resumed study', () => {
  // Nine stored trials; #3 (712k tokens, EM 0.893) dominates the trial the session then finishes (1.25M, EM 0.148).
  const stored = [
    [400_000, 0.31], [900_000, 0.62], [1_500_000, 0.95], [712_000, 0.893], [2_000_000, 0.97],
    [600_000, 0.2], [1_100_000, 0.7], [3_000_000, 0.96], [800_000, 0.5],
  ].map(([tokens, em], i) => completeTrial(i + 1, tokens, em));
  const resumed = fold([opened(20, 9, true, stored)]);

  it('shows the stored trials\' front at once, the same rows as buildFrontReport (what show prints)', () => {
    const expected = buildFrontReport(study, stored).front.map((row) => row.number);
    expect(expected.length).toBeGreaterThan(1);
    expect(resumed.report!.front.map((row) => row.number)).toEqual(expected);
    expect(resumed.hypervolumeHistory).toHaveLength(9);
    expect(resumed.hypervolumeHistory.at(-1)).toBeGreaterThan(0);
  });

  it('keeps a new trial off the front when a stored trial dominates it, and extends the hypervolume history', () => {
    const after = reduceSearchView(resumed, { type: 'event', now: 5, event: finished(10, 1_250_000, 0.148, 10, 20) });
    expect(after.report!.front.map((row) => row.number)).toEqual(buildFrontReport(study, [...stored, completeTrial(10, 1_250_000, 0.148)]).front.map((row) => row.number));
    expect(after.report!.front.map((row) => row.number)).not.toContain(9);
    expect(after.hypervolumeHistory).toHaveLength(10);
    expect(after.hypervolumeHistory[9]).toBeCloseTo(after.hypervolumeHistory[8], 12);
  });
});

describe('running trials', () => {
  it('counts tokens per run (mean over folds) and draws the leading fold\'s own dev-EM curve', () => {
    let state = fold([opened(), { type: 'trial-started', trial: trial(1) }]);
    const evaluation = (fold: number, tokens: number, devEm: number): SearchEvent => ({ type: 'evaluation', trialId: 1, fold, point: { tokens, devEm, devLoss: 1 }, budgetTokens: 1 });
    for (const event of [evaluation(0, 100, 0.1), evaluation(1, 100, 0.5), evaluation(0, 200, 0.2), evaluation(1, 200, 0.6), evaluation(0, 300, 0.3)]) {
      state = reduceSearchView(state, { type: 'event', now: 1, event });
    }
    expect(tokensPerRun(state.running[0])).toBe((300 + 200 + 0) / 3);
    expect(leadingFoldHistory(state.running[0])).toEqual([0.1, 0.2, 0.3]);
  });
});

describe('the end of a search', () => {
  it('after q, says what was saved and how to resume instead of "stopping…"', () => {
    let state = fold([opened(10)]);
    state = reduceSearchView(state, { type: 'stopping' });
    state = reduceSearchView(state, { type: 'event', now: 2, event: { type: 'done', complete: 3, target: 10, interrupted: true } });
    expect(state.stopping).toBe(false);
    expect(state.notice).toBe('stopped with 3/10 complete trials saved; run the same command to resume');
  });
});

describe('frontHypervolume', () => {
  const report = (points: [number, number][]) => buildFrontReport(makeStudy(), makeTrials(points.map((values) => ({ values }))));

  it('grows when a dominating trial is added and ignores dominated ones', () => {
    const base = frontHypervolume(report([[100, 0.5], [200, 0.4], [300, 0.9]]), 1000);
    expect(frontHypervolume(report([[100, 0.5], [200, 0.4]]), 1000)).toBeLessThan(base);
    expect(frontHypervolume(report([[100, 0.5], [200, 0.4], [300, 0.9], [250, 0.3]]), 1000)).toBeCloseTo(base, 12);
    // (log10(1000)+0.1 - log10(100)) * 0.5 + (log10(1000)+0.1 - log10(300)) * 0.4
    const ref = 3.1;
    expect(base).toBeCloseTo((ref - 2) * 0.5 + (ref - Math.log10(300)) * 0.4, 12);
  });
});
