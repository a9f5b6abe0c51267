import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createStudy, type Study } from '../../src/study/index.js';
import type { ObjectiveSpec, SpaceDefinition } from '../../src/space/types.js';
import { openSharedStudy } from '../../src/search/shared-study.js';
import { openStorage } from '../../src/storage/index.js';

const SPACE: SpaceDefinition = {
  params: {
    x: { type: 'float', low: 0, high: 1 },
    y: { type: 'float', low: 0, high: 1 },
  },
};
const OBJECTIVES: ObjectiveSpec[] = [
  { name: 'cost', direction: 'minimize' },
  { name: 'quality', direction: 'maximize' },
];
const evaluate = (params: Record<string, unknown>): [number, number] => {
  const x = params.x as number;
  const y = params.y as number;
  return [x + 0.1 * y, 1 - (1 - x) ** 2 - 0.1 * y];
};

function randomStudy(seed = 0): Promise<Study> {
  return createStudy({ space: SPACE, objectives: OBJECTIVES, sampler: 'random', seed });
}

describe('createStudy: ask and tell', () => {
  it('hands out trials with ids 0, 1, 2, … and valid recipes, singly or as a batch', async () => {
    const study = await randomStudy();
    const first = await study.ask();
    const batch = await study.ask(3);
    expect(first.id).toBe(0);
    expect(batch.map((t) => t.id)).toEqual([1, 2, 3]);
    for (const trial of [first, ...batch]) expect(study.space.isFeasible(trial.params)).toBe(true);
    expect((await study.trials()).map((t) => t.state)).toEqual(['running', 'running', 'running', 'running']);
  });

  it('records told values, standard errors and failures', async () => {
    const study = await randomStudy();
    const [a, b] = await study.ask(2);
    await study.tell(a.id, [0.5, 0.7], { stderr: [0.01, 0.02] });
    await study.tell(b.id, [], { state: 'failed' });
    const trials = await study.trials();
    expect(trials[0]).toMatchObject({ id: 0, state: 'complete', values: [0.5, 0.7], stderr: [0.01, 0.02] });
    expect(trials[1]).toMatchObject({ id: 1, state: 'failed', values: null });
  });

  it('computes the front in each objective`s direction and its hypervolume against the reference point', async () => {
    const study = await createStudy({ space: SPACE, objectives: OBJECTIVES, sampler: 'random', refPoint: [2, 0] });
    const values = [
      [1, 0.5],
      [0.5, 0.3],
      [1.5, 0.4], // dominated by [1, 0.5]
    ];
    for (const v of values) await study.tell((await study.ask()).id, v);
    expect((await study.front()).map((t) => t.id)).toEqual([1, 0]);
    // Minimized: (0.5, −0.3), (1, −0.5) against (2, 0): 0.5·0.3 + 1·0.5 = 0.65.
    expect(await study.hypervolume()).toBeCloseTo(0.65, 12);
  });

  it('gives the same trials for the same seed and the same tells', async () => {
    const run = async (seed: number) => {
      const study = await createStudy({ space: SPACE, objectives: OBJECTIVES, seed });
      for (let i = 0; i < 9; i++) {
        const trial = await study.ask();
        await study.tell(trial.id, evaluate(trial.params));
      }
      return (await study.ask(2)).map((t) => t.params);
    };
    expect(await run(4)).toEqual(await run(4));
    expect(await run(4)).not.toEqual(await run(5));
  });
});

describe('createStudy: errors', () => {
  const expectInputError = async (action: () => Promise<unknown>, message: RegExp) => {
    await expect(action()).rejects.toThrow(InputError);
    await expect(action()).rejects.toThrow(message);
  };

  it('rejects telling an unknown trial, telling twice, and bad values', async () => {
    const study = await randomStudy();
    const trial = await study.ask();
    await expectInputError(() => study.tell(7, [1, 2]), /tell: unknown trial id 7/);
    await expectInputError(() => study.tell(trial.id, [1]), /expected 2 values \(cost, quality\), got 1/);
    await expectInputError(() => study.tell(trial.id, [1, Number.NaN]), /values\[1\] \(quality\): expected a finite number/);
    await expectInputError(() => study.tell(trial.id, [1, 2], { stderr: [0.1, -1] }), /a standard error cannot be negative/);
    await expectInputError(() => study.tell(trial.id, [1, 2], { state: 'done' as never }), /state must be "complete" or "failed"/);
    // None of the bad tells changed the trial; a good one still works, once.
    await study.tell(trial.id, [1, 2]);
    await expectInputError(() => study.tell(trial.id, [1, 2]), /trial 0 was already told \(complete\)/);
  });

  it('rejects bad objectives, reference points, samplers, spaces and batch sizes', async () => {
    await expectInputError(() => createStudy({ space: SPACE, objectives: [] }), /objectives: expected a non-empty array/);
    await expectInputError(
      () => createStudy({ space: SPACE, objectives: [{ name: 'a', direction: 'up' as never }] }),
      /objectives\[0\]\.direction: expected "minimize" or "maximize"/,
    );
    await expectInputError(
      () => createStudy({ space: SPACE, objectives: [OBJECTIVES[0], { ...OBJECTIVES[1], name: 'cost' }] }),
      /duplicate objective "cost"/,
    );
    await expectInputError(() => createStudy({ space: SPACE, objectives: OBJECTIVES, refPoint: [1] }), /refPoint: expected 2 finite numbers/);
    await expectInputError(() => createStudy({ space: SPACE, objectives: OBJECTIVES, sampler: 'tpe' as never }), /unknown sampler "tpe"/);
    await expectInputError(() => createStudy({ space: { params: { x: { type: 'float', low: 1, high: 0 } } }, objectives: OBJECTIVES }), /params/);
    await expectInputError(async () => (await randomStudy()).ask(0), /ask: n must be a positive integer/);
  });
});

