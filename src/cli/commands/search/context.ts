import { resolve } from 'node:path';
import { InputError } from '../../../errors.js';
import type { SamplerName } from '../../../samplers/sampler-names.js';
import type { CompiledSpace, ReplaySettings, SpaceFile } from '../../../space/types.js';
import type { TrainerEvaluator } from '../../../search/trainer-evaluator.js';
import type { Storage } from '../../../storage/index.js';
import type { BackendName } from '../../../trainer/backend-names.js';
import type { CommandInvocation } from '../../command-table.js';
import type { CommandIo } from '../../io.js';

/** What `stopwise search` was asked to do, with every default resolved. */
export interface SearchSettings {
  spacePath: string;
  studyName: string;
  storageUrl: string;
  /** Complete trials wanted in total (across resumes and workers). */
  trials: number;
  workers: number;
  seed: number;
  sampler: SamplerName;
  backend: 'auto' | BackendName;
  /** The test fraction asked for on the command line; a stored study keeps its own. */
  requestedTestFraction: number | undefined;
  /** Confirm the front on the test part at the end (a pool worker never does: its parent process does). */
  confirm: boolean;
  confirmRepeats: number;
  /** The space's replay settings, or null (no replay block, or `--no-replay`). */
  replay: ReplaySettings | null;
  /** `--no-replay` was given (pool workers get it too). */
  noReplay: boolean;
  /** `--time-limit` in minutes, if given. */
  timeLimitMinutes: number | undefined;
  json: boolean;
  /** Draw the terminal UI rather than lines (a pool worker always prints JSON events). */
  useTui: boolean;
  /** Kept with the study: where its search-space file is, so `confirm` can find the task's data later. */
  meta: { spacePath: string };
}

/** The settings from the parsed options, the space file (for the study name and seed defaults) and the terminal. */
export function searchSettings(options: CommandInvocation<'search'>['options'], spacePath: string, spaceFile: SpaceFile, io: CommandIo): SearchSettings {
  const studyName = options.study ?? spaceFile.name;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(studyName)) throw new InputError(`--study: must not contain control characters (got ${JSON.stringify(studyName)})`);
  // Under CI (CI set, as CI services do) ink draws only a final frame, so lines serve better even on a TTY.
  const inCi = ['CI', 'CONTINUOUS_INTEGRATION'].some((key) => key in io.env && io.env[key] !== '0' && io.env[key] !== 'false');
  return {
    spacePath,
    studyName,
    storageUrl: options.storage,
    trials: options.trials,
    workers: options.workers,
    seed: options.seed ?? spaceFile.seed ?? 0,
    sampler: options.sampler,
    backend: options.backend,
    requestedTestFraction: options['test-fraction'],
    confirm: !options['no-confirm'],
    confirmRepeats: options['confirm-seeds'],
    replay: options['no-replay'] ? null : (spaceFile.replay ?? null),
    noReplay: options['no-replay'],
    timeLimitMinutes: checkTimeLimit(options['time-limit']),
    json: options.json,
    useTui: !options.json && !options['no-tui'] && Boolean(io.stdout.isTTY) && !inCi,
    meta: { spacePath: resolve(io.cwd, spacePath) },
  };
}

/** `--time-limit` minutes: a positive number, or InputError. */
function checkTimeLimit(minutes: number | undefined): number | undefined {
  if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) {
    throw new InputError(`--time-limit: must be a positive number of minutes, got ${minutes}`);
  }
  return minutes;
}

/** Everything a search flow works with: the settings, the open storage and the loaded space. */
export interface SearchContext {
  readonly settings: SearchSettings;
  readonly io: CommandIo;
  readonly storage: Storage;
  readonly spaceFile: SpaceFile;
  readonly space: CompiledSpace;
  readonly spaceHash: string;
  /** The study's test fraction: its own when it exists, else the one asked for (or the default). */
  readonly testFraction: number;
  /** Loads TensorFlow and the task's trainer; folds in parallel only when no other worker shares the cores. */
  createEvaluator(parallelFolds: boolean): Promise<TrainerEvaluator>;
}
