import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { scoreRecipeOnFolds } from '../../../src/replay/index.js';
import { runSearch, type RecipeEvaluator } from '../../../src/search/run-search.js';
import { compileSpace, hashSpace, type SpaceFile } from '../../../src/space/index.js';
import { isStoppingKey } from '../../../src/stopping/index.js';
import { openStorage } from '../../../src/storage/index.js';
import type { TrialRecord } from '../../../src/storage/records.js';
import { fakeIo } from '../../helpers/fake-io.js';
import { RECORDED_BUDGET, recordedFold, recordedSpaceFile, resultOf } from '../../helpers/recorded-folds.js';

const BUDGET = RECORDED_BUDGET;
const SPACE: SpaceFile = recordedSpaceFile(
  'recorded',
  {
    learningRate: { type: 'categorical', choices: [0.01, 0.02] },
    'stopping.rule': { type: 'categorical', choices: ['none', 'patience'] },
    'stopping.evalEvery': { type: 'categorical', choices: [1000, 2000] },
    'stopping.patience': { type: 'int', low: 1, high: 3, when: 'stopping.rule == "patience"' },
  },
  { gridEvery: 1000, maxPerRun: 2, racing: false },
);
/** Another stopping-rule space: the threshold rule, which the study never trained. */
const OTHER = {
  ...SPACE,
  name: 'other',
  params: {
    learningRate: { type: 'float', low: 0.001, high: 0.1 },
    'stopping.rule': { type: 'categorical', choices: ['threshold'] },
    'stopping.evalEvery': { type: 'categorical', choices: [1000, 3000] },
    'stopping.target': { type: 'float', low: 0.3, high: 0.95 },
  },
  replay: undefined,
};

let dir: string;
let url: string;
let stored: TrialRecord[];

/** A study searched over a fake trainer whose folds record grids (3 trained trials); another searched without. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stopwise-replay-'));
  url = `sqlite:${join(dir, 'studies.db')}`;
  writeFileSync(join(dir, 'other.json'), JSON.stringify(OTHER));
  writeFileSync(join(dir, 'off-grid.json'), JSON.stringify({ ...OTHER, params: { ...OTHER.params, 'stopping.evalEvery': { type: 'categorical', choices: [1000, 1500] } } }));
  const storage = await openStorage(url);
  const evaluate: RecipeEvaluator = async (request) => {
    const folds = [recordedFold(0, 1.5 + request.trialNumber / 7), recordedFold(1, 2)].map((fold) => (request.gridEvery ? fold : { ...fold, grid: undefined }));
    for (const fold of folds) await request.onFoldFinished(fold);
    return resultOf(folds);
  };
  const common = { storage, space: compileSpace(SPACE), spaceHash: hashSpace(SPACE), seed: 1, sampler: 'random', backend: 'cpu', evaluate, trials: 3 };
  await runSearch({ ...common, spaceFile: SPACE, studyName: 'recorded', replay: SPACE.replay });
  await runSearch({ ...common, spaceFile: SPACE, studyName: 'unrecorded', replay: null });
  stored = await storage.getTrials((await storage.getStudy('recorded'))!.id);
  await storage.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function replay(...args: string[]) {
  const io = fakeIo(dir);
  const status = await main(['replay', '--storage', url, ...args], io);
  return { status, stdout: io.out(), stderr: io.err() };
}

describe('stopwise replay', () => {
  it("scores the other space's rules on each recorded trial's curves with its hyperparameters, and prints their front", async () => {
    const run = await replay('--study', 'recorded', '--space', 'other.json', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const body = JSON.parse(run.stdout) as { gridEvery: number; sources: number; scored: number; front: { tokens: { mean: number }; em: { mean: number }; params: Record<string, unknown>; replayedFrom: number }[] };
    expect(body).toMatchObject({ gridEvery: 1000, sources: 3, budgetTokens: BUDGET });
    expect(body.front.length).toBeGreaterThan(1);
    const trained = stored.filter((trial) => trial.replayedFrom === null);
    for (const row of body.front) {
      const source = trained.find((trial) => trial.number === row.replayedFrom)!;
      expect(row.params['stopping.rule']).toBe('threshold');
      expect(row.params.learningRate).toBe(source.params!.learningRate);
      // Exactly what replaying that recipe on the source trial's folds gives.
      const peers = source.result!.folds.map((fold) =>
        trained.filter((other) => other.id !== source.id).map((other) => other.result!.folds.find((peer) => peer.fold === fold.fold)!.curve),
      );
      const scored = scoreRecipeOnFolds(row.params as Record<string, number | string>, source.result!.folds, { budgetTokens: BUDGET, peersByFold: peers })!;
      expect(row.tokens).toEqual(scored.tokens);
      expect(row.em).toEqual(scored.em);
      expect(Object.keys(row.params).filter(isStoppingKey).sort()).toEqual(['stopping.evalEvery', 'stopping.rule', 'stopping.target']);
    }
    const tokens = body.front.map((row) => row.tokens.mean);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    for (let i = 1; i < body.front.length; i++) expect(body.front[i].em.mean).toBeGreaterThanOrEqual(body.front[i - 1].em.mean);

    const text = await replay('--study', 'recorded', '--space', 'other.json');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^replayed other\.json's stopping rules on the curves of 3 trained trials of study recorded \(grid 1\.0k training tokens, budget 40\.0k tokens\/run\): \d+ recipes scored, at no training cost$/m);
    expect(text.stdout).toMatch(/^  tokens .+, EM 0\.\d{3} ± 0\.\d{3}  from trial #\d+  threshold\(/m);
  });

  it('writes nothing to the study', async () => {
    await replay('--study', 'recorded', '--space', 'other.json');
    const storage = await openStorage(url);
    const after = await storage.getTrials((await storage.getStudy('recorded'))!.id);
    await storage.close();
    expect(after).toEqual(stored);
  });

  it('refuses an unknown study, a study without recorded curves, and a space whose evalEvery is off the grid', async () => {
    const unknown = await replay('--study', 'nope', '--space', 'other.json');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^stopwise: --study: no study named "nope" in sqlite:.* \(studies: recorded, unrecorded\)\n$/);
    const unrecorded = await replay('--study', 'unrecorded', '--space', 'other.json');
    expect(unrecorded.status).toBe(2);
    expect(unrecorded.stderr).toBe(
      'stopwise: --study unrecorded: no trained trial of this study recorded its curves (its search ran without a curve grid: give the space a "replay" block and search without --no-replay)\n',
    );
    const offGrid = await replay('--study', 'recorded', '--space', 'off-grid.json');
    expect(offGrid.status).toBe(2);
    expect(offGrid.stderr).toBe(
      `stopwise: off-grid.json: $.params["stopping.evalEvery"].choices[1]: 1500 is not a multiple of the study's curve grid (1000 training tokens)\n`,
    );
  });
});
