import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { createGpEhviSampler, createSampler, defaultInitialTrials, type Sampler } from '../../src/samplers/index.js';
import { compileSpace } from '../../src/space/index.js';
import type { ObjectiveSpec } from '../../src/space/types.js';
import { createStudy } from '../../src/study/index.js';

const MINIMIZE_BOTH: ObjectiveSpec[] = [
  { name: 'f1', direction: 'minimize' },
  { name: 'f2', direction: 'minimize' },
];

function unitBox(d: number) {
  const params: Record<string, { type: 'float'; low: number; high: number }> = {};
  for (let i = 0; i < d; i++) params[`x${i}`] = { type: 'float', low: 0, high: 1 };
  return compileSpace({ params }, 'box');
}

/** ZDT1 (Zitzler, Deb & Thiele 2000) in d dimensions: a convex front at x1..x_{d-1} = 0. */
function zdt1(x: number[]): [number, number] {
  const d = x.length;
  const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (d - 1);
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
}

async function finalHypervolume(sampler: string | Sampler, seed: number, evaluations: number, d: number): Promise<number> {
  const study = await createStudy({ space: unitBox(d), objectives: MINIMIZE_BOTH, sampler: sampler as never, seed, refPoint: [11, 11] });
  for (let i = 0; i < evaluations; i++) {
    const trial = await study.ask();
    await study.tell(trial.id, zdt1(Array.from({ length: d }, (_, j) => trial.params[`x${j}`] as number)));
  }
  return (await study.hypervolume())!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('gp-ehvi', () => {
  it('beats random search by a wide margin on ZDT1 (d = 4) within 24 evaluations', async () => {
    const seeds = [1, 2, 3];
    const model = [];
    for (const seed of seeds) model.push(await finalHypervolume('gp-ehvi', seed, 24, 4));
    const random = [];
    for (const seed of seeds) random.push(await finalHypervolume('random', seed, 24, 4));
    // Maximum hypervolume 120.667; the extremes alone ((0, 1) and (1, 0)) already give 120.
    expect(median(model)).toBeGreaterThan(119);
    expect(Math.min(...model)).toBeGreaterThan(Math.max(...random) + 3);
  });

  it('still beats random search on ZDT1 when its models see only the observations nearest the front', async () => {
    const seeds = [1, 2, 3];
    const windowed = [];
    for (const seed of seeds) {
      const sampler = createGpEhviSampler({ seed, trainingWindow: { size: 12, reselectEvery: 4 } });
      windowed.push(await finalHypervolume(sampler, seed, 24, 4));
    }
    const random = [];
    for (const seed of seeds) random.push(await finalHypervolume('random', seed, 24, 4));
    expect(median(windowed)).toBeGreaterThan(118);
    expect(Math.min(...windowed)).toBeGreaterThan(Math.max(...random) + 3);
  });

  it('minimizes a single objective by expected improvement better than random search', async () => {
    const space = unitBox(3);
    const objective = (x: number[]) => (x[0] - 0.3) ** 2 + (x[1] - 0.7) ** 2 + (x[2] - 0.5) ** 2;
    const best = async (sampler: string, seed: number) => {
      const study = await createStudy({ space, objectives: [{ name: 'loss', direction: 'minimize' }], sampler: sampler as never, seed });
      for (let i = 0; i < 20; i++) {
        const trial = await study.ask();
        await study.tell(trial.id, [objective([0, 1, 2].map((j) => trial.params[`x${j}`] as number))]);
      }
      return (await study.front())[0].values[0];
    };
    for (const seed of [1, 2]) {
      const model = await best('gp-ehvi', seed);
      expect(model).toBeLessThan(0.002);
      expect(model).toBeLessThan((await best('random', seed)) / 5);
    }
  });

  it('uses a Sobol design before the model: the first trials equal the sobol sampler`s', () => {
    const space = unitBox(3);
    const snapshot = { space, objectives: MINIMIZE_BOTH, trials: [], refPoint: null };
    const initial = defaultInitialTrials(3);
    const fromModel = createGpEhviSampler({ seed: 4 }).suggest(snapshot, initial, createRng(1));
    const fromSobol = createSampler('sobol', { seed: 4 }).suggest(snapshot, initial, createRng(2));
    expect(fromModel).toEqual(fromSobol);
  });

  it('spreads a batch: Kriging-believer picks are farther apart than a single pick repeated would be', async () => {
    const space = unitBox(2);
    const study = await createStudy({ space, objectives: MINIMIZE_BOTH, seed: 5, refPoint: [11, 11] });
    for (let i = 0; i < 10; i++) {
      const trial = await study.ask();
      await study.tell(trial.id, zdt1([trial.params.x0 as number, trial.params.x1 as number]));
    }
    const batch = await study.ask(4);
    let closest = Number.POSITIVE_INFINITY;
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        const dx = (batch[a].params.x0 as number) - (batch[b].params.x0 as number);
        const dy = (batch[a].params.x1 as number) - (batch[b].params.x1 as number);
        closest = Math.min(closest, Math.hypot(dx, dy));
      }
    }
    expect(closest).toBeGreaterThan(0.01);
  });

  it('handles three objectives (ParEGO scalarization) and proposes valid distinct recipes', async () => {
    const space = unitBox(3);
    const objectives: ObjectiveSpec[] = [...MINIMIZE_BOTH, { name: 'f3', direction: 'maximize' }];
    const study = await createStudy({ space, objectives, seed: 2 });
    for (let i = 0; i < 12; i++) {
      const trial = await study.ask();
      const x = [0, 1, 2].map((j) => trial.params[`x${j}`] as number);
      await study.tell(trial.id, [x[0], 1 - x[0] + x[1], x[2]]);
    }
    const batch = await study.ask(3);
    expect(new Set(batch.map((t) => JSON.stringify(t.params))).size).toBe(3);
    for (const trial of batch) expect(space.isFeasible(trial.params)).toBe(true);
    expect(await study.hypervolume()).toBeNull();
  });

  it('only ever proposes new recipes in a small discrete space, then repeats once all are evaluated', async () => {
    const space = compileSpace({ params: { a: { type: 'int', low: 0, high: 2 }, b: { type: 'categorical', choices: [true, false] } } }, 'tiny');
    const study = await createStudy({ space, objectives: [{ name: 'loss', direction: 'minimize' }], seed: 1 });
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const trial = await study.ask();
      const key = JSON.stringify(trial.params);
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      await study.tell(trial.id, [(trial.params.a as number) + (trial.params.b ? 0 : 1)]);
    }
    expect(seen.size).toBe(6);
    await expect(study.ask()).resolves.toMatchObject({ id: 6 });
  });

  it('never proposes again the recipe of a trial pruned by fold racing, in the initial design and past it', () => {
    const space = compileSpace({ params: { a: { type: 'int', low: 0, high: 2 }, b: { type: 'categorical', choices: [true, false] } } }, 'tiny');
    const all = [0, 1, 2].flatMap((a) => [true, false].map((b) => ({ a, b })));
    const key = (params: object) => JSON.stringify(params, Object.keys(params).sort());
    // Three complete recipes, two pruned ones (values from part of their folds), one left.
    const trials = all.slice(0, 5).map((params, id) => ({
      id,
      state: id < 3 ? ('complete' as const) : ('pruned' as const),
      params,
      values: id < 3 ? [id] : [-100],
      stderr: null,
    }));
    for (const initialTrials of [2, 10]) {
      const sampler = createGpEhviSampler({ seed: 1, initialTrials });
      const [next] = sampler.suggest({ space, objectives: [{ name: 'loss', direction: 'minimize' }], trials, refPoint: null }, 1, createRng(3));
      expect(key(next), `initialTrials ${initialTrials}`).toBe(key(all[5]));
    }
  });
  it('models pruned trials at their finished folds, so it stops proposing the region they were raced out of', () => {
    const space = compileSpace({ params: { x: { type: 'float', low: 0, high: 1 } } }, 'line');
    const objectives: ObjectiveSpec[] = [{ name: 'loss', direction: 'minimize' }];
    // Complete trials say "lower x is better"; pruned trials at the low end say it is not.
    const complete = [0.3, 0.45, 0.6, 0.75, 0.9].map((x, id) => ({ id, state: 'complete' as const, params: { x }, values: [x], stderr: null }));
    const pruned = [0.02, 0.08, 0.14, 0.2].map((x, i) => ({ id: 5 + i, state: 'pruned' as const, params: { x }, values: [2], stderr: null }));
    const next = (trials: readonly (typeof complete[number] | typeof pruned[number])[]) =>
      createGpEhviSampler({ seed: 1, initialTrials: 2 }).suggest({ space, objectives, trials, refPoint: null }, 1, createRng(4))[0].x as number;
    expect(next(complete)).toBeLessThan(0.3);
    expect(next([...complete, ...pruned])).toBeGreaterThan(0.2);
  });
});
