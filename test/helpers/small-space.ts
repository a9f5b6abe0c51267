import type { SpaceFile } from '../../src/space/index.js';

/** A one-parameter space on a tiny addition task, for tests of the ask/tell loop that train nothing. */
export function smallSpaceFile(name: string, extra: Partial<SpaceFile> = {}): SpaceFile {
  return {
    name,
    task: { name: 'addition', digits: 1, examples: 50, seed: 1 },
    folds: 2,
    budget: { maxTokensPerRun: 10_000 },
    objectives: [
      { name: 'tokens', direction: 'minimize' },
      { name: 'em', direction: 'maximize' },
    ],
    params: { learningRate: { type: 'float', low: 0.001, high: 0.01 } },
    ...extra,
  };
}
