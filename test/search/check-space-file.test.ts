import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpaceForTrainer, loadSearchSpaceFile } from '../../src/search/check-space-file.js';
import { compileSpace, type SpaceFile } from '../../src/space/index.js';
import { ROOT, TINY_SPACE } from '../helpers/cli.js';

const spaceDir = join(ROOT, 'search-spaces');
const shipped = readdirSync(spaceDir).filter((name) => name.endsWith('.json'));

const base: SpaceFile = {
  name: 'unit',
  task: { name: 'addition' },
  folds: 2,
  budget: { maxTokensPerRun: 10_000 },
  objectives: [{ name: 'tokens', direction: 'minimize' }, { name: 'em', direction: 'maximize' }],
  params: { learningRate: { type: 'float', low: 0.001, high: 0.01 } },
};
const messageFor = (file: SpaceFile): string => {
  try {
    checkSpaceForTrainer(file, compileSpace(file), 'u.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('checkSpaceForTrainer', () => {
  it.each([...shipped.map((name) => join(spaceDir, name)), TINY_SPACE])('accepts the shipped space %s', async (path) => {
    await expect(loadSearchSpaceFile(path)).resolves.toBeDefined();
  });

  it('checks a rule parameter against every rule the space may choose, and ignores one no chosen rule has', () => {
    const patience = { 'stopping.patience': { type: 'int' as const, low: 0, high: 3 } };
    const withRules = (choices: string[]): SpaceFile => ({
      ...base,
      params: { ...base.params, 'stopping.rule': { type: 'categorical', choices }, ...patience },
    });
    expect(messageFor(withRules(['none', 'patience']))).toBe(
      'u.json: $.params["stopping.patience"].low: 0 is not accepted: patience takes an integer ≥ 1',
    );
    expect(messageFor(withRules(['none', 'threshold']))).toBe('accepted');
  });

  it('lets a constraint exclude the combinations the trainer refuses', () => {
    const heads: SpaceFile = { ...base, params: { ...base.params, heads: { type: 'categorical', choices: [3, 16] } } };
    expect(messageFor(heads)).toMatch(/^u\.json: \$\.params: a recipe of this space is refused: heads: the embedding size \(64\) must be a multiple of heads, got 3/);
    expect(messageFor({ ...heads, constraints: ['heads != 3'] })).toBe('accepted');
  });
});
