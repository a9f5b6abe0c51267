import { describe, expect, it } from 'vitest';
import { parseSpaceFile } from '../../src/space/parse-space-file.js';
import { inputErrorOf } from './errors.js';

const FILE = 'search-spaces/x.json';

function fileWithReplay(replay: unknown): string {
  return JSON.stringify({
    name: 'x',
    task: { name: 'addition' },
    folds: 2,
    budget: { maxTokensPerRun: 100_000 },
    objectives: [{ name: 'em', direction: 'maximize' }],
    params: { learningRate: { type: 'float', low: 0.001, high: 0.01 } },
    replay,
  });
}
const messageFor = (replay: unknown): string => inputErrorOf(() => parseSpaceFile(fileWithReplay(replay), FILE)).message;

describe('parseSpaceFile: the replay block', () => {
  it('keeps the three fields, and fills maxPerRun (8) and racing (true) when left out', () => {
    expect(parseSpaceFile(fileWithReplay({ gridEvery: 25000, maxPerRun: 3, racing: false }), FILE).replay).toEqual({ gridEvery: 25000, maxPerRun: 3, racing: false });
    expect(parseSpaceFile(fileWithReplay({ gridEvery: 5000 }), FILE).replay).toEqual({ gridEvery: 5000, maxPerRun: 8, racing: true });
  });

  it('is absent from a file without it', () => {
    const text = JSON.stringify({ ...JSON.parse(fileWithReplay(null)), replay: undefined });
    expect(parseSpaceFile(text, FILE).replay).toBeUndefined();
  });

  it('refuses each bad field with one line naming the file and its JSON path', () => {
    expect(messageFor(null)).toBe(`${FILE}: $.replay: must be an object {gridEvery, maxPerRun, racing}, not null`);
    expect(messageFor({})).toBe(`${FILE}: $.replay.gridEvery: is required (training tokens between recorded curve points)`);
    expect(messageFor({ gridEvery: 0 })).toBe(`${FILE}: $.replay.gridEvery: must be a positive integer of training tokens, not the number 0`);
    expect(messageFor({ gridEvery: 2500.5 })).toBe(`${FILE}: $.replay.gridEvery: must be a positive integer of training tokens, not the number 2500.5`);
    expect(messageFor({ gridEvery: 200_000 })).toBe(
      `${FILE}: $.replay.gridEvery: 200000 is more than a run's budget ($.budget.maxTokensPerRun 100000): no curve point would be recorded`,
    );
    expect(messageFor({ gridEvery: 1000, maxPerRun: 0 })).toBe(`${FILE}: $.replay.maxPerRun: must be an integer from 1 to 64, not the number 0`);
    expect(messageFor({ gridEvery: 1000, maxPerRun: '8' })).toBe(`${FILE}: $.replay.maxPerRun: must be an integer from 1 to 64, not the string "8"`);
    expect(messageFor({ gridEvery: 1000, racing: 'yes' })).toBe(`${FILE}: $.replay.racing: must be true or false, not the string "yes"`);
    expect(messageFor({ gridEvery: 1000, raceing: true })).toMatch(/^search-spaces\/x\.json: \$\.replay\.raceing: unknown key \(did you mean "racing"\?\)$/);
  });
});
