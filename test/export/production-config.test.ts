import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { buildFrontReport } from '../../src/export/front-report.js';
import {
  buildProductionConfig,
  loadProductionConfig,
  productionConfigToJson,
  recipeFromParams,
  studyCurves,
  studyProductionConfig,
} from '../../src/export/production-config.js';
import { selectRecipe } from '../../src/export/policy.js';
import { stoppingConfigFromParams } from '../../src/stopping/config.js';
import { DEFAULT_TRAINING } from '../../src/trainer/defaults.js';
import { replay } from '../../src/stopping/replay.js';
import { createStopper } from '../../src/stopping/stopper.js';
import { randomCurve } from '../stopping/curves.js';
import type { TrialRecord } from '../../src/storage/records.js';
import { makeStudy, makeTrials, sampleTrials } from './fixtures.js';

const now = new Date('2025-02-03T04:05:06.000Z');
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'stopwise-prod-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('buildProductionConfig', () => {
  const report = buildFrontReport(makeStudy(), sampleTrials());

  it('writes the chosen recipe split into stopping config and hyperparameters, with expectations and provenance', () => {
    // Front: #1 (80k, 0.60), #2 (150k, 0.90), #4 (600k, 0.95); the knee is #2.
    const config = buildProductionConfig(report, { kind: 'knee' }, { now });
    expect(config).toEqual({
      version: 1,
      recipe: {
        stopping: { rule: 'threshold', evalEvery: 20_000, warmup: 0, restoreBest: true, startGain: 0.01, target: 0.9 },
        hyperparameters: { ...DEFAULT_TRAINING, learningRate: 0.003, batchSize: 64 },
        params: { 'stopping.rule': 'threshold', 'stopping.target': 0.9, learningRate: 0.003, batchSize: 64 },
      },
      expected: { tokens: { mean: 150_000, se: 7500 }, em: { mean: 0.9, se: 0.01 } },
      confirmed: { tokens: { mean: 160_000, se: 3200 }, em: { mean: 0.85, se: 0.02 }, runs: 3 },
      policy: 'knee',
      selectedBy: 'cross-validated',
      provenance: {
        study: 'default',
        trialNumber: 2,
        spaceHash: 'abc123',
        task: { name: 'addition', digits: 3 },
        createdAt: '2025-02-03T04:05:06.000Z',
        studyCreatedAt: '2025-01-02T03:04:05.000Z',
      },
      front: report.front.map((row) => ({
        trialNumber: row.number,
        params: row.params,
        tokens: row.tokens,
        em: row.em,
        ...(row.confirmed ? { confirmed: { tokens: row.confirmed.tokens, em: row.confirmed.em, runs: 3 } } : {}),
      })),
    });
    expect(buildProductionConfig(report, { kind: 'budget', tokens: 100_000 }, { task: 'dates' }).provenance).toMatchObject({
      trialNumber: 1,
      task: 'dates',
    });
  });

  it('round-trips through a file', async () => {
    const config = buildProductionConfig(report, { kind: 'within', tolerance: 0.005 }, { now });
    const path = join(directory, 'prod.json');
    await writeFile(path, productionConfigToJson(config));
    expect(await loadProductionConfig(path)).toEqual(config);
  });

  it("gives a stopper that reproduces the searched rule's decisions on curves", async () => {
    const config = buildProductionConfig(report, { kind: 'budget', tokens: 100_000 }, { now });
    expect(config.recipe.stopping.rule).toBe('patience');
    const path = join(directory, 'patience.json');
    await writeFile(path, productionConfigToJson(config));
    const loaded = await loadProductionConfig(path);
    const searched = stoppingConfigFromParams(sampleTrials()[1].params!);
    let stops = 0;
    for (let seed = 0; seed < 20; seed++) {
      const curve = randomCurve(seed, 30);
      const context = { budgetTokens: 400_000 };
      const expected = replay(searched, curve, context);
      const stopper = createStopper(loaded.recipe.stopping, context);
      const firstStop = curve.findIndex((p) => stopper.observe(p).stop);
      expect(firstStop === -1 ? null : firstStop).toBe(expected.stopIndex);
      if (expected.stopIndex !== null) stops++;
    }
    expect(stops).toBeGreaterThan(5);
  });

  it('lets a production loop move along the stored front when its budget changes', () => {
    const config = buildProductionConfig(report, { kind: 'knee' }, { now });
    const cheaper = selectRecipe(config.front, { tokenBudget: 100_000 });
    expect(cheaper.trialNumber).toBe(1);
    expect(recipeFromParams(cheaper.params).stopping).toMatchObject({ rule: 'patience', patience: 3 });
    expect(selectRecipe(config.front, { tokenBudget: 1e7 }).trialNumber).toBe(4);
  });

  it('names the chosen trial and every front point by the trial number the screens show, never the storage id', () => {
    const config = buildProductionConfig(report, { kind: 'knee' }, { now });
    const shown = report.front.find((row) => row.number === config.provenance.trialNumber)!;
    expect(shown.params).toEqual(config.recipe.params);
    expect(config.front.map((point) => point.trialNumber)).toEqual(report.front.map((row) => row.number));
    expect(JSON.stringify(config)).not.toMatch(/trialId|"id"/);
  });

  it('chooses by confirmed figures once the whole front is confirmed, and says so', () => {
    const trials = makeTrials([
      { values: [80_000, 0.6], params: { 'stopping.rule': 'patience', learningRate: 0.01 }, confirmed: [90_000, 0.58] },
      { values: [150_000, 0.9], params: { 'stopping.rule': 'none', learningRate: 0.003 }, confirmed: [150_000, 0.84] },
      { values: [600_000, 0.95], params: { 'stopping.rule': 'none', learningRate: 0.001 }, confirmed: [600_000, 0.83] },
    ]);
    const config = buildProductionConfig(buildFrontReport(makeStudy(), trials), { kind: 'within', tolerance: 0 }, { now });
    // Cross-validated, #2 has the best EM; on the test part #1 does, and it is cheaper.
    expect(config.selectedBy).toBe('confirmed');
    expect(config.provenance.trialNumber).toBe(1);
    expect(config.confirmed?.em.mean).toBe(0.84);
    expect(config.expected.em.mean).toBe(0.9);
  });

  it('carries peer curves for a median recipe, and refuses a median recipe when there are none', () => {
    const trials = makeTrials([{ values: [100_000, 0.8], params: { 'stopping.rule': 'median', 'stopping.minPeers': 2, learningRate: 0.01 } }]);
    const medianReport = buildFrontReport(makeStudy(), trials);
    expect(() => buildProductionConfig(medianReport, { kind: 'knee' }, { now })).toThrow(/median rule, which needs other runs' curves/);
    const peers = [randomCurve(1, 10), randomCurve(2, 10)];
    const config = buildProductionConfig(medianReport, { kind: 'knee' }, { now, peers });
    expect(config.peers).toEqual(peers);
    const stopper = createStopper(config.recipe.stopping, { budgetTokens: 1e6, peers: config.peers });
    expect(stopper.config.rule).toBe('median');
  });

  it('refuses an empty front', () => {
    expect(() => buildProductionConfig(buildFrontReport(makeStudy(), []), { kind: 'knee' })).toThrow(InputError);
  });
});

