import { afterEach, describe, expect, it } from 'vitest';
import { runSearch, type RecipeEvaluator } from '../../src/search/run-search.js';
import type { SearchEvent } from '../../src/search/events.js';
import { searchCost } from '../../src/search/search-cost.js';
import { compileSpace, hashSpace, type SpaceFile } from '../../src/space/index.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { RECORDED_BUDGET, recordedFold, recordedSpaceFile, resultOf } from '../helpers/recorded-folds.js';

const GRID = 1000;
const BUDGET = RECORDED_BUDGET;
const SPACE_FILE: SpaceFile = recordedSpaceFile(
  'replay',
  {
    learningRate: { type: 'categorical', choices: [0.01, 0.02] },
    'stopping.rule': { type: 'categorical', choices: ['none', 'patience', 'threshold'] },
    'stopping.evalEvery': { type: 'categorical', choices: [1000, 2000, 4000] },
    'stopping.patience': { type: 'int', low: 1, high: 5, when: 'stopping.rule == "patience"' },
    'stopping.target': { type: 'float', low: 0.5, high: 0.95, when: 'stopping.rule == "threshold"' },
  },
  { gridEvery: GRID, maxPerRun: 3, racing: true },
);

let storage: Storage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

async function search(evaluate: RecipeEvaluator, options: { trials: number; replay?: SpaceFile['replay'] | null; timeLimitMs?: number }) {
  storage = await openStorage('sqlite::memory:');
  const events: SearchEvent[] = [];
  const outcome = await runSearch({
    storage,
    spaceFile: SPACE_FILE,
    space: compileSpace(SPACE_FILE),
    spaceHash: hashSpace(SPACE_FILE),
    studyName: 'replay',
    trials: options.trials,
    seed: 3,
    sampler: 'random',
    backend: 'cpu',
    evaluate,
    listener: (event) => events.push(event),
    replay: options.replay === undefined ? SPACE_FILE.replay : options.replay,
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
  });
  const study = await storage.getStudy('replay');
  return { outcome, events, trials: await storage.getTrials(study!.id) };
}

