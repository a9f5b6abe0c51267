import { describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../src/search/events.js';
import { createLineReporter } from '../../src/search/line-reporter.js';
import { completeTrial, finished, opened, trial } from '../tui/fixtures.js';

function output(events: SearchEvent[], json: boolean): string {
  let text = '';
  const report = createLineReporter((chunk) => (text += chunk), { json, now: () => 0 });
  for (const event of events) report(event);
  return text;
}

// The fixtures' trial with storage id 6 is the study's trial number 5.
const events: SearchEvent[] = [finished(6, 12_000, 0.5, 1), { type: 'trial-failed', trial: trial(7), error: 'out of memory' }, { type: 'stale', trials: [trial(8)] }];

describe('createLineReporter', () => {
  it('labels trials #number in every line, never by storage id', () => {
    const text = output(events, false);
    expect(text).toMatch(/^\[1\/10\] trial #5: tokens 12\.0k/m);
    expect(text).toMatch(/^trial #6 failed: out of memory$/m);
    expect(text).toMatch(/^trial #7 was left running by a dead worker/m);
  });

  it('says how the task was split when the study opens', () => {
    expect(output([opened()], false)).toMatch(/^data: 12000 distinct lines \(3 duplicate lines removed\); test part 2400/m);
  });

  it('reports each confirmation with the trial number and its test-part figures', () => {
    const confirmation = { tokens: { mean: 11_000, se: 100 }, em: { mean: 0.48, se: 0.01 }, runs: [], testFraction: 0.2, backend: 'cpu', seconds: 2, diverged: false };
    const done = (finished(6, 12_000, 0.5, 1) as { trial: import('../../src/storage/records.js').TrialRecord }).trial;
    const event: SearchEvent = { type: 'confirmed', trial: { ...done, confirmation }, index: 0, total: 2 };
    expect(output([event], false)).toMatch(/^\[confirm 1\/2\] trial #5: tokens 11\.0k ± 100  test EM 0\.480 ± 0\.010/m);
    const [line] = output([event], true).trimEnd().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line).toEqual({ event: 'confirmed', number: 5, confirmed: { tokens: confirmation.tokens, em: confirmation.em, runs: 0 } });
  });

  it('writes JSON lines with the trial number and no storage id', () => {
    const lines = output(events, true).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.number ?? line.trials)).toEqual([5, 6, [7]]);
    for (const line of lines) expect(line).not.toHaveProperty('id');
  });

  it('tells pruned and replayed trials, the replay settings, and the search cost at the end', () => {
    const pruned = { ...completeTrial(9, 40_000, 0.1), state: 'pruned' as const };
    const replayedTrials = [{ ...completeTrial(10, 9_000, 0.4), replayedFrom: 5 }, { ...completeTrial(11, 20_000, 0.6), replayedFrom: 5 }];
    const cost = { trained: 4, pruned: 1, replayed: 2, foldTokens: 1_200_000, measurementTokens: 90_000, totalTokens: 1_290_000, skippedFolds: 2, prunedFoldTokens: 40_000 };
    const session: SearchEvent[] = [
      { ...(opened() as Extract<SearchEvent, { type: 'opened' }>), replay: { gridEvery: 25_000, maxPerRun: 8, racing: true }, timeLimitMs: 600_000 },
      { type: 'trial-pruned', trial: pruned, reason: 'raced when 1 of 3 folds had finished: …', skippedFolds: 2, complete: 5, target: 10 },
      { type: 'trial-replayed', trial: completeTrial(6, 12_000, 0.5), replayed: replayedTrials },
      { type: 'done', complete: 5, target: 10, interrupted: false, timeLimitReached: true, cost },
    ];
    const text = output(session, false);
    expect(text).toMatch(/^replay: curves recorded every 25\.0k training tokens · up to 8 replayed rules per trained trial · fold racing on$/m);
    expect(text).toMatch(/^time limit: no trial starts after 10m00s$/m);
    expect(text).toMatch(/^\[5\/10\] trial #8 pruned: tokens 40\.0k  EM 0\.100 over 0 folds, 2 folds skipped \(raced when 1 of 3 folds had finished: …\)/m);
    expect(text).toMatch(/^trial #5: replayed 2 rules \(trials #9 #10\)$/m);
    expect(text).toMatch(/^time limit reached: 5\/10 trained trials in /m);
    expect(text).toMatch(
      /^search cost: 1\.29M tokens \(1\.20M in the folds of 4 trained and 1 pruned trials, 90\.0k in grid measurements\); racing skipped 2 folds \(the pruned trials' finished folds used 40\.0k\); 2 trials replayed at no training cost$/m,
    );
    const lines = output(session, true).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.event)).toEqual(['opened', 'trial', 'replayed', 'done']);
    expect(lines[1]).toMatchObject({ number: 8, state: 'pruned', skippedFolds: 2 });
    expect(lines[2]).toMatchObject({ from: 5, trials: [{ number: 9 }, { number: 10 }] });
    expect(lines[3]).toMatchObject({ timeLimitReached: true, cost });
  });
});