describe('studyProductionConfig (what seed and the TUI write)', () => {
  const fold = (index: number, diverged: boolean, curve: ReturnType<typeof randomCurve>) => ({
    fold: index, tokens: 1000, em: 0.5, heldOutSize: 10, stopReason: 'budget', diverged, curve, seconds: 1,
  });
  const withFolds = (trial: TrialRecord, folds: ReturnType<typeof fold>[]): TrialRecord => ({
    ...trial,
    result: { tokens: { mean: 1, se: 0 }, em: { mean: 1, se: 0 }, folds, paramCount: 1, backend: 'cpu', seconds: 1, diverged: folds.some((f) => f.diverged) },
  });

  it("is the front report's config with the study's dev curves as peers, so a median recipe can be chosen", () => {
    const [median, other, running] = makeTrials([
      { values: [100_000, 0.8], params: { 'stopping.rule': 'median', 'stopping.minPeers': 2, learningRate: 0.01 } },
      { values: [300_000, 0.7], params: { 'stopping.rule': 'none', learningRate: 0.02 } },
      { state: 'running' },
    ]);
    const curves = [randomCurve(1, 10), randomCurve(2, 10), randomCurve(3, 10), randomCurve(4, 10)];
    const trials = [
      withFolds(median, [fold(0, false, curves[0]), fold(1, false, curves[1])]),
      withFolds(other, [fold(0, false, curves[2]), fold(1, true, curves[3])]),
      withFolds(running, [fold(0, false, randomCurve(5, 10))]),
    ];
    // Complete trials only, diverged runs left out.
    expect(studyCurves(trials)).toEqual([curves[0], curves[1], curves[2]]);
    const config = studyProductionConfig(makeStudy(), trials, { kind: 'knee' }, now);
    expect(config).toEqual(buildProductionConfig(buildFrontReport(makeStudy(), trials), { kind: 'knee' }, { now, peers: studyCurves(trials) }));
    expect(config.recipe.stopping.rule).toBe('median');
    expect(config.peers).toEqual([curves[0], curves[1], curves[2]]);
  });
});

describe('loadProductionConfig', () => {
  const valid = (): Record<string, unknown> =>
    JSON.parse(productionConfigToJson(buildProductionConfig(buildFrontReport(makeStudy(), sampleTrials()), { kind: 'knee' }, { now })));

  async function loadError(content: string, name: string): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, content);
    try {
      await loadProductionConfig(path);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message.replace(`${directory}/`, '');
    }
    throw new Error('loaded without error');
  }

  it('names the file and the field that is wrong', async () => {
    expect(await loadError('{"version": 1,', 'bad.json')).toMatch(/^bad\.json: not valid JSON \(/);
    expect(await loadError(JSON.stringify({ ...valid(), version: 2 }), 'v2.json')).toBe(
      'v2.json: $.version: expected 1 (this stopwise reads version 1), got 2',
    );
    const badStopping = valid();
    (badStopping.recipe as { stopping: Record<string, unknown> }).stopping.target = 2;
    expect(await loadError(JSON.stringify(badStopping), 'stop.json')).toBe(
      'stop.json: $.recipe.stopping.target: expected a number ≥ 0 and ≤ 1, got 2',
    );
    const badFront = valid();
    (badFront.front as Record<string, unknown>[])[1].em = { mean: 0.5 };
    expect(await loadError(JSON.stringify(badFront), 'front.json')).toBe(
      'front.json: $.front[1].em.se: expected a finite number ≥ 0, got nothing',
    );
    expect(await loadError(JSON.stringify({ ...valid(), policy: 'best' }), 'policy.json')).toMatch(
      /^policy\.json: \$\.policy: unknown policy "best"/,
    );
    expect(await loadError('[]', 'array.json')).toBe('array.json: $: expected an object, got an array');
    await expect(loadProductionConfig(join(directory, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read the production config \(no such file\)/);
  });
});
