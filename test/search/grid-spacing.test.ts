import { describe, expect, it } from 'vitest';
import { checkSpaceForTrainer } from '../../src/search/check-space-file.js';
import { checkEvalEveryOnGrid } from '../../src/search/grid-spacing.js';
import { compileSpace, type ParamSpec, type SpaceFile } from '../../src/space/index.js';

const base: SpaceFile = {
  name: 'unit',
  task: { name: 'addition' },
  folds: 2,
  budget: { maxTokensPerRun: 1_000_000 },
  objectives: [{ name: 'tokens', direction: 'minimize' }, { name: 'em', direction: 'maximize' }],
  params: { learningRate: { type: 'float', low: 0.001, high: 0.01 } },
  replay: { gridEvery: 25_000, maxPerRun: 8, racing: true },
};
const withEvalEvery = (spec: ParamSpec): SpaceFile => ({ ...base, params: { ...base.params, 'stopping.evalEvery': spec } });
const messageFor = (file: SpaceFile): string => {
  try {
    checkSpaceForTrainer(file, compileSpace(file), 'u.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('a replay grid in the space file', () => {
  it('accepts a categorical of multiples and names the first choice that is not one', () => {
    expect(messageFor(withEvalEvery({ type: 'categorical', choices: [25_000, 50_000, 200_000] }))).toBe('accepted');
    expect(messageFor(withEvalEvery({ type: 'categorical', choices: [25_000, 60_000] }))).toBe(
      'u.json: $.params["stopping.evalEvery"].choices[1]: 60000 is not a multiple of $.replay.gridEvery (25000)',
    );
  });

  it('refuses an int range, suggesting a categorical of multiples within it', () => {
    expect(messageFor(withEvalEvery({ type: 'int', low: 25_000, high: 200_000, log: true }))).toBe(
      'u.json: $.params["stopping.evalEvery"]: a range of values cannot all be multiples of $.replay.gridEvery (25000); use a categorical of multiples, e.g. {"type": "categorical", "choices": [25000, 50000, 100000, 200000]}',
    );
    expect(messageFor(withEvalEvery({ type: 'int', low: 25_000, high: 50_000 }))).toMatch(
      /^u\.json: \$\.params\["stopping\.evalEvery"\]: a range of values cannot all be multiples of \$\.replay\.gridEvery \(25000\); use a categorical of multiples, e\.g\. \{"type": "categorical", "choices": \[25000, 50000, 100000, 200000\]\}$/,
    );
  });

  it('checks the default evalEvery where a condition leaves the parameter out, or where the space has none', () => {
    const conditional = withEvalEvery({ type: 'categorical', choices: [25_000, 50_000], when: 'learningRate > 0.005' });
    expect(messageFor(conditional)).toBe(
      'u.json: $.params["stopping.evalEvery"].when: where it is false a recipe takes the default evalEvery 20000, which is not a multiple of $.replay.gridEvery (25000); drop the condition',
    );
    expect(messageFor(base)).toMatch(/^u\.json: \$\.params\["stopping\.evalEvery"\]: is required with a replay grid: recipes without it take the default evalEvery 20000/);
    expect(messageFor({ ...base, replay: { gridEvery: 5_000, maxPerRun: 8, racing: true } })).toBe('accepted');
  });

  it('checks a derived evalEvery on the recipes of the space', () => {
    expect(messageFor({ ...base, derived: { 'stopping.evalEvery': '100000' } })).toBe('accepted');
    expect(messageFor({ ...base, derived: { 'stopping.evalEvery': 'learningRate > 0.005 ? 50000 : 30000' } })).toMatch(
      /^u\.json: \$\.derived\["stopping\.evalEvery"\]: gives 30000 for the recipe \{"learningRate":0\.001\}, which is not a multiple of \$\.replay\.gridEvery \(25000\)$/,
    );
  });

  it('asks nothing of evalEvery without a replay block', () => {
    expect(messageFor({ ...withEvalEvery({ type: 'int', low: 25_000, high: 200_000 }), replay: undefined })).toBe('accepted');
  });

  it('names the grid the caller checks against', () => {
    const file = withEvalEvery({ type: 'categorical', choices: [10_000] });
    expect(() => checkEvalEveryOnGrid(file, compileSpace(file), 25_000, 'other.json', "the study's curve grid (25000 training tokens)")).toThrow(
      "other.json: $.params[\"stopping.evalEvery\"].choices[0]: 10000 is not a multiple of the study's curve grid (25000 training tokens)",
    );
  });
});