describe('runSearch with replay', () => {
  it('records curves on the grid, and follows each trained trial with at most maxPerRun replayed ones, which the target does not count', async () => {
    const asked: { gridEvery?: number; race: boolean }[] = [];
    const peers: number[][] = [];
    const evaluate: RecipeEvaluator = async (request) => {
      asked.push({ gridEvery: request.gridEvery, race: request.race !== undefined });
      peers.push(request.peersByFold.map((curves) => curves.length));
      const folds = [recordedFold(0, 1.6 + request.trialNumber / 10), recordedFold(1, 2.2)];
      for (const fold of folds) await request.onFoldFinished(fold);
      return resultOf(folds);
    };
    const { outcome, events, trials } = await search(evaluate, { trials: 3 });
    expect(asked).toEqual([{ gridEvery: GRID, race: true }, { gridEvery: GRID, race: true }, { gridEvery: GRID, race: true }]);
    const trained = trials.filter((trial) => trial.replayedFrom === null);
    const replayed = trials.filter((trial) => trial.replayedFrom !== null);
    expect(trained.map((trial) => trial.state)).toEqual(['complete', 'complete', 'complete']);
    expect(outcome.complete).toBe(3);
    expect(replayed.length).toBeGreaterThan(0);
    // The median rule's peers are the trained trials' curves: a replayed trial is a cut of its source's run.
    expect(peers).toEqual([[0, 0], [1, 1], [2, 2]]);
    for (const source of trained) {
      const own = replayed.filter((trial) => trial.replayedFrom === source.number);
      expect(own.length).toBeLessThanOrEqual(3);
      // Numbered right after their source, with its hyperparameters and a stopping part of their own.
      own.forEach((trial, i) => expect(trial.number).toBe(source.number + 1 + i));
      for (const trial of own) {
        expect(trial.state).toBe('complete');
        expect(trial.params!.learningRate).toBe(source.params!.learningRate);
        expect(trial.values).toEqual([trial.result!.tokens.mean, trial.result!.em.mean]);
      }
      const told = events.find((event) => event.type === 'trial-replayed' && event.trial.number === source.number);
      expect(told).toMatchObject({ replayed: own.map((trial) => expect.objectContaining({ number: trial.number, replayedFrom: source.number })) });
    }
    // No recipe twice in the study.
    const keys = trials.map((trial) => JSON.stringify(Object.entries(trial.params!).sort()));
    expect(new Set(keys).size).toBe(keys.length);
    const done = events.find((event) => event.type === 'done');
    expect(done).toMatchObject({ complete: 3, target: 3, interrupted: false, timeLimitReached: false });
    // 3 trials × 2 folds of 40k tokens, plus 12k of grid measurements a fold; replayed trials cost nothing.
    expect(done?.type === 'done' && done.cost).toEqual({ ...searchCost(trials, 2), trained: 3, pruned: 0, foldTokens: 240_000, measurementTokens: 72_000, totalTokens: 312_000 });
  });

  it('trains as before without replay settings: no grid, no race, nothing replayed', async () => {
    const asked: { gridEvery?: number; race: boolean }[] = [];
    const { trials } = await search(
      async (request) => {
        asked.push({ gridEvery: request.gridEvery, race: request.race !== undefined });
        return resultOf([recordedFold(0, 2), recordedFold(1, 2)].map(({ grid, ...fold }) => (void grid, fold)));
      },
      { trials: 2, replay: null },
    );
    expect(asked).toEqual([{ gridEvery: undefined, race: false }, { gridEvery: undefined, race: false }]);
    expect(trials.map((trial) => [trial.state, trial.replayedFrom])).toEqual([['complete', null], ['complete', null]]);
  });

  it('ends a trial pruned when the race, asked after its first fold, finds it dominated beyond doubt; pruned trials count toward the target', async () => {
    const verdicts: boolean[] = [];
    const evaluate: RecipeEvaluator = async (request) => {
      if (request.trialNumber === 0) {
        const good = [0.89, 0.91].map((em, fold) => ({ ...recordedFold(fold, 2), tokens: 10_000, em }));
        for (const fold of good) await request.onFoldFinished(fold);
        return resultOf(good);
      }
      // Every later recipe is far worse on its first fold, and stops when the race says so.
      const first = { ...recordedFold(0, 0.2), tokens: 40_000, em: 0.1 };
      await request.onFoldFinished(first);
      const raced = await request.race!([first]);
      verdicts.push(raced);
      if (raced) return resultOf([first]);
      const second = { ...first, fold: 1 };
      await request.onFoldFinished(second);
      return resultOf([first, second]);
    };
    const { outcome, events, trials } = await search(evaluate, { trials: 3, replay: { gridEvery: GRID, maxPerRun: 1, racing: true } });
    expect(verdicts).toEqual([true, true]);
    const trained = trials.filter((trial) => trial.replayedFrom === null);
    expect(trained.map((trial) => trial.state)).toEqual(['complete', 'pruned', 'pruned']);
    expect(outcome.complete).toBe(3);
    const pruned = events.filter((event) => event.type === 'trial-pruned');
    expect(pruned).toHaveLength(2);
    expect(pruned[0]).toMatchObject({ skippedFolds: 1, reason: expect.stringMatching(/^raced when 1 of 2 folds had finished/) });
    expect(trained[1].values).toEqual([40_000, 0.1]);
    // A pruned trial is not replayed.
    expect(trials.filter((trial) => trial.replayedFrom !== null).every((trial) => trial.replayedFrom === 0)).toBe(true);
    const cost = searchCost(trials, 2);
    expect(cost).toMatchObject({ trained: 1, pruned: 2, skippedFolds: 2, prunedFoldTokens: 80_000, foldTokens: 100_000 });
  });

  it('starts no trial once the time limit has passed, and says the limit ended the search', async () => {
    let evaluated = 0;
    const { outcome, events, trials } = await search(
      async () => {
        evaluated++;
        return resultOf([recordedFold(0, 2), recordedFold(1, 2)]);
      },
      { trials: 5, timeLimitMs: 0 },
    );
    expect(evaluated).toBe(0);
    expect(trials).toEqual([]);
    expect(outcome).toMatchObject({ complete: 0, interrupted: false, timeLimitReached: true });
    expect(events.at(-1)).toMatchObject({ type: 'done', complete: 0, target: 5, interrupted: false, timeLimitReached: true });
  });
});
