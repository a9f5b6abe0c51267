import { createRng } from '../../src/random/rng.js';
import type { StudySnapshot, TrialSnapshot } from '../../src/samplers/index.js';
import { createRandomSampler } from '../../src/samplers/index.js';
import { compileSpace } from '../../src/space/index.js';
import type { CompiledSpace, ObjectiveSpec, Params } from '../../src/space/types.js';

/** A space with every kind of parameter: log float, int, categorical, conditionals on it, and a constraint. */
export function mixedSpace(): CompiledSpace {
  return compileSpace(
    {
      params: {
        lr: { type: 'float', low: 1e-4, high: 1e-1, log: true },
        layers: { type: 'int', low: 1, high: 6 },
        rule: { type: 'categorical', choices: ['none', 'patience', 'threshold'] },
        patience: { type: 'int', low: 1, high: 12, when: 'rule == "patience"' },
        target: { type: 'float', low: 0.5, high: 1, when: 'rule == "threshold"' },
      },
      constraints: ['layers * lr <= 0.05'],
    },
    'test space',
  );
}

export const TWO_OBJECTIVES: ObjectiveSpec[] = [
  { name: 'cost', direction: 'minimize' },
  { name: 'quality', direction: 'maximize' },
];

/** A smooth two-objective function of a mixedSpace recipe (cost down, quality up). */
export function mixedObjectives(params: Params): [number, number] {
  const lr = Math.log10(params.lr as number); // -4 … -1
  const layers = params.layers as number;
  const bonus = params.rule === 'patience' ? 0.1 * Math.sin(params.patience as number) : params.rule === 'threshold' ? (params.target as number) * 0.2 : 0;
  return [layers + 0.3 * (lr + 4), 1 - (lr + 2.5) ** 2 / 4 + 0.1 * layers + bonus];
}

/**
 * A snapshot with `complete` evaluated random recipes and `running` pending ones (params, no values).
 * Deterministic.
 */
export function snapshotWith(space: CompiledSpace, complete: number, running: number, seed = 11): StudySnapshot {
  const recipes = createRandomSampler().suggest(
    { space, objectives: TWO_OBJECTIVES, trials: [], refPoint: null },
    complete + running,
    createRng(seed),
  );
  const trials: TrialSnapshot[] = recipes.map((params, id) =>
    id < complete
      ? { id, state: 'complete', params, values: mixedObjectives(params), stderr: null }
      : { id, state: 'running', params, values: null, stderr: null },
  );
  return { space, objectives: TWO_OBJECTIVES, trials, refPoint: null };
}