describe('optimize', () => {
  it('runs the given number of trials with concurrency, treating running ones as pending', async () => {
    const study = await createStudy({ space: SPACE, objectives: OBJECTIVES, seed: 1 });
    let inFlight = 0;
    let maxInFlight = 0;
    const front = await study.optimize(
      async (params) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return { values: evaluate(params), stderr: [0.01, 0.01] };
      },
      { trials: 16, concurrency: 3 },
    );
    expect(await study.trials()).toHaveLength(16);
    expect((await study.trials()).every((t) => t.state === 'complete')).toBe(true);
    expect(maxInFlight).toBe(3);
    expect(front.length).toBeGreaterThan(0);
    expect(front).toEqual(await study.front());
  });

  it('marks a throwing evaluation failed and rethrows, or goes on with catchErrors', async () => {
    const failing = await randomStudy();
    await expect(
      failing.optimize(async () => {
        throw new Error('boom');
      }, { trials: 5 }),
    ).rejects.toThrow('boom');
    expect((await failing.trials()).map((t) => t.state)).toEqual(['failed']);

    const tolerant = await randomStudy();
    let calls = 0;
    await tolerant.optimize(
      (params) => {
        calls++;
        if (calls % 2 === 0) throw new Error('flaky');
        return evaluate(params);
      },
      { trials: 6, catchErrors: true },
    );
    expect((await tolerant.trials()).map((t) => t.state)).toEqual(['complete', 'failed', 'complete', 'failed', 'complete', 'failed']);
  });
});

describe('createStudy over a storage', () => {
  it('keeps the study in the storage it is given, with recipes as asked (derived values included)', async () => {
    const storage = await openStorage('sqlite::memory:');
    try {
      const space = { ...SPACE, derived: { sum: 'x + y' } };
      const study = await createStudy({ space, objectives: OBJECTIVES, sampler: 'random', seed: 2, storage, name: 'lib' });
      const trial = await study.ask();
      expect(trial.params.sum).toBeCloseTo((trial.params.x as number) + (trial.params.y as number), 12);
      await study.tell(trial.id, [0.4, 0.6]);
      const record = (await storage.getStudy('lib'))!;
      expect(record).toEqual(study.record);
      expect(record).toMatchObject({ sampler: 'random', seed: 2, objectives: OBJECTIVES });
      expect((await storage.getTrials(record.id)).map((t) => [t.number, t.state, t.params, t.values])).toEqual([
        [0, 'complete', trial.params, [0.4, 0.6]],
      ]);
      await expect(createStudy({ space, objectives: OBJECTIVES, storage, name: 'lib' })).rejects.toThrow(/"lib" already exists/);
    } finally {
      await storage.close();
    }
  });

  it('runs optimize as the stored study`s trials, each with its worker and a recipe from the study`s sampler', async () => {
    const study = await randomStudy(6);
    await study.optimize((params) => evaluate(params), { trials: 3 });
    const stored = await study.storage.getTrials(study.record.id);
    expect(study.storage.url).toBe('memory:');
    expect(stored.map((t) => t.state)).toEqual(['complete', 'complete', 'complete']);
    expect(stored.every((t) => t.workerId !== null && study.space.isFeasible(t.params!))).toBe(true);
  });
});

describe('createStudy and openSharedStudy', () => {
  it('make one study: shared workers join a study the library created, and continue its numbering', async () => {
    const storage = await openStorage('memory:');
    const study = await createStudy({ space: SPACE, objectives: OBJECTIVES, sampler: 'random', seed: 4, storage, name: 'joint' });
    await study.tell((await study.ask()).id, [0.5, 0.5]);
    const shared = await openSharedStudy({ storage, name: 'joint', space: SPACE, objectives: OBJECTIVES, sampler: 'random', seed: 4 });
    expect(await shared.optimize((params) => evaluate(params), { trials: 3 })).toBe(2);
    expect((await study.trials()).map((t) => [t.id, t.state])).toEqual([
      [0, 'complete'],
      [1, 'complete'],
      [2, 'complete'],
    ]);
  });
});
