import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { buildFrontReport, TOKENS_EM } from '../../src/export/front-report.js';
import { createRng } from '../../src/random/rng.js';
import { paretoFront, studyHypervolume } from '../../src/study/front.js';
import { makeStudy, makeTrials, sampleTrials } from './fixtures.js';

describe('buildFrontReport', () => {
  const report = buildFrontReport(makeStudy(), sampleTrials());

  it('puts exactly the non-dominated complete trials on the front, sorted by tokens', () => {
    expect(report.front.map((row) => row.number)).toEqual([1, 2, 4]);
    expect(report.trials.filter((row) => row.onFront).map((row) => row.number)).toEqual([1, 2, 4]);
    expect(report.front.map((row) => row.tokens!.mean)).toEqual([80_000, 150_000, 600_000]);
  });

  it('lists failed and running trials without estimates and never on the front', () => {
    expect(report.trials.map((row) => row.state)).toEqual([
      'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'failed', 'running',
    ]);
    for (const row of report.trials.slice(6)) {
      expect(row).toMatchObject({ tokens: null, em: null, onFront: false });
    }
    // A failed trial that somehow kept values is still not on the front.
    const withValues = makeTrials([{ values: [100, 0.5] }, { state: 'failed', values: [10, 0.9] }]);
    expect(buildFrontReport(makeStudy(), withValues).front.map((row) => row.number)).toEqual([0]);
  });

  it('never puts a trial pruned by fold racing on the front, even with values that would dominate, nor in the hypervolume', () => {
    const withPruned = makeTrials([{ values: [100, 0.5] }, { state: 'pruned', values: [10, 0.9] }, { state: 'pruned' }]);
    const pruned = buildFrontReport(makeStudy({ refPoint: [1000, 0] }), withPruned);
    expect(pruned.front.map((row) => row.number)).toEqual([0]);
    expect(pruned.trials.map((row) => [row.state, row.onFront])).toEqual([['complete', true], ['pruned', false], ['pruned', false]]);
    expect(pruned.hypervolume).toBe(buildFrontReport(makeStudy({ refPoint: [1000, 0] }), withPruned.slice(0, 1)).hypervolume);
  });

  it('carries means, standard errors, divergence and the study facts', () => {
    expect(report.trials[1]).toMatchObject({ id: 101, tokens: { mean: 80_000, se: 4000 }, em: { mean: 0.6, se: 0.01 } });
    expect(report.trials[5].diverged).toBe(true);
    expect(report.study).toEqual({
      name: 'default',
      objectives: [
        { name: 'tokens', direction: 'minimize' },
        { name: 'em', direction: 'maximize' },
      ],
      task: { name: 'addition', digits: 3 },
      spaceHash: 'abc123',
      sampler: 'gp-ehvi',
      seed: 7,
      createdAt: '2025-01-02T03:04:05.000Z',
    });
    const noStderr = buildFrontReport(makeStudy(), makeTrials([{ values: [100, 0.5], stderr: null }]));
    expect(noStderr.trials[0].tokens).toEqual({ mean: 100, se: 0 });
  });

  it("measures hypervolume against the study's reference point, or the inferred one", () => {
    // Steps of the front above EM 0 up to 1M tokens: 920k·0.6 + 850k·0.3 + 400k·0.05.
    const withRef = buildFrontReport(makeStudy({ refPoint: [1_000_000, 0] }), sampleTrials());
    expect(withRef.refPoint).toEqual([1_000_000, 0]);
    expect(withRef.hypervolume).toBeCloseTo(827_000, 6);
    // Inferred: the front's nadir (600k tokens, EM 0.6) pushed out by 10 % of its range (52k, 0.035).
    expect(report.refPoint![0]).toBeCloseTo(652_000, 6);
    expect(report.refPoint![1]).toBeCloseTo(0.565, 12);
    expect(report.hypervolume).toBeCloseTo(572_000 * 0.035 + 502_000 * 0.3 + 52_000 * 0.05, 6);
    expect(buildFrontReport(makeStudy(), []).hypervolume).toBeNull();
  });

  it('follows the objectives by name, whatever their order', () => {
    const swapped = makeStudy({
      objectives: [
        { name: 'em', direction: 'maximize' },
        { name: 'tokens', direction: 'minimize' },
      ],
    });
    const trials = makeTrials([{ values: [0.9, 1000] as unknown as [number, number] }]);
    expect(buildFrontReport(swapped, trials).trials[0]).toMatchObject({ tokens: { mean: 1000 }, em: { mean: 0.9 } });
  });

  it('refuses a study without tokens and em objectives', () => {
    const other = makeStudy({ objectives: [{ name: 'f1', direction: 'minimize' }, { name: 'f2', direction: 'minimize' }] });
    expect(() => buildFrontReport(other, [])).toThrow(InputError);
    expect(() => buildFrontReport(other, [])).toThrow('study "default": exports need objectives "tokens" (minimize) and "em" (maximize), found f1 (minimize), f2 (minimize)');
  });

  it('has the front and hypervolume src/study/front computes for (tokens, EM), the in-memory study included', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed);
      // Few distinct values, so that ties and duplicates occur.
      const trials = makeTrials(
        Array.from({ length: 25 }, () => ({
          values: [1000 * (1 + rng.int(6)), rng.int(6) / 5] as [number, number],
          diverged: rng.int(7) === 0,
          state: rng.int(10) === 0 ? ('failed' as const) : ('complete' as const),
        })),
      );
      const report = buildFrontReport(makeStudy({ refPoint: [8000, 0] }), trials);
      const eligible = trials.filter((trial) => !trial.result?.diverged);
      expect(report.front.map((row) => row.id)).toEqual(paretoFront(eligible, TOKENS_EM).map((entry) => entry.id));
      expect(report.hypervolume).toBe(studyHypervolume(eligible, TOKENS_EM, [8000, 0]));
    }
  });
});
