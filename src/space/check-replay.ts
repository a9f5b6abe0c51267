import { failAt, memberPath } from './json-path.js';
import { expectObject, rejectUnknownKeys, requireKey, typeName } from './shape.js';
import type { ReplaySettings } from './types.js';

/** Default of `replay.maxPerRun`: replayed recipes told to the optimizer per trained trial. */
export const DEFAULT_REPLAY_PER_RUN = 8;

/**
 * Most replayed recipes per trained trial. Each one is an observation of the GP, whose cost grows with the cube of
 * their number; past a few dozen per run the replayed points would crowd out the trained ones.
 */
export const MAX_REPLAY_PER_RUN = 64;

const REPLAY_KEYS = ['gridEvery', 'maxPerRun', 'racing'];

/**
 * The optional `replay` block of a space file: `gridEvery` (training tokens between recorded curve points, a
 * positive integer no larger than one run's budget), `maxPerRun` (1 to MAX_REPLAY_PER_RUN, default
 * DEFAULT_REPLAY_PER_RUN) and `racing` (boolean, default true). Returns the block with its defaults filled in.
 * Throws InputError `<source>: $.replay.<field>: <what is wrong>`.
 */
export function checkReplayBlock(value: unknown, source: string, maxTokensPerRun: number): ReplaySettings {
  const path = '$.replay';
  const block = expectObject(value, source, path, 'an object {gridEvery, maxPerRun, racing}');
  rejectUnknownKeys(block, REPLAY_KEYS, source, path);
  const gridPath = memberPath(path, 'gridEvery');
  const gridEvery = requireKey(block, 'gridEvery', source, path, 'training tokens between recorded curve points');
  if (typeof gridEvery !== 'number' || !Number.isSafeInteger(gridEvery) || gridEvery < 1) {
    failAt(source, gridPath, `must be a positive integer of training tokens, not ${typeName(gridEvery)}`);
  }
  if (gridEvery > maxTokensPerRun) {
    failAt(source, gridPath, `${gridEvery} is more than a run's budget ($.budget.maxTokensPerRun ${maxTokensPerRun}): no curve point would be recorded`);
  }
  const maxPerRun = block.maxPerRun ?? DEFAULT_REPLAY_PER_RUN;
  if (typeof maxPerRun !== 'number' || !Number.isSafeInteger(maxPerRun) || maxPerRun < 1 || maxPerRun > MAX_REPLAY_PER_RUN) {
    failAt(source, memberPath(path, 'maxPerRun'), `must be an integer from 1 to ${MAX_REPLAY_PER_RUN}, not ${typeName(maxPerRun)}`);
  }
  const racing = block.racing ?? true;
  if (typeof racing !== 'boolean') failAt(source, memberPath(path, 'racing'), `must be true or false, not ${typeName(racing)}`);
  return { gridEvery, maxPerRun, racing };
}
