import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadSpaceFile } from '../../src/space/load-space-file.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'spaces');

async function loadError(path: string): Promise<InputError> {
  const error = await loadSpaceFile(path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('loadSpaceFile', () => {
  it('loads the DESIGN.md example: file, compiled space, and the directory for relative task files', async () => {
    const path = join(fixtures, 'default.json');
    const loaded = await loadSpaceFile(path);
    expect(loaded.path).toBe(path);
    expect(loaded.baseDir).toBe(fixtures);
    expect(loaded.file.name).toBe('default');
    expect(loaded.space.dimensions.map((dimension) => dimension.name)).toEqual([
      'learningRate', 'batchSize', 'stopping.rule', 'stopping.patience',
    ]);
  });

  it('loads conditions, constraints, derived values and mixed-type choices', async () => {
    const { file, space } = await loadSpaceFile(join(fixtures, 'conditional.json'));
    expect(file.seed).toBe(7);
    expect(file.task).toEqual({ name: 'jsonl', file: 'data/examples.jsonl' });
    const recipe = { learningRate: 0.01, batchSize: 64, restoreBest: false, 'stopping.rule': 'plateau', 'stopping.window': 4 };
    expect(space.isFeasible(recipe)).toBe(false); // 0.01 · 64 > 0.32
    expect(space.isFeasible({ ...recipe, learningRate: 0.005 })).toBe(true);
    expect(space.derive({ ...recipe, learningRate: 0.005 })).toEqual({ 'stopping.evalEvery': 32000 });
    expect(space.decode(space.encode({ ...recipe, learningRate: 0.005 }))).toEqual({ ...recipe, learningRate: 0.005 });
  });

  it('turns a missing file into "<path>: file not found"', async () => {
    const path = join(fixtures, 'nope.json');
    expect((await loadError(path)).message).toBe(`${path}: file not found`);
  });

  it('says a directory is not a space file', async () => {
    expect((await loadError(fixtures)).message).toBe(`${fixtures}: is a directory, not a search-space file`);
  });

  it('reports the first problem of a bad file in one line naming it', async () => {
    const badJson = join(fixtures, 'bad-json.json');
    expect((await loadError(badJson)).message).toBe(`${badJson}: invalid JSON at line 4 column 3: unexpected "\\"", expected "," or "}"`);
    const badBounds = join(fixtures, 'bad-bounds.json');
    expect((await loadError(badBounds)).message).toBe(`${badBounds}: $.task: is required (an object with at least "name")`);
  });
});
